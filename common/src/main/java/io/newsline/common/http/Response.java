package io.newsline.common.http;

import io.newsline.common.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer: a body in memory, or (for long answers and server-sent events) a {@link
 * StreamBody} that writes while the client reads.
 */
public record Response(int status, String contentType, byte[] body, Map<String, String> headers, StreamBody stream) {
  public static final String JSON = "application/json";

  /**
   * Writes a streamed answer; runs on the connection's thread for as long as it likes (an event
   * stream until the client goes away, which makes a write fail). Each {@code flush()} sends what
   * was written as one chunk at once; every write must get through within the server's write
   * timeout, however long the pauses between them.
   */
  @FunctionalInterface
  public interface StreamBody {
    void writeTo(OutputStream out) throws IOException;
  }

  /** A streamed answer's output that can tell whether the client has closed its connection. */
  public interface ClientLink {
    boolean closedByClient();
  }

  /**
   * Whether the client of a streamed answer has closed its connection (read without waiting). A
   * stream learns it otherwise only from a failed write, which may be a heartbeat away. A client
   * that vanished without closing (a cut network) counts as closed once it leaves what was written
   * unacknowledged through 4 resends (Linux), or fails the keepalive probes sent after 5 s of silence.
   */
  public static boolean clientClosed(OutputStream out) {
    return out instanceof ClientLink link && link.closedByClient();
  }

  public Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    this(status, contentType, body, headers, null);
  }

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

  /**
   * A streamed answer (chunked), e.g. {@code text/event-stream} for server-sent events; the
   * headers may add Cache-Control and the like.
   */
  public static Response stream(int status, String contentType, Map<String, String> headers, StreamBody body) {
    return new Response(status, contentType, null, headers, body);
  }

  public Response withContentType(String type) {
    return new Response(status, type, body, headers, stream);
  }

  /** This answer with one more header. */
  public Response withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Response(status, contentType, body, h, stream);
  }
}
