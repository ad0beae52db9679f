package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 made the embedding cascade the default: a data folder written by `newsline local` with
 * MiniLM (the default before) resumes under the cascade with its events migrated, not compared
 * across models nor lost, and a related article joins the old event. Each run is its own JVM: the
 * embedding is chosen once per JVM.
 */
class LocalEmbeddingChangeIT {
  /** Another outlet's report of the samples' story (the Moscow talks). */
  private static final String FOLLOW_UP = """
      Kremlin talks with US envoys end without a deal on Ukraine
      Vladimir Putin's meeting in Moscow with the US envoys Steve Witkoff and Jared Kushner ended after
      five hours without an agreement on ending the war in Ukraine, the Kremlin said on Wednesday.
      Kremlin aide Yuri Ushakov told reporters that some of the American proposals were acceptable to
      Moscow but that no compromise had been found on the territorial questions. Ukraine's president
      Volodymyr Zelensky said Kyiv would wait for the US delegation's account of the talks, while NATO
      foreign ministers meeting in Brussels warned that Russia was using the negotiations to buy time
      for new offensives in eastern Ukraine.
      """;

  @Test
  void aFolderWrittenWithMiniLmResumesUnderTheCascadeAndItsEventKeepsGrowing(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path input = Files.createDirectories(dir.resolve("input"));

    Run before = local(dir, "minilm", data, input);
    assertThat(before.exit).as(before.out).isZero();
    assertThat(before.out).contains("ingested 5 bundled sample articles").contains("=== 1 event ===").contains("5 articles, 5 outlets");

    Files.writeString(input.resolve("kremlin-follow-up.txt"), FOLLOW_UP, StandardCharsets.UTF_8);
    Run after = local(dir, null, data, input);
    assertThat(after.exit).as(after.out + after.err).isZero();
    assertThat(after.out).contains("resuming with the data in " + data.toAbsolutePath()).contains("1 event, 5 articles")
        .contains("=== 1 event ===").contains("6 articles");
    assertThat(after.out + after.err).contains("1 of 1 stored events were of another sentence embedding; migrated to static-");
    assertThat(after.err).as("stderr").doesNotContain("ERROR").doesNotContain("Exception");
  }

  private record Run(int exit, String out, String err) {}

  /** `local --once` in a JVM of its own, with {@code newsline.embedding} set to {@code embedding} (null: the default). */
  private static Run local(Path dir, String embedding, Path data, Path input) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".log");
    Path err = Files.createTempFile(dir, "err", ".log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
    if (embedding != null) {
      command.add("-Dnewsline.embedding=" + embedding);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Newsline.class.getName(), "local", "--once",
        "--data", data.toString(), "--input", input.toString(), "--kafka-port", "0", "--registry-port", "0", "--http-port", "0"));
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("local --once ends within 5 minutes: " + Files.readString(out)).isTrue();
    } finally {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    System.out.println(r.out);
    System.err.println(r.err);
    return r;
  }
}
