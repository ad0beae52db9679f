package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.avro.EventTimeline;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.testing.EmbeddedStack;
import io.newsline.runtime.testing.TopicReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The stages as they are deployed: ingest, enrich and aggregate each in its own container of the
 * newsline image (Testcontainers), configured by NEWSLINE_* environment variables only, against a
 * real Kafka broker and schema registry. The five samples dropped into the ingest container's
 * watched folder become one event on the compacted events topic; each container is healthy, and
 * stops cleanly on `docker stop` (SIGTERM to the JVM as PID 1).
 *
 * <p>No image can be pulled here, so the images are built from the local JDK and the packaged CLI
 * ({@code src/test/docker/build-images.sh}). Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerStagesIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String IMAGE = "newsline-it/newsline:it";

  @Test
  void threeStageContainersTurnTheSamplesIntoOneEvent(@TempDir Path dir) throws Exception {
    buildImages(dir);
    Path input = Files.createDirectories(dir.resolve("input"));
    try (EmbeddedStack stack = EmbeddedStack.start(1)) {
      Map<String, GenericContainer<?>> stages = new LinkedHashMap<>();
      Map<String, Integer> ports = new LinkedHashMap<>();
      try {
        for (String stage : List.of("enrich", "aggregate", "ingest")) {
          int port = freePort();
          GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(IMAGE))
              .withCommand(stage)
              // the broker and registry run in this JVM on the host's loopback
              .withNetworkMode("host")
              .withEnv("NEWSLINE_BOOTSTRAP_SERVERS", stack.bootstrapServers())
              .withEnv("NEWSLINE_SCHEMA_REGISTRY_URL", stack.registryUrl())
              .withEnv("NEWSLINE_TOPICS_REPLICATION_FACTOR", "1")
              .withEnv("NEWSLINE_STATE_DIR", "/tmp/state")
              .withEnv("NEWSLINE_HTTP_HOST", "127.0.0.1")
              .withEnv("NEWSLINE_HTTP_PORT", String.valueOf(port))
              .withEnv("NEWSLINE_COMMIT_INTERVAL_MS", "100");
          if (stage.equals("ingest")) {
            c.withEnv("NEWSLINE_INGEST_FOLDER", "/input")
                .withEnv("NEWSLINE_INGEST_FOLDER_INTERVAL", "500ms")
                .withEnv("NEWSLINE_INGEST_TRANSACTIONAL_ID", "newsline-ingest-it")
                .withFileSystemBind(input.toString(), "/input");
          }
          c.start();
          stages.put(stage, c);
          ports.put(stage, port);
        }
        for (String stage : stages.keySet()) {
          GenericContainer<?> c = stages.get(stage);
          assertThat(ReadyProbe.awaitOk("http://127.0.0.1:" + ports.get(stage) + "/ready", WAIT, c::isRunning, c::getLogs))
              .contains("\"status\":\"UP\"");
        }

        List<Path> samples;
        try (Stream<Path> files = Files.list(Path.of("..", "samples"))) {
          samples = files.filter(f -> f.getFileName().toString().matches("\\d{3}_.*\\.txt")).sorted().toList();
        }
        assertThat(samples).hasSize(5);
        for (Path s : samples) {
          // written under another name, then renamed: the folder never shows a half-written file
          Path partial = input.resolve("." + s.getFileName() + ".part");
          Files.copy(s, partial);
          Files.move(partial, input.resolve(s.getFileName()));
        }

        TopicSerdes serdes = new TopicSerdes(KafkaSettings.clientConfig(stack.settings()));
        String topic = stack.topics().events();
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readUntil(stack.bootstrapServers(), topic,
            rs -> TopicReader.latestByKey(rs).values().stream()
                .anyMatch(v -> v != null && serdes.events().deserializer().deserialize(topic, v).getArticleCount() == 5), WAIT);
        List<EventTimeline> events = new ArrayList<>();
        TopicReader.latestByKey(records).values().forEach(v -> {
          if (v != null) {
            events.add(serdes.events().deserializer().deserialize(topic, v));
          }
        });
        assertThat(events).as(logs(stages)).hasSize(1);
        assertThat(events.get(0).getArticleCount()).isEqualTo(5);
        assertThat(events.get(0).getTopEntities()).extracting(e -> e.getName()).contains("Vladimir Putin");
        try (Stream<Path> processed = Files.list(input.resolve("processed"))) {
          assertThat(processed.count()).isEqualTo(5);
        }
      } finally {
        for (Map.Entry<String, GenericContainer<?>> e : stages.entrySet()) {
          stopGracefully(e.getKey(), e.getValue());
        }
      }
    }
  }

  private static void buildImages(Path dir) throws IOException, InterruptedException {
    Path log = dir.resolve("build-images.log");
    Process p = new ProcessBuilder("bash", "src/test/docker/build-images.sh", "target", IMAGE)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("images built within 10 minutes").isTrue();
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
  }

  /** docker stop: SIGTERM, then the stage must close its Streams clients and exit by itself. */
  private static void stopGracefully(String stage, GenericContainer<?> c) {
    if (!c.isRunning()) {
      return;
    }
    String logs = c.getLogs();
    c.getDockerClient().stopContainerCmd(c.getContainerId()).withTimeout(60).exec();
    Long exit = c.getDockerClient().inspectContainerCmd(c.getContainerId()).exec().getState().getExitCodeLong();
    String after = c.getLogs();
    c.stop();
    assertThat(exit).as(stage + " exit code after docker stop\n" + after).isIn(0L, 143L);
    assertThat(after.length()).as(stage + " logged its shutdown").isGreaterThanOrEqualTo(logs.length());
  }

  private static String logs(Map<String, GenericContainer<?>> stages) {
    StringBuilder b = new StringBuilder();
    stages.forEach((name, c) -> b.append("== ").append(name).append('\n').append(c.getLogs()));
    return b.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
