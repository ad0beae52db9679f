package io.newsline.common.http;

import io.newsline.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP answer. */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
  public static final String JSON = "application/json";

  public static Response json(int status, Object value) {
    return new Response(status, JSON, Json.write(value).getBytes(StandardCharsets.UTF_8), Map.of());
  }

  public static Response ok(Object value) {
    return json(200, value);
  }

  public static Response text(int status, String contentType, String body) {
    return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  public static Response error(int status, String message) {
    return json(status, Map.of("error_code", status, "message", message));
  }

  public Response withContentType(String type) {
    return new Response(status, type, body, headers);
  }
}
