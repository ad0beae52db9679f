package io.newsline.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServiceTest {
  private HttpService http;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    http = HttpService.builder("test", "127.0.0.1", 0)
        .get("/subjects/{subject}/versions/{version}", r -> Response.ok(Map.of("subject", r.param("subject"), "version", r.param("version"))))
        .post("/echo", r -> Response.text(200, "text/plain", r.bodyText()))
        .get("/fail", r -> { throw new HttpError(409, "conflict here"); })
        .maxBodyBytes(10)
        .start();
  }

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void routesWithDecodedPathParameters() throws Exception {
    HttpResponse<String> r = get("/subjects/a%2Fb-value/versions/latest");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"subject\":\"a/b-value\"").contains("\"version\":\"latest\"");
  }

  @Test
  void answersUnknownPathsWrongMethodsErrorsAndOversizedBodies() throws Exception {
    assertThat(get("/nope").statusCode()).isEqualTo(404);
    HttpResponse<String> wrongMethod = get("/echo");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    HttpResponse<String> conflict = get("/fail");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.body()).contains("\"error_code\":409").contains("conflict here");
    HttpResponse<String> big = client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/echo"))
        .POST(HttpRequest.BodyPublishers.ofString("0123456789ABC")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(big.statusCode()).isEqualTo(413);
    HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/echo"))
        .POST(HttpRequest.BodyPublishers.ofString("hi")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ok.body()).isEqualTo("hi");
  }

  @Test
  void routesMountedWhileRunningAreServedAfterTheBuildersOnes() throws Exception {
    assertThat(get("/events/e1").statusCode()).isEqualTo(404);
    http.route("GET", "/events/{id}", r -> Response.text(200, "text/plain", "event " + r.param("id")))
        .route("GET", "/fail", r -> Response.text(200, "text/plain", "shadowed"));
    assertThat(get("/events/e1").body()).isEqualTo("event e1");
    assertThat(get("/fail").statusCode()).isEqualTo(409);
  }

  @Test
  void headIsAnsweredWhereverGetIs() throws Exception {
    HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/subjects/s/versions/1"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(get("/subjects/s/versions/1").body().length());
    HttpResponse<String> noGet = client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/echo"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(noGet.statusCode()).isEqualTo(405);
    HttpResponse<String> postOnGet = client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/subjects/s/versions/1"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(postOnGet.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void errorsTheServerAnswersItselfTakeTheConfiguredShape() throws Exception {
    try (HttpService s = HttpService.builder("shaped", "127.0.0.1", 0)
        .get("/a", r -> Response.text(200, "text/plain", "a"))
        .get("/broken", r -> { throw new IllegalStateException("bug"); })
        .errorBody((status, message) -> Map.of("error", message))
        .start()) {
      HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/b")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).isEqualTo("{\"error\":\"no such resource: /b\"}");
      HttpResponse<String> wrongMethod = client.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/a"))
          .DELETE().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(wrongMethod.statusCode()).isEqualTo(405);
      assertThat(wrongMethod.body()).isEqualTo("{\"error\":\"method not allowed: DELETE\"}");
      try (java.net.Socket raw = new java.net.Socket("127.0.0.1", s.port())) {
        raw.getOutputStream().write("GET /a?x=%zz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String answer = new String(raw.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 400 ").endsWith("\r\n\r\n{\"error\":\"malformed request target\"}");
      }
      HttpResponse<String> broken = client.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/broken")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(broken.statusCode()).isEqualTo(500);
      assertThat(broken.body()).startsWith("{\"error\":").doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void repeatedSlashesReadAsOneOnEveryRoute() throws Exception {
    // "//subjects/..." was read as the authority "subjects" and the path "/s/versions/1": a 404, and
    // "//x/subjects/s/versions/1" reached the route
    assertThat(raw("//subjects/s/versions/1")).startsWith("HTTP/1.1 200 ").contains("\"subject\":\"s\"");
    assertThat(raw("/subjects//s///versions/1/")).startsWith("HTTP/1.1 200 ").contains("\"version\":\"1\"");
    assertThat(raw("//x/subjects/s/versions/1")).startsWith("HTTP/1.1 404 ").contains("no such resource: //x/subjects/s/versions/1");
    assertThat(raw("//echo")).startsWith("HTTP/1.1 405 ");
    assertThat(raw("http://localhost/subjects/s/versions/2?a=b")).startsWith("HTTP/1.1 200 ").contains("\"version\":\"2\"");
  }

  private String raw(String target) throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", http.port())) {
      s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
