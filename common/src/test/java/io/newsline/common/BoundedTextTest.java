package io.newsline.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedTextTest {
  @Test
  void shortTextStaysAndLongTextIsCutWithItsNoteWithinTheLimit() {
    assertThat(BoundedText.cut(null, 10, n -> "!")).isNull();
    assertThat(BoundedText.cut("0123456789", 10, n -> " (" + n + ")")).isEqualTo("0123456789");
    assertThat(BoundedText.cut("0123456789ab", 10, n -> " (" + n + ")")).isEqualTo("01234 (12)");
  }

  @Test
  void aSurrogatePairIsNeverSplit() {
    String s = "abc\uD83D\uDE00def"; // an emoji at chars 3 and 4
    assertThat(BoundedText.prefix(s, 4)).isEqualTo("abc");
    assertThat(BoundedText.prefix(s, 5)).isEqualTo("abc\uD83D\uDE00");
    assertThat(BoundedText.cut(s, 6, n -> "..")).isEqualTo("abc..");
  }
}
