package io.newsline.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesReaderTest {
  @Test
  void linesEndAtLfCrLfOrCrAndTheLastNeedsNoBreak() throws Exception {
    assertThat(lines("a\nb\r\nc\rd", 100)).containsExactly("1:a", "2:b", "3:c", "4:d");
    assertThat(lines("a\n\nb\n", 100)).containsExactly("1:a", "2:", "3:b");
    assertThat(lines("", 100)).isEmpty();
    assertThat(lines("\r\n", 100)).containsExactly("1:");
  }

  @Test
  void overLongLinesAreCountedNotKept() throws Exception {
    assertThat(lines("short\n" + "x".repeat(25) + "\nok\n" + "y".repeat(11), 10))
        .containsExactly("1:short", "2:too long (25 chars)", "3:ok", "4:too long (11 chars)");
    // longer than the reader's buffer
    assertThat(lines("z".repeat(200_000) + "\r\nend", 100_000)).containsExactly("1:too long (200000 chars)", "2:end");
    assertThat(lines("z".repeat(100_000) + "\nend", 100_000)).hasSize(2).last().isEqualTo("2:end");
  }

  private static List<String> lines(String text, int max) throws Exception {
    List<String> out = new ArrayList<>();
    try (JsonLinesReader r = new JsonLinesReader(new StringReader(text), max)) {
      for (JsonLinesReader.Line l = r.next(); l != null; l = r.next()) {
        out.add(l.number() + ":" + (l.tooLong() ? "too long (" + l.chars() + " chars)" : l.text()));
      }
    }
    return out;
  }
}
