package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `newsline local` as its own process, stopped as a user stops it: Ctrl-C (SIGINT; SIGTERM where
 * this JVM was started with SIGINT ignored, as a background job is, since the child inherits that)
 * closes everything in order within 10 s with exit status 130 (0 after SIGTERM), no ERROR line and no
 * stack trace. While it runs, a second `local` on its data folder is refused with one line. A port
 * asked for that is taken is replaced by a free one, and the output says so.
 */
class LocalShutdownIT {
  private static final Duration READY = Duration.ofMinutes(3);

  @Test
  void localStopsInOrderWithinTenSecondsAndHoldsItsDataFolder(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path input = dir.resolve("input");
    Path out = dir.resolve("out.log");
    Path err = dir.resolve("err.log");
    ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Process p = new ProcessBuilder(javaExe(), "-Xmx1g", "-cp", System.getProperty("java.class.path"), Newsline.class.getName(),
        "local", "--data", data.toString(), "--input", input.toString(),
        "--kafka-port", "0", "--registry-port", "0", "--http-port", String.valueOf(taken.getLocalPort()))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try (taken) {
      awaitOutput(p, out, "all input processed");
      assertThat(Files.readString(out)).containsPattern("port " + taken.getLocalPort() + " is taken; using port \\d+ for health, metrics and the dashboard\n");

      ByteArrayOutputStream refusal = new ByteArrayOutputStream();
      PrintStream original = System.err;
      int exit;
      try {
        System.setErr(new PrintStream(refusal, true, StandardCharsets.UTF_8));
        exit = Newsline.run("local", "--once", "--data", data.toString(), "--input", input.toString(),
            "--kafka-port", "0", "--registry-port", "0", "--http-port", "0");
      } finally {
        System.setErr(original);
      }
      String message = refusal.toString(StandardCharsets.UTF_8).strip();
      assertThat(exit).as(message).isEqualTo(1);
      assertThat(message).isEqualTo("newsline local: the data folder " + data.toAbsolutePath() + " is in use by another"
          + " newsline local (process " + p.pid() + "); stop it first, or give this one another folder with --data DIR");

      boolean interrupt = !sigintIgnored();
      long t0 = System.nanoTime();
      if (interrupt) {
        new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
      } else {
        p.destroy(); // SIGTERM
      }
      boolean stopped = p.waitFor(10, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("local stopped by %s in %.1f s%n", interrupt ? "SIGINT" : "SIGTERM", seconds);
      assertThat(stopped).as("stopped within 10 s").isTrue();
      String printed = Files.readString(out);
      String errors = Files.readString(err);
      assertThat(p.exitValue()).as(printed + errors).isEqualTo(interrupt ? StopSignal.INTERRUPTED : 0);
      assertThat(printed).contains("stopping: stages, registry, Kafka ...").contains("the data stays in " + data.toAbsolutePath());
      assertThat(errors).as("stderr").doesNotContain("ERROR").doesNotContain("Exception").doesNotContain("\tat ");
    } finally {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static void awaitOutput(Process p, Path out, String text) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY.toNanos();
    while (!Files.readString(out).contains(text)) {
      assertThat(p.isAlive()).as("local is running: " + Files.readString(out)).isTrue();
      assertThat(System.nanoTime()).as("'" + text + "' within " + READY + ": " + Files.readString(out)).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** Whether this JVM (and so a child it starts) has SIGINT ignored: then the child cannot see Ctrl-C. */
  private static boolean sigintIgnored() throws IOException {
    List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
    return status.stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
        .map(l -> (Long.parseUnsignedLong(l.substring(7).strip(), 16) & 0x2) != 0).orElse(true);
  }

  private static String javaExe() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
