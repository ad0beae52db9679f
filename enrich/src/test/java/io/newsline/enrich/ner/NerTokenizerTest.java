package io.newsline.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.text.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class NerTokenizerTest {
  private static List<String> words(String s) {
    return NerTokenizer.tokenize(s).stream().map(Token::text).toList();
  }

  @Test
  void splitsLikeConll() {
    assertThat(words("Putin's envoy, Mr. Witkoff, met U.S. officials (in Moscow)."))
        .containsExactly("Putin", "'s", "envoy", ",", "Mr.", "Witkoff", ",", "met", "U.S.", "officials", "(", "in",
            "Moscow", ")", ".");
    assertThat(words("\u201cWe don't,\u201d Zelenskiy\u2019s aide said.")).containsExactly("\u201c", "We", "do", "n't", ",",
        "\u201d", "Zelenskiy", "\u2019s", "aide", "said", ".");
  }

  @Test
  void keepsHyphensButSplitsDashesAndSlashesBetweenWords() {
    assertThat(words("a U.S.-led Trump\u2013Putin summit on EU/NATO")).containsExactly("a", "U.S.-led", "Trump", "\u2013",
        "Putin", "summit", "on", "EU", "/", "NATO");
    assertThat(words("costs $23.4 million")).containsExactly("costs", "$", "23.4", "million");
    assertThat(words("in Tampa, Fla. on Monday he fell ill.")).containsExactly("in", "Tampa", ",", "Fla.", "on",
        "Monday", "he", "fell", "ill", ".");
  }

  @Test
  void noBreakAndZeroWidthSpacesSeparateWords() {
    assertThat(words("Vladimir\u00a0Putin met\u202fTrump\u200b envoys")).containsExactly("Vladimir", "Putin", "met",
        "Trump", "envoys");
  }

  @Test
  void offsetsIndexTheInputExactly() {
    String s = "  Kremlin aide Yuri Ushakov\u2019s remarks \u2014 \u201cuseful\u201d \u2014 came late.\n\nNext line: Kyiv.";
    for (Token t : NerTokenizer.tokenize(s)) {
      assertThat(s.substring(t.start(), t.end())).isEqualTo(t.text());
    }
    List<Token> part = NerTokenizer.tokenize(s, 2, 9);
    assertThat(part).extracting(Token::text).containsExactly("Kremlin");
  }
}
