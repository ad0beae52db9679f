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
    assertThat(get("/echo").statusCode()).isEqualTo(405);
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

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
