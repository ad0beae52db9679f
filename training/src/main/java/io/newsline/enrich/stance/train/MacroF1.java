package io.newsline.enrich.stance.train;

import java.util.Locale;

/** Per-class precision, recall and F1 and their macro average, as the official scorer computes them. */
public final class MacroF1 {
  private final int[][] confusion = new int[3][3];

  public void add(int gold, int predicted) {
    confusion[gold][predicted]++;
  }

  public double f1(int c) {
    double tp = confusion[c][c];
    double fp = 0;
    double fn = 0;
    for (int k = 0; k < 3; k++) {
      if (k != c) {
        fp += confusion[k][c];
        fn += confusion[c][k];
      }
    }
    return tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn);
  }

  public double macro() {
    return (f1(0) + f1(1) + f1(2)) / 3;
  }

  public double accuracy() {
    int right = 0;
    int all = 0;
    for (int g = 0; g < 3; g++) {
      for (int p = 0; p < 3; p++) {
        all += confusion[g][p];
        right += g == p ? confusion[g][p] : 0;
      }
    }
    return all == 0 ? 0 : (double) right / all;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "F1m=%.4f acc=%.4f (neg %.3f, neu %.3f, pos %.3f)",
        macro(), accuracy(), f1(0), f1(1), f1(2));
  }
}
