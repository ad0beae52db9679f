package io.newsline.embedding.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PairCalibrationTest {
  private static final int DIMS = 8;

  /**
   * Means that carry a shared drift and a squashed axis: their pair cosines are far from the
   * targets'. The calibration must bring the pair cosines of texts it never saw close to the
   * targets', and the same input must give the same map.
   */
  @Test
  void bringsThePairCosinesOfUnseenTextsToTheTargets() {
    double[][][] seen = texts(new Random(1), 120);
    double[][][] unseen = texts(new Random(2), 120);
    PairCalibration start = PairCalibration.identity(new double[DIMS]);
    PairCalibration fitted = PairCalibration.fit(seen[0], seen[1], start, 300, 0.01);
    double before = start.error(unseen[0], unseen[1]);
    double after = fitted.error(unseen[0], unseen[1]);
    assertThat(after).isLessThan(before / 3);
    PairCalibration again = PairCalibration.fit(seen[0], seen[1], start, 300, 0.01);
    assertThat(again.map).isDeepEqualTo(fitted.map);
    assertThat(again.offset).isEqualTo(fitted.offset);
  }

  /** {means, unit targets}: target t, mean = squash(t) + drift. */
  private static double[][][] texts(Random r, int n) {
    double[][] means = new double[n][DIMS];
    double[][] targets = new double[n][DIMS];
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (int k = 0; k < DIMS; k++) {
        targets[i][k] = r.nextGaussian();
        norm += targets[i][k] * targets[i][k];
      }
      for (int k = 0; k < DIMS; k++) {
        targets[i][k] /= Math.sqrt(norm);
        means[i][k] = targets[i][k] * (k == 0 ? 0.2 : 1) + (k == 1 ? 0.8 : 0);
      }
    }
    return new double[][][] {means, targets};
  }
}
