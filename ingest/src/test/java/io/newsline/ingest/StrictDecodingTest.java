package io.newsline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictDecodingTest {
  private static final Charset UTF_8 = StandardCharsets.UTF_8;

  @Test
  void aByteOrderMarkDecidesAndIsNotPartOfTheText() throws Exception {
    assertThat(StrictDecoding.decode(bytes(0xEF, 0xBB, 0xBF, 'h', 'i'), StandardCharsets.ISO_8859_1)).isEqualTo("hi");
    assertThat(StrictDecoding.decode(bytes(0xFF, 0xFE, 'h', 0, 'i', 0), UTF_8)).isEqualTo("hi");
    assertThat(StrictDecoding.decode(bytes(0xFE, 0xFF, 0, 'h', 0, 'i'), UTF_8)).isEqualTo("hi");
    assertThat(StrictDecoding.decode("Łódź".getBytes(UTF_8), UTF_8)).isEqualTo("Łódź");
    assertThat(StrictDecoding.decode(new byte[0], UTF_8)).isEmpty();
  }

  @Test
  void invalidBytesAreAnErrorSayingWhichAndWhere() {
    assertThatThrownBy(() -> StrictDecoding.decode(bytes('a', 'b', 0xFF, 'c'), UTF_8))
        .isInstanceOf(StrictDecoding.InvalidBytesException.class)
        .hasMessage("not valid UTF-8: byte 0xFF at offset 2");
    // a truncated sequence at the end is invalid too, not dropped
    assertThatThrownBy(() -> StrictDecoding.decode(bytes('a', 0xE2, 0x82), UTF_8)).hasMessage("not valid UTF-8: bytes 0xE2 0x82 at offset 1");
    // offsets count the byte-order mark
    assertThatThrownBy(() -> StrictDecoding.decode(bytes(0xEF, 0xBB, 0xBF, 0xC3, 'x'), UTF_8)).hasMessage("not valid UTF-8: byte 0xC3 at offset 3");
  }

  @Test
  void markingReplacesEachInvalidSequenceByOneNoncharacterAndKeepsTheAsciiAroundIt() {
    StrictDecoding.Marked m = StrictDecoding.decodeMarking(bytes('<', 'a', '>', 0xE2, '<', '/', 'a', '>', 0xFF, 0xFE), UTF_8);
    assertThat(m.text()).isEqualTo("<a>\uFDD0</a>\uFDD0\uFDD0");
    assertThat(m.invalid()).isEqualTo(3);
    assertThat(m.first()).hasMessage("not valid UTF-8: byte 0xE2 at offset 3");
    // a mark the text itself holds is not used
    StrictDecoding.Marked other = StrictDecoding.decodeMarking(concat("\uFDD0 ".getBytes(UTF_8), bytes(0xFF)), UTF_8);
    assertThat(other.mark()).isEqualTo('\uFDD1');
    assertThat(other.text()).isEqualTo("\uFDD0 \uFDD1");
    StrictDecoding.Marked clean = StrictDecoding.decodeMarking("fine".getBytes(UTF_8), UTF_8);
    assertThat(clean.text()).isEqualTo("fine");
    assertThat(clean.invalid()).isZero();
  }

  @Test
  void longTextsAcrossTheDecodersChunksAreWhole() throws Exception {
    String text = "Zelenskyy – Łódź ✓ 😀 ".repeat(5_000);
    assertThat(StrictDecoding.decode(text.getBytes(UTF_8), UTF_8)).isEqualTo(text);
    assertThat(StrictDecoding.decodeMarking(text.getBytes(UTF_8), UTF_8).text()).isEqualTo(text);
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
