package io.newsline.enrich.ner.tagger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypePriorsTest {
  private static final int PER = 0;
  private static final int ORG = 1;
  private static final int NONE = 4;

  @Test
  void theCodeSaysTheMajorityLabelHowSurelyAndHowOften() {
    // counts: PER ORG LOC MISC O
    assertThat(TypePriors.code(new int[] {0, 1220, 1, 46, 6})).isEqualTo(ORG * 6 + 2 * 2 + 1);
    assertThat(TypePriors.code(new int[] {5, 1, 0, 0, 0})).isEqualTo(PER * 6 + 1 * 2);
    assertThat(TypePriors.code(new int[] {1, 1, 1, 0, 2})).isEqualTo(NONE * 6);
    assertThat(TypePriors.code(new int[] {0, 2, 0, 0, 0})).as("too rare").isEqualTo(-1);
  }

  @Test
  void theBundledPriorsKnowWordsOfModernNewsAndCanBeLeftOut() {
    Gazetteer g = Gazetteer.load();
    long apple = FeatureHash.ofLower("Apple", 0, 5);
    assertThat(g.typePrior(apple) / 6).isEqualTo(ORG);
    assertThat(g.withoutPriors().typePrior(apple)).isEqualTo(-1);
  }
}
