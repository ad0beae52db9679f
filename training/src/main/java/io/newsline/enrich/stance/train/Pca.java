package io.newsline.enrich.stance.train;

/** Principal components by power iteration with deflation; deterministic start vectors. */
final class Pca {
  private Pca() {}

  /** Rows of x projected on the top {@code dims} components, each scaled to unit variance. */
  static float[][] whitened(double[][] x, int dims, int iterations) {
    int n = x.length;
    int d = x[0].length;
    double[] mean = new double[d];
    for (double[] row : x) {
      for (int k = 0; k < d; k++) {
        mean[k] += row[k] / n;
      }
    }
    double[][] cov = new double[d][d];
    double[] c = new double[d];
    for (double[] row : x) {
      for (int k = 0; k < d; k++) {
        c[k] = row[k] - mean[k];
      }
      for (int a = 0; a < d; a++) {
        for (int b = a; b < d; b++) {
          cov[a][b] += c[a] * c[b] / n;
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        cov[a][b] = cov[b][a];
      }
    }
    double[][] comps = new double[dims][];
    double[] eig = new double[dims];
    for (int p = 0; p < dims; p++) {
      double[] v = new double[d];
      for (int k = 0; k < d; k++) {
        v[k] = 1.0 + ((k * 31 + p * 17) % 7) / 7.0;
      }
      double lambda = 0;
      for (int it = 0; it < iterations; it++) {
        double[] w = multiply(cov, v);
        for (int q = 0; q < p; q++) {
          double dot = dot(w, comps[q]);
          for (int k = 0; k < d; k++) {
            w[k] -= dot * comps[q][k];
          }
        }
        lambda = Math.sqrt(dot(w, w));
        for (int k = 0; k < d; k++) {
          v[k] = w[k] / lambda;
        }
      }
      comps[p] = v;
      eig[p] = lambda;
    }
    float[][] out = new float[n][dims];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < dims; p++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += (x[i][k] - mean[k]) * comps[p][k];
        }
        out[i][p] = (float) (s / Math.sqrt(eig[p]));
      }
    }
    return out;
  }

  private static double[] multiply(double[][] m, double[] v) {
    double[] r = new double[v.length];
    for (int a = 0; a < m.length; a++) {
      r[a] = dot(m[a], v);
    }
    return r;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }
}
