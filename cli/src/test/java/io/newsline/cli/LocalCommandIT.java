package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `newsline local --once` on the embedded default: exits 0 with one event holding the five samples. */
class LocalCommandIT {
  @Test
  void localOnceReportsOneEventWithTheFiveSamples(@TempDir Path input) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = Newsline.run("local", "--once", "--input", input.toString(), "--registry-port", "0", "--http-port", "0");
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    System.out.println(out);
    assertThat(exit).isZero();
    assertThat(out).contains("=== 1 event ===").contains("5 articles, 5 outlets").contains("all input processed");
  }
}
