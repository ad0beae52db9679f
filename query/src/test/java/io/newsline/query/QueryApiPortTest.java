package io.newsline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.common.config.ConfigException;
import io.newsline.common.config.Settings;
import io.newsline.runtime.ops.OpsServer;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the query stage serves its API and dashboard: beside health and metrics on the stage's
 * port by default, or on query.api.port, leaving the stage's port to health, readiness and metrics
 * (operators keep those off the public port, as ingest keeps its push endpoint apart).
 */
class QueryApiPortTest {
  private final HttpClient client = HttpClient.newHttpClient();
  @TempDir Path stateDirs;

  @Test
  void byDefaultTheApiSharesTheStagePort() throws Exception {
    try (OpsServer ops = OpsServer.start("127.0.0.1", 0); QueryApplication app = QueryApplication.create(settings(Map.of()))) {
      app.mount(ops);
      assertThat(app.apiUrl(ops)).isEqualTo(ops.url());
      assertThat(status(ops.url() + "/api/events")).as("not loaded yet").isEqualTo(503);
      assertThat(status(ops.url() + "/metrics")).isEqualTo(200);
    }
  }

  @Test
  void withItsOwnPortTheApiAndTheOperationalEndpointsAreApart() throws Exception {
    try (OpsServer ops = OpsServer.start("127.0.0.1", 0);
        QueryApplication app = QueryApplication.create(settings(Map.of("query.api.host", "127.0.0.1", "query.api.port", "0")))) {
      app.mount(ops);
      String api = app.apiUrl(ops);
      assertThat(api).isNotEqualTo(ops.url());
      assertThat(status(api + "/api/events")).isEqualTo(503);
      assertThat(status(api + "/api/openapi.json")).isEqualTo(200);
      assertThat(status(api + "/")).isEqualTo(200);
      for (String ops1 : new String[] {"/metrics", "/health", "/ready"}) {
        assertThat(status(api + ops1)).as(ops1 + " on the public port").isEqualTo(404);
      }
      assertThat(status(ops.url() + "/metrics")).isEqualTo(200);
      assertThat(status(ops.url() + "/api/events")).as("no API on the ops port").isEqualTo(404);
      assertThat(status(ops.url() + "/")).isEqualTo(404);
    }
  }

  @Test
  void aTakenApiPortNamesTheSetting() throws Exception {
    try (ServerSocket taken = new ServerSocket(0);
        OpsServer ops = OpsServer.start("127.0.0.1", 0);
        QueryApplication app = QueryApplication.create(settings(Map.of("query.api.port", String.valueOf(taken.getLocalPort()))))) {
      assertThatThrownBy(() -> app.mount(ops)).isInstanceOf(BindException.class).hasMessageContaining("query.api.port");
    }
  }

  @Test
  void theApiPortMustNotBeTheStagePort() {
    assertThatThrownBy(() -> QueryApplication.create(settings(Map.of("http.port", "8094", "query.api.port", "8094"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("query.api.port must differ from http.port");
  }

  private Settings settings(Map<String, String> extra) throws Exception {
    Map<String, String> s = new HashMap<>(Map.of("bootstrap.servers", "127.0.0.1:1", "schema.registry.url", "http://127.0.0.1:1",
        "state.dir", Files.createTempDirectory(stateDirs, "query-port").toString()));
    s.putAll(extra);
    return Settings.of(s);
  }

  private int status(String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
