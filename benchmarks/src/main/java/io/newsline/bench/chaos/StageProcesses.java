package io.newsline.bench.chaos;

import io.newsline.runtime.testing.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One pipeline as three operating-system processes, each the real {@code newsline} command from
 * the built jar ({@code java -jar newsline.jar ingest|enrich|aggregate --config FILE}), with its
 * own properties file, topics, consumer groups and state folders, so two runs can share a cluster.
 * A stage can be killed with SIGKILL and started again on the same configuration and state.
 */
final class StageProcesses implements AutoCloseable {
  enum Stage {
    INGEST("512m"), ENRICH("1g"), AGGREGATE("768m");

    final String heap;

    Stage(String heap) {
      this.heap = heap;
    }

    String command() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Path jar;
  private final Path dir;
  private final Map<Stage, Process> running = new EnumMap<>(Stage.class);
  private final Map<Stage, Path> configs = new EnumMap<>(Stage.class);
  private final Map<Stage, Integer> httpPorts = new EnumMap<>(Stage.class);
  private final int pushPort;
  private final String pushToken = "chaos-token";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * @param run names the run's topics ({@code <run>.articles.raw}, ...), groups and transactional ids
   * @param settings settings every stage gets (cluster, registry, aggregate's reorder buffer...)
   */
  StageProcesses(Path jar, Path dir, String run, Map<String, String> settings) throws IOException {
    this.jar = jar;
    this.dir = dir;
    this.pushPort = Ports.free();
    Files.createDirectories(dir);
    for (Stage stage : Stage.values()) {
      Properties p = new Properties();
      p.putAll(settings);
      p.putAll(topicSettings(run));
      p.put("application.id", run + "-" + stage.command());
      p.put("state.dir", dir.resolve(stage.command() + "-state").toString());
      p.put("http.host", "127.0.0.1");
      httpPorts.put(stage, Ports.free());
      p.put("http.port", String.valueOf(httpPorts.get(stage)));
      if (stage == Stage.INGEST) {
        p.put("ingest.push.host", "127.0.0.1");
        p.put("ingest.push.port", String.valueOf(pushPort));
        p.put("ingest.push.token", pushToken);
      }
      Path file = dir.resolve(stage.command() + ".properties");
      try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        p.store(w, "chaos run " + run + ": " + stage.command());
      }
      configs.put(stage, file);
    }
  }

  /** Every topic name the run uses, for creating them up front. */
  static Map<String, String> topicSettings(String run) {
    return Map.of("topics.raw", run + ".articles.raw", "topics.enriched", run + ".articles.enriched",
        "topics.events", run + ".events", "topics.assignments", run + ".assignments",
        "topics.deadletter", run + ".deadletter", "topics.ingest.state", run + ".ingest.state");
  }

  String pushUrl() {
    return "http://127.0.0.1:" + pushPort + "/articles";
  }

  String pushToken() {
    return pushToken;
  }

  synchronized void startAll() throws IOException {
    for (Stage s : Stage.values()) {
      start(s);
    }
  }

  synchronized void start(Stage stage) throws IOException {
    Path log = dir.resolve(stage.command() + ".log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + stage.heap, "-Dnewsline.log.level=info", "-jar", jar.toString(), stage.command(),
        "--config", configs.get(stage).toString()));
    running.put(stage, new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
  }

  /** SIGKILL: the process gets no chance to commit, flush or leave its group. */
  synchronized void kill(Stage stage) throws InterruptedException {
    Process p = running.get(stage);
    if (p != null) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Waits until every stage answers 200 on /ready. */
  void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Stage s : Stage.values()) {
      awaitReady(s, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
  }

  /** Waits until the stage answers 200 on /ready (polled every 200 ms). */
  void awaitReady(Stage s, Duration timeout) throws IOException, InterruptedException {
    Process p = process(s);
    if (!awaitReady(s, p, timeout)) {
      throw new IOException(s.command() + (p.isAlive() ? " not ready after " + timeout : " exited with " + p.exitValue()) + ": " + tail(s));
    }
  }

  /**
   * Waits until this process of the stage answers 200 on /ready; false when it exits (or is killed
   * and replaced) first, or the timeout passes.
   */
  boolean awaitReady(Stage s, Process p, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (p.isAlive() && process(s) == p && System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts.get(s) + "/ready"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return process(s) == p;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    return false;
  }

  /** The stage's current process. */
  synchronized Process process(Stage s) {
    return running.get(s);
  }

  /** The end of a stage's log, for error messages. */
  String tail(Stage s) {
    try {
      String log = Files.readString(dir.resolve(s.command() + ".log"), StandardCharsets.UTF_8);
      return log.substring(Math.max(0, log.length() - 3000));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** SIGTERM to every stage (a graceful stop), then SIGKILL what is left. */
  @Override
  public synchronized void close() {
    running.values().forEach(Process::destroy);
    for (Process p : running.values()) {
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
