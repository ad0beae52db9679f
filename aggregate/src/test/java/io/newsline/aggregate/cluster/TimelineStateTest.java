package io.newsline.aggregate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TimelineStateTest {
  /** The quote matcher's word count and whole-word containment are the split and padded contains they replace. */
  @Test
  void wordCountAndContainmentAreWhatSplitAndContainsGave() {
    Random r = new Random(14);
    for (int round = 0; round < 20000; round++) {
      String longer = random(r, r.nextInt(14));
      String shorter = r.nextInt(4) == 0 && longer.length() > 2 ? longer.substring(r.nextInt(2), longer.length() - r.nextInt(2))
          : random(r, r.nextInt(6));
      assertThat(TimelineState.words(shorter)).as("'%s'", shorter).isEqualTo(shorter.split(" ").length);
      assertThat(TimelineState.containsWords(longer, shorter)).as("'%s' in '%s'", shorter, longer)
          .isEqualTo((" " + longer + " ").contains(" " + shorter + " "));
    }
  }

  private static String random(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("ab  ".charAt(r.nextInt(4)));
    }
    return b.toString();
  }
}
