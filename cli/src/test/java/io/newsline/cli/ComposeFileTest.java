package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml is valid for Debian's docker-compose, gives every long-running service a health
 * check, and refuses to start without a push token. ComposeStackIT runs it.
 */
class ComposeFileTest {
  private static final Path COMPOSE = Path.of("..", "docker-compose.yml").toAbsolutePath().normalize();

  @Test
  void composeFileIsValidAndComplete() throws Exception {
    assumeTrue(onPath("docker-compose"), "docker-compose is not installed (.ci/run installs it)");
    Map<String, String> token = Map.of("NEWSLINE_PUSH_TOKEN", "a-token");
    assertThat(run(token, 0, "config", "-q")).isEqualTo("");
    String services = run(token, 0, "config", "--services");
    assertThat(services.lines().toList())
        .containsExactlyInAnyOrder("kafka", "schema-registry", "input-folder", "ingest", "enrich", "aggregate", "query");
    String config = run(token, 0, "config");
    // every service but the one-shot input-folder has a health check
    assertThat(config.split("healthcheck:", -1)).hasSize((int) services.lines().count());
    assertThat(config).contains("KAFKA_LOG_DIRS: /var/lib/kafka/data").contains("kafka-data:/var/lib/kafka/data")
        .doesNotContain("newsline.jar health");
    // the query stage's API and dashboard apart from its health and metrics, which stay on loopback
    assertThat(config).contains("NEWSLINE_QUERY_API_PORT: '8080'").contains("- 127.0.0.1:8094:8094/tcp").contains(":8080:8080/tcp");
  }

  @Test
  void composeRefusesToStartWithoutAPushToken() throws Exception {
    assumeTrue(onPath("docker-compose"), "docker-compose is not installed (.ci/run installs it)");
    assertThat(run(Map.of(), 1, "config", "-q")).contains("set NEWSLINE_PUSH_TOKEN");
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }

  private static String run(Map<String, String> env, int expectedExit, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("docker-compose", "-f", COMPOSE.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(cmd).directory(COMPOSE.getParent().toFile()).redirectErrorStream(true);
    b.environment().remove("NEWSLINE_PUSH_TOKEN");
    b.environment().putAll(env);
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isEqualTo(expectedExit);
    return out;
  }
}
