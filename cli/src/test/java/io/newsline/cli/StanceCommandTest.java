package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StanceCommandTest {
  @TempDir Path dir;

  @Test
  void answersEveryTargetInInputOrderAndReportsBadLines() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Path out = dir.resolve("out.jsonl");
    Files.write(in, List.of(
        "{\"id\":\"a\",\"sentence\":\"Critics accused Smith of corruption.\",\"mention\":\"Smith\",\"from\":16,\"to\":21,\"polarity\":1}",
        "not json",
        "{\"id\":\"b\",\"sentence\":\"Smith won.\",\"mention\":\"Smith\",\"from\":40,\"to\":45}",
        "{\"id\":\"c\",\"sentence\":\"Voters praised Smith for her honesty.\",\"mention\":\"Smith\",\"from\":15,\"to\":20}"),
        StandardCharsets.UTF_8);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Newsline.run("stance", "--input", in.toString(), "--output", out.toString());
    } finally {
      System.setErr(saved);
    }
    assertThat(code).isZero();
    assertThat(Files.readAllLines(out)).containsExactly(
        "{\"id\":\"a\",\"polarity\":-1}", "{\"id\":\"b\",\"polarity\":0}", "{\"id\":\"c\",\"polarity\":1}");
    String log = err.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("line 2:").contains("line 3:").contains("2 bad input line(s)");
  }

  @Test
  void failOnBadLinesGivesNonZeroStatus() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"id\":\"x\"}\n");
    PrintStream saved = System.err;
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThat(Newsline.run("stance", "--input", in.toString(), "--output", dir.resolve("o").toString(),
          "--fail-on-bad-lines")).isEqualTo(1);
    } finally {
      System.setErr(saved);
    }
  }
}
