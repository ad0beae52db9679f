package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** docker-compose.yml is valid for Debian's docker-compose and runs every service with a health check. */
class ComposeFileTest {
  private static final Path COMPOSE = Path.of("..", "docker-compose.yml").toAbsolutePath().normalize();

  @Test
  void composeFileIsValidAndComplete() throws Exception {
    assumeTrue(onPath("docker-compose"), "docker-compose is not installed (.ci/run installs it)");
    assertThat(run("docker-compose", "-f", COMPOSE.toString(), "config", "-q")).isEqualTo("");
    String services = run("docker-compose", "-f", COMPOSE.toString(), "config", "--services");
    assertThat(services.lines().toList()).containsExactlyInAnyOrder("kafka", "schema-registry", "ingest", "enrich", "aggregate");
    String config = run("docker-compose", "-f", COMPOSE.toString(), "config");
    assertThat(config.split("healthcheck:", -1)).hasSize(6);
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(List.of(cmd)).directory(COMPOSE.getParent().toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
