package io.newsline.enrich.stance.train;

import io.newsline.enrich.stance.LinearModel;
import io.newsline.enrich.stance.SparseFeatures;
import java.util.List;
import java.util.Random;

/**
 * Trains {@link LinearModel} by AdaGrad on the softmax loss with L2 on the weights a step touches.
 * Single-threaded and seeded: the same data and settings give the same weights, bit for bit.
 */
public final class LogisticTrainer {
  /**
   * Training settings. {@code balance}: weight each class by the inverse of its frequency;
   * {@code averageLast}: return the mean of the weights after each of the last N epochs (0: the
   * last weights), which smooths the noise of the final steps.
   */
  public record Settings(int bits, int epochs, double learningRate, double l2, boolean balance, long seed,
      int averageLast) {
    public static Settings defaults() {
      return new Settings(18, 40, 0.003, 1e-4, true, 42L, 0);
    }
  }

  private final Settings s;

  public LogisticTrainer(Settings s) {
    this.s = s;
  }

  /** Trains over {@code reserved} dense buckets plus 2^bits hashed ones. */
  public LinearModel train(List<SparseFeatures> xs, int[] labels, int reserved) {
    int classes = LinearModel.CLASSES;
    float[] w = new float[classes * LinearModel.buckets(s.bits(), reserved)];
    // double, and an epsilon: a float sum of tiny squared gradients can stay 0 and divide by it
    double[] g2 = new double[w.length];
    double[] classWeight = classWeights(labels);
    LinearModel model = new LinearModel(s.bits(), reserved, w);
    int[] order = new int[xs.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random random = new Random(s.seed());
    double[] p = new double[classes];
    double[] average = s.averageLast() > 0 ? new double[w.length] : null;
    for (int epoch = 0; epoch < s.epochs(); epoch++) {
      shuffle(order, random);
      for (int i : order) {
        SparseFeatures x = xs.get(i);
        model.probabilities(x, p);
        double cw = classWeight[labels[i]];
        for (int k = 0; k < x.size(); k++) {
          int base = x.index(k) * classes;
          float v = x.value(k);
          for (int c = 0; c < classes; c++) {
            double target = c == labels[i] ? 1 : 0;
            double g = cw * (p[c] - target) * v + s.l2() * w[base + c];
            if (g == 0) {
              continue;
            }
            g2[base + c] += g * g;
            w[base + c] -= (float) (s.learningRate() * g / (1e-8 + Math.sqrt(g2[base + c])));
          }
        }
      }
      if (average != null && epoch >= s.epochs() - s.averageLast()) {
        for (int k = 0; k < w.length; k++) {
          average[k] += w[k];
        }
      }
    }
    if (average != null) {
      int n = Math.min(s.averageLast(), s.epochs());
      for (int k = 0; k < w.length; k++) {
        w[k] = (float) (average[k] / n);
      }
    }
    return model;
  }

  private double[] classWeights(int[] labels) {
    double[] count = new double[LinearModel.CLASSES];
    for (int y : labels) {
      count[y]++;
    }
    double[] cw = new double[count.length];
    for (int c = 0; c < cw.length; c++) {
      cw[c] = !s.balance() || count[c] == 0 ? 1 : labels.length / (count.length * count[c]);
    }
    return cw;
  }

  private static void shuffle(int[] a, Random r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
