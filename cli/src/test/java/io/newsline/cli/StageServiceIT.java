package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.runtime.testing.EmbeddedStack;
import java.net.URI;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `newsline enrich --config FILE` as its own process, configured by a file plus NEWSLINE_*
 * environment overrides: it becomes healthy, serves Prometheus metrics, and shuts down cleanly on
 * SIGTERM.
 */
class StageServiceIT {
  @Test
  void enrichServiceIsHealthyServesMetricsAndStopsOnSigterm(@TempDir Path dir) throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.start(1)) {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path config = dir.resolve("enrich.properties");
      Files.writeString(config, "bootstrap.servers=wrong:1\nschema.registry.url=" + stack.registryUrl() + "\n"
          + "state.dir=" + dir.resolve("state") + "\ntopics.replication.factor=1\nhttp.host=127.0.0.1\n");
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Newsline.class.getName(), "enrich", "--config", config.toString()));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("enrich.log").toFile());
      pb.environment().put("NEWSLINE_BOOTSTRAP_SERVERS", stack.bootstrapServers());
      pb.environment().put("NEWSLINE_HTTP_PORT", String.valueOf(port));
      Process p = pb.start();
      try {
        HttpClient http = HttpClient.newHttpClient();
        String health = awaitOk(http, "http://127.0.0.1:" + port + "/ready", Duration.ofSeconds(90), p, dir);
        assertThat(health).contains("\"status\":\"UP\"").contains("enrich");
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("kafka_stream").contains("jvm_").doesNotContain("Exception");
      } finally {
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
      }
      assertThat(p.exitValue()).as(Files.readString(dir.resolve("enrich.log"))).isIn(0, 143);
      assertThat(Files.readString(dir.resolve("enrich.log"))).contains("PENDING_SHUTDOWN -> NOT_RUNNING");
    }
  }

  private static String awaitOk(HttpClient http, String url, Duration timeout, Process p, Path dir) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline && p.isAlive()) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return r.body();
        }
        last = r.body();
      } catch (java.io.IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("not ready: " + last + "\n" + Files.readString(dir.resolve("enrich.log")));
  }
}
