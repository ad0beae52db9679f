package io.newsline.embedding.train;

import java.util.Locale;

/**
 * The last stage of the static table's fit: a linear map T and an offset c applied to the mean
 * of a text's token vectors, {@code unit(T mean - c)}, fitted so that the cosines of pairs of texts
 * match MiniLM's (least squares over all pairs of a sample, by Adam). The per-token fit matches
 * each text's vector to its target, but the clusterer reads cosines between texts, after unit
 * scaling: means of many tokens share a drift toward what all news says (unrelated leads closer
 * than MiniLM puts them) that a per-text least squares leaves in. T generalises removing a common
 * component (c) and the dominant directions ("all but the top"); being linear, it folds into the
 * table: T of every token vector, c as the common component. Deterministic (fixed sample, fixed
 * order, no randomness).
 */
final class PairCalibration {
  final double[][] map;
  final double[] offset;

  private PairCalibration(double[][] map, double[] offset) {
    this.map = map;
    this.offset = offset;
  }

  /** The identity map with the given offset. */
  static PairCalibration identity(double[] offset) {
    int d = offset.length;
    double[][] t = new double[d][d];
    for (int j = 0; j < d; j++) {
      t[j][j] = 1;
    }
    return new PairCalibration(t, offset.clone());
  }

  /**
   * Fits T and c from {@code start} on the sample's means (rows) and their unit targets.
   *
   * @param steps Adam steps over all pairs of the sample
   * @param rate Adam's step size
   */
  static PairCalibration fit(double[][] means, double[][] targets, PairCalibration start, int steps, double rate) {
    int n = means.length;
    int d = start.offset.length;
    double[][] goal = gram(targets);
    double[][] t = new double[d][];
    for (int j = 0; j < d; j++) {
      t[j] = start.map[j].clone();
    }
    double[] c = start.offset.clone();
    double[][] mt = new double[d][d];
    double[][] vt = new double[d][d];
    double[] mc = new double[d];
    double[] vc = new double[d];
    double b1 = 0.9;
    double b2 = 0.999;
    for (int step = 1; step <= steps; step++) {
      double[][] a = new double[n][];
      double[] norms = new double[n];
      double[][] u = new double[n][];
      for (int i = 0; i < n; i++) {
        a[i] = apply(t, c, means[i]);
        norms[i] = Math.sqrt(dot(a[i], a[i]));
        u[i] = scale(a[i], norms[i] == 0 ? 0 : 1 / norms[i]);
      }
      // loss = mean over pairs i != j of (u_i.u_j - goal_ij)^2; dL/du_i = 4/P sum_j r_ij u_j
      double[][] gu = new double[n][d];
      double loss = 0;
      double pairs = (double) n * (n - 1);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (i == j) {
            continue;
          }
          double r = dot(u[i], u[j]) - goal[i][j];
          loss += r * r;
          double f = 2 * r / pairs;
          for (int k = 0; k < d; k++) {
            gu[i][k] += f * u[j][k];
          }
        }
      }
      double[][] gt = new double[d][d];
      double[] gc = new double[d];
      for (int i = 0; i < n; i++) {
        if (norms[i] == 0) {
          continue;
        }
        double along = dot(u[i], gu[i]);
        for (int k = 0; k < d; k++) {
          double ga = (gu[i][k] - u[i][k] * along) / norms[i];
          gc[k] -= ga;
          for (int l = 0; l < d; l++) {
            gt[k][l] += ga * means[i][l];
          }
        }
      }
      double fix1 = 1 - Math.pow(b1, step);
      double fix2 = 1 - Math.pow(b2, step);
      for (int k = 0; k < d; k++) {
        for (int l = 0; l < d; l++) {
          mt[k][l] = b1 * mt[k][l] + (1 - b1) * gt[k][l];
          vt[k][l] = b2 * vt[k][l] + (1 - b2) * gt[k][l] * gt[k][l];
          t[k][l] -= rate * (mt[k][l] / fix1) / (Math.sqrt(vt[k][l] / fix2) + 1e-12);
        }
        mc[k] = b1 * mc[k] + (1 - b1) * gc[k];
        vc[k] = b2 * vc[k] + (1 - b2) * gc[k] * gc[k];
        c[k] -= rate * (mc[k] / fix1) / (Math.sqrt(vc[k] / fix2) + 1e-12);
      }
      if (step == 1 || step % 25 == 0 || step == steps) {
        System.err.printf(Locale.ROOT, "pair calibration: step %d, rms pair-cosine error %.4f%n", step, Math.sqrt(loss / pairs));
      }
    }
    return new PairCalibration(t, c);
  }

  /** Root mean square difference between the pair cosines of unit(T m - c) and the targets' (all pairs). */
  double error(double[][] means, double[][] targets) {
    int n = means.length;
    double[][] u = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] a = apply(map, offset, means[i]);
      double norm = Math.sqrt(dot(a, a));
      u[i] = scale(a, norm == 0 ? 0 : 1 / norm);
    }
    double[][] goal = gram(targets);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double r = dot(u[i], u[j]) - goal[i][j];
        sum += r * r;
      }
    }
    return Math.sqrt(sum / ((double) n * (n - 1) / 2));
  }

  /** T v (no offset): how a token vector folds into the table. */
  double[] map(double[] v) {
    double[] out = new double[v.length];
    for (int k = 0; k < map.length; k++) {
      out[k] = dot(map[k], v);
    }
    return out;
  }

  private static double[] apply(double[][] t, double[] c, double[] m) {
    double[] out = new double[c.length];
    for (int k = 0; k < c.length; k++) {
      out[k] = dot(t[k], m) - c[k];
    }
    return out;
  }

  private static double[][] gram(double[][] units) {
    int n = units.length;
    double[][] g = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        g[i][j] = dot(units[i], units[j]);
        g[j][i] = g[i][j];
      }
    }
    return g;
  }

  private static double[] scale(double[] v, double f) {
    double[] out = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      out[k] = v[k] * f;
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }
}
