package io.newsline.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.text.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinedAcronymsTest {
  private static boolean defined(String sentence) {
    List<Token> t = NerTokenizer.tokenize(sentence);
    int open = -1;
    for (int i = 0; i < t.size(); i++) {
      if (t.get(i).text().equals("(")) {
        open = i;
      }
    }
    return DefinedAcronyms.definedBefore(t, open, t.get(open + 1).text());
  }

  @Test
  void lowerCaseWordsSpellingTheCapitalsDefineAThing() {
    assertThat(defined("tonnes of hard red winter (HRW)")).isTrue();
    assertThat(defined("buy exchange-traded funds (ETFs)")).isTrue();
    assertThat(defined("the rules of origin (ROO)")).isTrue();
    assertThat(defined("its collateral protection insurance (CPI)")).isTrue();
  }

  @Test
  void namesAndMismatchesDefineNothing() {
    assertThat(defined("the Bharatiya Janata Party (BJP)")).isFalse();
    assertThat(defined("the ruling party (BJP)")).isFalse();
    assertThat(defined("said the spokesman (AP)")).isFalse();
    assertThat(defined("a new unit (U)")).isFalse();
  }
}
