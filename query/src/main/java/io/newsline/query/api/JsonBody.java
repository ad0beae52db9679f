package io.newsline.query.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.newsline.common.Json;
import io.newsline.common.http.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** JSON answers written with Jackson's streaming generator (no tree per request). */
final class JsonBody {
  private JsonBody() {}

  @FunctionalInterface
  interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  static byte[] bytes(Writer w) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
      w.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Response ok(Writer w) {
    return raw(200, bytes(w));
  }

  static Response raw(int status, byte[] json) {
    return new Response(status, Response.JSON, json, Map.of("Cache-Control", "no-cache"));
  }
}
