package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `newsline local --once` keeps its data: the first start on an empty --data folder turns the five
 * samples into one event; a second start on the same folder finds that event, does not ingest the
 * samples again, and adds what arrived since; --fresh starts over. A start that stopped with input
 * still in the pipeline leaves it to the next start, which finishes it before it says the input is
 * processed. (A second process on a held folder: {@link LocalShutdownIT}.)
 */
class LocalRestartIT {
  private static final String OTHER_STORY = """
      Flooding closes rail lines across northern Italy
      Heavy rain across Lombardy and Piedmont flooded rail tunnels on Tuesday, forcing the national rail
      operator Trenitalia to cancel more than 200 regional trains and divert the Milan to Turin high-speed
      service for most of the day.
      Civil protection officials in Milan said water levels on the Seveso river had risen faster than at
      any point since 2014. Mayor Giuseppe Sala asked residents of low-lying districts to stay indoors.
      "We are pumping water out of three tunnels and expect the lines to reopen on Thursday," a Trenitalia
      spokesperson said. Regional president Attilio Fontana requested emergency funds from Rome.
      """;

  @Test
  void aRestartResumesWithTheEarlierEventAndWithoutTheSamplesAgain(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path input = Files.createDirectories(dir.resolve("input"));

    Run first = local("--once", "--data", data.toString(), "--input", input.toString());
    assertThat(first.exit).as(first.out).isZero();
    assertThat(first.out).contains("ingested 5 bundled sample articles").contains("=== 1 event ===")
        .contains("5 articles, 5 outlets").containsPattern("dashboard: http://127\\.0\\.0\\.1:\\d+/");

    Files.writeString(input.resolve("floods.txt"), OTHER_STORY, StandardCharsets.UTF_8);
    Run second = local("--once", "--data", data.toString(), "--input", input.toString());
    assertThat(second.exit).as(second.out).isZero();
    assertThat(second.out).contains("resuming with the data in " + data.toAbsolutePath())
        .contains("bundled samples are in already")
        .doesNotContain("ingested 5 bundled sample articles")
        .contains("=== 2 events ===").contains("5 articles, 5 outlets");

    Run fresh = local("--once", "--fresh", "--data", data.toString(), "--input", input.toString());
    assertThat(fresh.exit).as(fresh.out).isZero();
    assertThat(fresh.out).contains("--fresh: deleted the data in " + data.toAbsolutePath())
        .contains("ingested 5 bundled sample articles").contains("=== 1 event ===").contains("5 articles, 5 outlets");
  }

  /**
   * The first start gives up (as after a Ctrl-C) as soon as the samples are in Kafka (0s: most wait on
   * the raw topic) or after a while (30s: most are clustered, the rest wait in aggregate's reorder
   * buffer, which releases its last article only after an hour without input).
   */
  @ParameterizedTest
  @ValueSource(strings = {"0s", "30s"})
  void aRestartFinishesWhatAnEarlierStartLeftBeforeItSaysTheInputIsProcessed(String firstStartGivesUpAfter, @TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path input = Files.createDirectories(dir.resolve("input"));

    Run stopped = local("--once", "--timeout", firstStartGivesUpAfter, "-Daggregate.reorder.idle=1h", "--data", data.toString(), "--input", input.toString());
    assertThat(stopped.exit).as(stopped.out).isEqualTo(1);
    assertThat(stopped.out).contains("ingested 5 bundled sample articles");
    assertThat(stopped.err).contains("timed out before the input was processed");

    Run resumed = local("--once", "--data", data.toString(), "--input", input.toString());
    assertThat(resumed.exit).as(resumed.out).isZero();
    assertThat(resumed.out).contains("=== 1 event ===").contains("5 articles, 5 outlets").contains("bundled samples are in already");
    assertThat(resumed.out.split("all input processed", -1)).hasSize(2);
    assertThat(resumed.out).containsPattern("resuming with the data in .*: \\d+ events?, \\d articles?; [1-5] more an earlier start left to process\n");

    Run idle = local("--once", "--data", data.toString(), "--input", input.toString());
    assertThat(idle.exit).as(idle.out).isZero();
    assertThat(idle.out).contains("resuming with the data in " + data.toAbsolutePath() + ": 1 event, 5 articles\n")
        .contains("=== 1 event ===").contains("5 articles, 5 outlets").contains("all input processed");
  }

  private record Run(int exit, String out, String err) {}

  /** Runs local in this JVM on free ports, capturing what it prints. */
  private static Run local(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      String[] all = new String[args.length + 7];
      all[0] = "local";
      System.arraycopy(args, 0, all, 1, args.length);
      System.arraycopy(new String[] {"--kafka-port", "0", "--registry-port", "0", "--http-port", "0"}, 0, all, args.length + 1, 6);
      exit = Newsline.run(all);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    Run r = new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    System.out.println(r.out);
    System.err.println(r.err);
    return r;
  }
}
