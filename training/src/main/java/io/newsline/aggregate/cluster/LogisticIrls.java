package io.newsline.aggregate.cluster;

import java.util.List;

/**
 * Binary logistic regression by iteratively reweighted least squares (Newton's method) with an L2
 * penalty on the weights (not the intercept), for a handful of dense features: exact, deterministic
 * and fast at this size (a few thousand rows, a dozen features). Rows carry weights, so each data
 * set can weigh the same whatever its size.
 */
final class LogisticIrls {
  /** One example: features, label, weight. */
  record Row(double[] x, boolean label, double weight) {}

  /** Weights (one per feature) and intercept: P(label) = sigmoid(w·x + intercept). */
  record Fit(double[] weights, double intercept, int iterations) {}

  private LogisticIrls() {}

  /**
   * @param used which features take part (the others keep weight 0)
   * @param l2 penalty on the squared weights, relative to the total row weight
   */
  static Fit fit(List<Row> rows, boolean[] used, double l2) {
    int d = used.length;
    int n = d + 1; // intercept last
    double[] beta = new double[n];
    double total = 0;
    for (Row r : rows) {
      total += r.weight();
    }
    double lambda = l2 * total;
    int it = 0;
    for (; it < 100; it++) {
      double[] grad = new double[n];
      double[][] hess = new double[n][n];
      for (Row r : rows) {
        double[] z = augmented(r.x(), used);
        double p = sigmoid(dot(beta, z));
        double g = r.weight() * ((r.label() ? 1 : 0) - p);
        double h = r.weight() * Math.max(p * (1 - p), 1e-9);
        for (int i = 0; i < n; i++) {
          grad[i] += g * z[i];
          for (int j = 0; j < n; j++) {
            hess[i][j] += h * z[i] * z[j];
          }
        }
      }
      for (int i = 0; i < d; i++) {
        grad[i] -= lambda * beta[i];
        hess[i][i] += lambda;
        if (!used[i]) {
          hess[i][i] += 1; // a feature left out stays at 0
          grad[i] = 0;
        }
      }
      double[] step = solve(hess, grad);
      double change = 0;
      for (int i = 0; i < n; i++) {
        beta[i] += step[i];
        change = Math.max(change, Math.abs(step[i]));
      }
      if (change < 1e-8) {
        break;
      }
    }
    double[] w = new double[d];
    System.arraycopy(beta, 0, w, 0, d);
    return new Fit(w, beta[d], it + 1);
  }

  private static double[] augmented(double[] x, boolean[] used) {
    double[] z = new double[used.length + 1];
    for (int i = 0; i < used.length; i++) {
      z[i] = used[i] ? x[i] : 0;
    }
    z[used.length] = 1;
    return z;
  }

  static double sigmoid(double t) {
    return 1 / (1 + Math.exp(-t));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = java.util.Arrays.copyOf(a[i], n + 1);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k <= n; k++) {
          m[r][k] -= f * m[c][k];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int k = r + 1; k < n; k++) {
        s -= m[r][k] * x[k];
      }
      x[r] = s / m[r][r];
    }
    return x;
  }
}
