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
}
