package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newsline.avro.EventTimeline;
import io.newsline.common.config.Settings;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.Topics;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.testing.TopicReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment as shipped: docker-compose.yml itself, run with docker-compose, plus a test override
 * (written below) that swaps only what cannot run here. Images: nothing can be pulled, so Kafka is an
 * image built from the Apache Kafka jars on Maven Central and started as apache/kafka starts, and the
 * newsline image is the Dockerfile's layout on a JRE made from the local JDK
 * ({@code src/test/docker/build-images.sh}). The registry: Confluent's is not on Central, so it is
 * newsline's own Kafka-backed registry ({@code newsline registry}). The network: the test machines
 * allow loopback traffic only, so host networking with free ports in place of the fixed ones.
 *
 * <p>Checks: every service becomes healthy; the five samples dropped into ./input (which Docker
 * creates, owned by root) come out as one event in newsline.events, read with newsline's
 * deserializer; after {@code docker-compose restart}, and after {@code down} (keeping the volumes)
 * and {@code up}, the event is still there and nothing was processed again; the stages stop with
 * exit status 0 on SIGTERM. Skipped where no Docker engine or docker-compose is installed.
 */
class ComposeStackIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Duration HEALTHY = Duration.ofMinutes(5);
  private static final List<String> SERVICES = List.of("kafka", "schema-registry", "ingest", "enrich", "aggregate", "query");
  private static final List<String> STAGES = List.of("ingest", "enrich", "aggregate", "query");

  @Test
  void theComposeStackTurnsTheSamplesIntoOneEventAndKeepsItAcrossRestarts(@TempDir Path project) throws Exception {
    assumeTrue(succeeds("docker", "info"), "no Docker engine (.ci/run starts one)");
    assumeTrue(succeeds("docker-compose", "version"), "docker-compose is not installed (.ci/run installs it)");
    long t0 = System.nanoTime();
    Map<String, String> images = buildImages(project);
    long built = System.nanoTime();

    Files.writeString(project.resolve("docker-compose.yml"), withoutPublishedPorts(Files.readString(ROOT.resolve("docker-compose.yml"))));
    FreePorts ports = new FreePorts();
    Files.writeString(project.resolve("docker-compose.it.yml"), override(images, ports));
    Compose compose = new Compose(project, "nlit" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36));
    Settings client = Settings.of(Map.of(
        "bootstrap.servers", "127.0.0.1:" + ports.kafka,
        "schema.registry.url", "http://127.0.0.1:" + ports.registry));
    Topics topics = new Topics(client);
    Map<String, Double> phases = new LinkedHashMap<>();
    phases.put("images", (built - t0) / 1e9);
    try {
      long t = System.nanoTime();
      compose.run("up", "-d", "--no-build");
      compose.awaitHealthy(SERVICES);
      phases.put("up, all healthy", (System.nanoTime() - t) / 1e9);
      assertThat(compose.exitCode("input-folder")).as("input-folder exit status").isZero();

      t = System.nanoTime();
      Path input = project.resolve("input");
      assertThat(input.resolve("processed")).as("the ingest folder's processed/").isDirectory();
      dropSamples(input);
      EventTimeline event = awaitOneEventOfFiveArticles(client, topics, compose);
      phases.put("samples to one event", (System.nanoTime() - t) / 1e9);
      assertThat(event.getTopEntities()).extracting(e -> e.getName()).contains("Vladimir Putin");
      assertQueryPortsSplit(ports, event.getEventId());
      assertThat(listFiles(input.resolve("processed"))).hasSize(5);
      Map<String, Integer> written = recordCounts(client, topics);
      assertThat(written).containsEntry(topics.raw(), 5).containsEntry(topics.enriched(), 5);

      t = System.nanoTime();
      compose.run("restart");
      compose.awaitHealthy(SERVICES);
      phases.put("restart, all healthy", (System.nanoTime() - t) / 1e9);
      assertKept(client, topics, compose, written, "after docker-compose restart");

      t = System.nanoTime();
      compose.run("stop");
      for (String stage : STAGES) {
        assertThat(compose.exitCode(stage)).as(stage + " exit status after SIGTERM\n" + compose.logs(stage)).isZero();
      }
      compose.run("down");
      compose.run("up", "-d", "--no-build");
      compose.awaitHealthy(SERVICES);
      phases.put("stop, down, up, all healthy", (System.nanoTime() - t) / 1e9);
      assertKept(client, topics, compose, written, "after docker-compose down and up");
      assertThat(listFiles(input)).as("nothing left in the input folder").containsOnly("processed", "failed");
    } catch (AssertionError | RuntimeException e) {
      System.out.println(compose.logs(""));
      throw e;
    } finally {
      compose.runQuietly("down", "-v", "--remove-orphans", "-t", "30");
      phases.put("total", (System.nanoTime() - t0) / 1e9);
      StringBuilder b = new StringBuilder("ComposeStackIT phases (s):");
      phases.forEach((k, v) -> b.append(String.format(Locale.ROOT, " %s %.1f;", k, v)));
      System.out.println(b);
    }
  }

  /**
   * The file without its published ports: on the host network they mean nothing, and docker-compose
   * refuses them there (an override can add to a service's ports but not remove them).
   */
  static String withoutPublishedPorts(String compose) {
    String stripped = compose.replaceAll("(?m)^    ports:\\n(      - .*\\n)+", "");
    assertThat(stripped).doesNotContain("ports:");
    return stripped;
  }

  /** The override: images, registry, host networking and listen addresses; nothing else differs. */
  private static String override(Map<String, String> images, FreePorts p) {
    String newsline = images.get("NEWSLINE_IMAGE");
    String stageEnv = """
          NEWSLINE_BOOTSTRAP_SERVERS: 127.0.0.1:%d
          NEWSLINE_SCHEMA_REGISTRY_URL: http://127.0.0.1:%d
          NEWSLINE_HTTP_HOST: 127.0.0.1
    """.formatted(p.kafka, p.registry);
    return """
        # written by ComposeStackIT: what must differ on a machine that pulls no image and allows
        # loopback traffic only
        services:
          kafka:
            image: %1$s
            network_mode: host
            environment:
              KAFKA_LISTENERS: PLAINTEXT://127.0.0.1:%3$d,CONTROLLER://127.0.0.1:%4$d
              KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://127.0.0.1:%3$d
              KAFKA_CONTROLLER_QUORUM_VOTERS: 1@127.0.0.1:%4$d
          schema-registry:
            image: %2$s
            network_mode: host
            command: ["registry"]
            environment:
              NEWSLINE_BOOTSTRAP_SERVERS: 127.0.0.1:%3$d
              NEWSLINE_REGISTRY_HOST: 127.0.0.1
              NEWSLINE_REGISTRY_PORT: "%5$d"
            healthcheck:
              test: ["CMD", "/opt/newsline/bin/probe", "%5$d", "/subjects"]
          input-folder:
            image: %2$s
          ingest:
            image: %2$s
            network_mode: host
            environment:
        %9$s      NEWSLINE_HTTP_PORT: "%6$d"
              NEWSLINE_INGEST_PUSH_HOST: 127.0.0.1
              NEWSLINE_INGEST_PUSH_PORT: "%10$d"
          enrich:
            image: %2$s
            network_mode: host
            environment:
        %9$s      NEWSLINE_HTTP_PORT: "%7$d"
          aggregate:
            image: %2$s
            network_mode: host
            environment:
        %9$s      NEWSLINE_HTTP_PORT: "%8$d"
          query:
            image: %2$s
            network_mode: host
            environment:
        %9$s      NEWSLINE_HTTP_PORT: "%11$d"
              NEWSLINE_QUERY_API_HOST: 127.0.0.1
              NEWSLINE_QUERY_API_PORT: "%12$d"
        """.formatted(images.get("KAFKA_IMAGE"), newsline, p.kafka, p.controller, p.registry,
        p.ingest, p.enrich, p.aggregate, stageEnv, p.push, p.query, p.queryApi);
  }

  /** The query stage serves the API and dashboard on its API port, health and metrics on its own. */
  private static void assertQueryPortsSplit(FreePorts ports, String eventId) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String api = "http://127.0.0.1:" + ports.queryApi;
    String ops = "http://127.0.0.1:" + ports.query;
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    String events = get(http, api + "/api/events").body();
    while (!events.contains(eventId) && System.nanoTime() < deadline) {
      Thread.sleep(500);
      events = get(http, api + "/api/events").body();
    }
    assertThat(events).as("the event on the API port").contains(eventId);
    assertThat(get(http, api + "/").body()).contains("<title>newsline</title>");
    assertThat(get(http, api + "/metrics").statusCode()).as("no metrics on the API port").isEqualTo(404);
    assertThat(get(http, ops + "/api/events").statusCode()).as("no API on the ops port").isEqualTo(404);
    assertThat(get(http, ops + "/metrics").body()).contains("newsline_query_events");
  }

  private static java.net.http.HttpResponse<String> get(java.net.http.HttpClient http, String url) throws Exception {
    return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static void dropSamples(Path input) throws IOException {
    List<Path> samples;
    try (Stream<Path> files = Files.list(ROOT.resolve("samples"))) {
      samples = files.filter(f -> f.getFileName().toString().matches("\\d{3}_.*\\.txt")).sorted().toList();
    }
    assertThat(samples).hasSize(5);
    for (Path s : samples) {
      // written under another name, then renamed: the folder never shows a half-written file
      Path partial = input.resolve("." + s.getFileName() + ".part");
      Files.copy(s, partial);
      Files.move(partial, input.resolve(s.getFileName()));
    }
  }

  private static EventTimeline awaitOneEventOfFiveArticles(Settings client, Topics topics, Compose compose) {
    TopicSerdes serdes = new TopicSerdes(KafkaSettings.clientConfig(client));
    String topic = topics.events();
    List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readUntil(client.get("bootstrap.servers"), topic,
        rs -> events(serdes, topic, rs).stream().anyMatch(e -> e.getArticleCount() == 5), Duration.ofMinutes(3));
    List<EventTimeline> events = events(serdes, topic, records);
    assertThat(events).as("events\n" + compose.logs("")).hasSize(1);
    assertThat(events.get(0).getArticleCount()).isEqualTo(5);
    return events.get(0);
  }

  private static List<EventTimeline> events(TopicSerdes serdes, String topic, List<ConsumerRecord<byte[], byte[]>> records) {
    List<EventTimeline> events = new ArrayList<>();
    TopicReader.latestByKey(records).values().forEach(v -> {
      if (v != null) {
        events.add(serdes.events().deserializer().deserialize(topic, v));
      }
    });
    return events;
  }

  /** The same event, and no topic written again (each write is a record: nothing is compacted yet). */
  private static void assertKept(Settings client, Topics topics, Compose compose, Map<String, Integer> written, String when) {
    EventTimeline event = awaitOneEventOfFiveArticles(client, topics, compose);
    assertThat(event.getArticleCount()).as(when).isEqualTo(5);
    assertThat(recordCounts(client, topics)).as("records per topic " + when).isEqualTo(written);
  }

  private static Map<String, Integer> recordCounts(Settings client, Topics topics) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String topic : List.of(topics.raw(), topics.enriched(), topics.events(), topics.assignments())) {
      // read until two polls in a row bring nothing new
      int[] seen = {-1, 0};
      List<ConsumerRecord<byte[], byte[]>> rs = TopicReader.readUntil(client.get("bootstrap.servers"), topic, r -> {
        seen[1] = r.size() == seen[0] ? seen[1] + 1 : 0;
        seen[0] = r.size();
        return seen[1] >= 10;
      }, Duration.ofSeconds(20));
      counts.put(topic, rs.size());
    }
    return counts;
  }

  private static List<String> listFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).toList();
    }
  }

  private static Map<String, String> buildImages(Path dir) throws IOException, InterruptedException {
    Path log = dir.resolve("build-images.log");
    Process p = new ProcessBuilder("bash", "src/test/docker/build-images.sh", "target")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(15, TimeUnit.MINUTES)).as("images built within 15 minutes").isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as(out).isZero();
    Map<String, String> tags = new HashMap<>();
    for (String kv : out.strip().lines().reduce((a, b) -> b).orElseThrow().split(" ")) {
      tags.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    return tags;
  }

  private static boolean succeeds(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** Free loopback ports for every listener the stack opens. */
  private static final class FreePorts {
    final int kafka = Ports.free("127.0.0.1");
    final int controller = Ports.free("127.0.0.1");
    final int registry = Ports.free("127.0.0.1");
    final int ingest = Ports.free("127.0.0.1");
    final int push = Ports.free("127.0.0.1");
    final int enrich = Ports.free("127.0.0.1");
    final int aggregate = Ports.free("127.0.0.1");
    final int query = Ports.free("127.0.0.1");
    final int queryApi = Ports.free("127.0.0.1");
  }

  /** docker-compose (v1) on the project folder with the file and the override. */
  private record Compose(Path dir, String project) {
    String run(String... args) {
      List<String> cmd = new ArrayList<>(List.of("docker-compose", "--ansi", "never", "-p", project,
          "-f", "docker-compose.yml", "-f", "docker-compose.it.yml"));
      cmd.addAll(List.of(args));
      try {
        ProcessBuilder b = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        b.environment().put("NEWSLINE_PUSH_TOKEN", "compose-it-" + project);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
          throw new AssertionError(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    void runQuietly(String... args) {
      try {
        run(args);
      } catch (AssertionError | RuntimeException e) {
        System.out.println(e.getMessage());
      }
    }

    String container(String service) {
      return run("ps", "-a", "-q", service).strip();
    }

    String inspect(String service, String format) {
      String id = container(service);
      if (id.isEmpty()) {
        return "";
      }
      try {
        Process p = new ProcessBuilder("docker", "inspect", "-f", format, id).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
      } catch (IOException | InterruptedException e) {
        return e.toString();
      }
    }

    int exitCode(String service) {
      return Integer.parseInt(inspect(service, "{{.State.ExitCode}}"));
    }

    void awaitHealthy(List<String> services) throws InterruptedException {
      long deadline = System.nanoTime() + HEALTHY.toNanos();
      Map<String, String> status = new LinkedHashMap<>();
      while (System.nanoTime() < deadline) {
        for (String s : services) {
          status.put(s, inspect(s, "{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{end}}"));
        }
        if (status.values().stream().allMatch(v -> v.equals("running/healthy"))) {
          return;
        }
        Thread.sleep(1000);
      }
      throw new AssertionError("not all healthy: " + status + "\n" + logs(""));
    }

    String logs(String service) {
      try {
        return service.isEmpty() ? run("logs", "--no-color", "--tail", "150") : run("logs", "--no-color", "--tail", "150", service);
      } catch (AssertionError | RuntimeException e) {
        return "(no logs: " + e.getMessage() + ")";
      }
    }
  }
}
