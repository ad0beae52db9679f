package io.newsline.registry.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Apicurio Registry 2.4.2 (in-memory storage) as a child JVM on a free loopback port, built by
 * registry/src/test/apicurio/install.sh. {@link #close()} stops it; a shutdown hook stops it too if
 * the test JVM exits first.
 */
final class ApicurioRegistryProcess implements AutoCloseable {
  static final String RUNNER = "apicurio-registry-runner-2.4.2-runner.jar";
  private static final Duration STARTUP = Duration.ofSeconds(120);

  private final Process process;
  private final Path log;
  private final int port;
  private final Thread stopOnExit;
  private final Duration startedIn;

  private ApicurioRegistryProcess(Process process, Path log, int port, Duration startedIn) {
    this.process = process;
    this.log = log;
    this.port = port;
    this.startedIn = startedIn;
    this.stopOnExit = new Thread(process::destroyForcibly, "stop-apicurio");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /**
   * Where install.sh puts the runner: -Dnewsline.apicurio.home, else $NEWSLINE_APICURIO_HOME, else
   * ${XDG_CACHE_HOME:-~/.cache}/newsline/apicurio-2.4.2; empty unless the build there finished.
   */
  static Optional<Path> installed() {
    String configured = System.getProperty("newsline.apicurio.home", System.getenv("NEWSLINE_APICURIO_HOME"));
    Path home;
    if (configured != null && !configured.isBlank()) {
      home = Path.of(configured);
    } else {
      String xdg = System.getenv("XDG_CACHE_HOME");
      Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
      home = cache.resolve("newsline").resolve("apicurio-2.4.2");
    }
    return Files.isRegularFile(home.resolve("READY")) && Files.isRegularFile(home.resolve(RUNNER))
        ? Optional.of(home) : Optional.empty();
  }

  /**
   * Starts the runner in {@code home} and waits until its health check says ready. Its log is
   * {@code workDir/apicurio-NAME.log}; {@code settings} are extra -D options for Apicurio.
   */
  static ApicurioRegistryProcess start(Path home, Path workDir, String name, String... settings)
      throws IOException, InterruptedException {
    IOException lastFailure = null;
    // a free port can be taken between finding it and Quarkus binding it: try a few
    for (int attempt = 1; attempt <= 3; attempt++) {
      int port = freePort();
      Path log = workDir.resolve("apicurio-" + name + (attempt > 1 ? "-" + attempt : "") + ".log");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-Dquarkus.http.host=127.0.0.1",
          "-Dquarkus.http.port=" + port,
          "-Dquarkus.log.console.color=false"));
      command.addAll(List.of(settings));
      command.addAll(List.of("-jar", home.resolve(RUNNER).toString()));
      long started = System.nanoTime();
      Process process = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      try {
        awaitReady(process, port, log);
        return new ApicurioRegistryProcess(process, log, port, Duration.ofNanos(System.nanoTime() - started));
      } catch (IOException e) {
        stop(process);
        lastFailure = e;
        if (!Files.readString(log).contains("already bound")) {
          break;
        }
      }
    }
    throw lastFailure;
  }

  /** Polls the health endpoint until it answers 200, the process dies, or {@link #STARTUP} passes. */
  private static void awaitReady(Process process, int port, Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("Apicurio exited with status " + process.exitValue() + " while starting:\n" + tail(log));
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IOException("Apicurio was not ready after " + STARTUP.toSeconds() + " s:\n" + tail(log));
  }

  /** The Confluent-compatible API, e.g. http://127.0.0.1:PORT/apis/ccompat/v7. */
  String ccompatUrl() {
    return baseUrl() + "/apis/ccompat/v7";
  }

  /** The registry's root: its native API is under /apis/registry/v2. */
  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  Duration startedIn() {
    return startedIn;
  }

  /** The last lines of the registry's log, for failure messages. */
  String logTail() {
    try {
      return tail(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    stop(process);
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
