package io.newsline.enrich.stance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newsline.enrich.stance.train.MacroF1;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetStanceClassifierTest {
  private static final TargetStanceClassifier MODEL = TargetStanceClassifier.shared();

  @Test
  void loadsFast() {
    long t = System.nanoTime();
    TargetStanceClassifier.load();
    assertThat((System.nanoTime() - t) / 1e9).isLessThan(2.0);
  }

  @Test
  void clearCases() {
    assertThat(polarity("Critics accused Smith of corruption and of lying to voters.", "Smith")).isEqualTo(-1);
    assertThat(polarity("Supporters praised Smith for her brave and brilliant leadership.", "Smith")).isEqualTo(1);
    assertThat(polarity("Smith arrived in Paris on Tuesday for the meeting.", "Smith")).isEqualTo(0);
  }

  @Test
  void dependsOnTheTarget() {
    String s = "Jones praised the workers but sharply attacked Smith, calling him a corrupt liar.";
    assertThat(polarity(s, "Smith")).isEqualTo(-1);
    assertThat(negative(s, "Smith")).isGreaterThan(negative(s, "the workers"));
  }

  @Test
  void probabilitiesAreDeterministicAndSumToOne() {
    String s = "The senator blamed the governor for the crisis.";
    double[] a = MODEL.probabilities(s, 4, 11);
    double[] b = MODEL.probabilities(s, 4, 11);
    assertThat(a).containsExactly(b);
    assertThat(a[0] + a[1] + a[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void fastPathGivesTheTrainingPathsProbabilities() {
    String[] sentences = {
        "Critics accused Smith of corruption and of lying to voters.",
        "\u201cWe will not back down,\u201d said Jones, who praised the deal as a great success.",
        "Smith, not Jones, was blamed for the failure of the talks in Geneva on Tuesday."};
    for (String s : sentences) {
      for (String target : new String[] {"Smith", "Jones"}) {
        int from = s.indexOf(target);
        if (from >= 0) {
          double[] fast = MODEL.probabilities(s, from, from + target.length());
          double[] explicit = MODEL.probabilitiesExplicit(s, from, from + target.length());
          for (int c = 0; c < 3; c++) {
            assertThat(fast[c]).isCloseTo(explicit[c], org.assertj.core.data.Offset.offset(1e-4));
          }
        }
      }
    }
  }

  @Test
  void codePointOffsetsBecomeCharOffsets() {
    StanceExample e = StanceExample.parse(
        "{\"id\":\"x\",\"sentence\":\"\uD83D\uDE00 Smith won.\",\"mention\":\"Smith\",\"from\":2,\"to\":7,\"polarity\":1}");
    assertThat(e.sentence().substring(e.from(), e.to())).isEqualTo("Smith");
    assertThat(e.polarity()).isEqualTo(1);
  }

  /** Guards against regressions of the shipped model on NewsMTSC dev (skips without ../shared). */
  @Test
  void newsMtscDevTargets() throws Exception {
    Path rw = SharedData.file("datasets/stance/newsmtsc_rw_dev.jsonl");
    Path mt = SharedData.file("datasets/stance/newsmtsc_mt_dev.jsonl");
    assumeTrue(rw != null && mt != null, "../shared not present");
    assertThat(score(rw).macro()).isGreaterThanOrEqualTo(0.70);
    assertThat(score(mt).macro()).isGreaterThanOrEqualTo(0.65);
  }

  private static MacroF1 score(Path file) throws Exception {
    List<StanceExample> data = StanceExample.read(file);
    MacroF1 f1 = new MacroF1();
    for (StanceExample e : data) {
      f1.add(e.label(), MODEL.polarity(e.sentence(), e.from(), e.to()) + 1);
    }
    return f1;
  }

  private static double negative(String sentence, String target) {
    int from = sentence.indexOf(target);
    return MODEL.probabilities(sentence, from, from + target.length())[0];
  }

  private static int polarity(String sentence, String target) {
    int from = sentence.indexOf(target);
    return MODEL.polarity(sentence, from, from + target.length());
  }
}
