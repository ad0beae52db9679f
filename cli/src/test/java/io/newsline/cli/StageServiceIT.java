package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.runtime.testing.EmbeddedStack;
import java.net.ServerSocket;
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
 * environment overrides: it becomes healthy, serves Prometheus metrics, and on SIGTERM shuts down
 * within 10 s with exit status 0, no ERROR line and no stack trace.
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
        String health = ReadyProbe.awaitOk("http://127.0.0.1:" + port + "/ready", Duration.ofSeconds(90), p::isAlive,
            () -> Files.readString(dir.resolve("enrich.log")));
        assertThat(health).contains("\"status\":\"UP\"").contains("enrich");
        String metrics = ReadyProbe.get("http://127.0.0.1:" + port + "/metrics");
        assertThat(metrics).contains("kafka_stream").contains("jvm_").doesNotContain("Exception");
      } finally {
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s").isTrue();
      }
      String log = Files.readString(dir.resolve("enrich.log"));
      assertThat(p.exitValue()).as(log).isZero();
      assertThat(log).contains("PENDING_SHUTDOWN -> NOT_RUNNING").doesNotContain(" ERROR ").doesNotContain("\tat ");
    }
  }
  @Test
  void ingestServiceCountsErrorsAndPushRequestsFromZero(@TempDir Path dir) throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.start(1)) {
      int port;
      int push;
      try (ServerSocket s = new ServerSocket(0); ServerSocket t = new ServerSocket(0)) {
        port = s.getLocalPort();
        push = t.getLocalPort();
      }
      Files.createDirectories(dir.resolve("in"));
      Path config = dir.resolve("ingest.properties");
      Files.writeString(config, "bootstrap.servers=" + stack.bootstrapServers() + "\nschema.registry.url=" + stack.registryUrl() + "\n"
          + "topics.replication.factor=1\nhttp.host=127.0.0.1\nhttp.port=" + port + "\n"
          + "ingest.folder=" + dir.resolve("in") + "\ningest.push.host=127.0.0.1\ningest.push.port=" + push + "\ningest.push.token=s3cret\n"
          + "ingest.feeds=http://127.0.0.1:1/rss\n");
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Newsline.class.getName(), "ingest", "--config", config.toString()));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("ingest.log").toFile()).start();
      try {
        ReadyProbe.awaitOk("http://127.0.0.1:" + port + "/ready", Duration.ofSeconds(90), p::isAlive,
            () -> Files.readString(dir.resolve("ingest.log")));
        // created at first use, the series were missing until then: an alert on them saw nothing
        String metrics = ReadyProbe.get("http://127.0.0.1:" + port + "/metrics");
        for (String source : List.of("feed", "push", "folder")) {
          assertThat(metrics).contains("newsline_ingest_errors_total{reason=\"bad_json\",source_type=\"" + source + "\"} 0.0");
        }
        for (String status : List.of("202", "400", "401", "413", "415", "503")) {
          assertThat(metrics).contains("newsline_ingest_push_requests_total{status=\"" + status + "\"} 0.0");
        }
      } finally {
        p.destroy();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s").isTrue();
      }
    }
  }
}
