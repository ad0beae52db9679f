package io.newsline.embedding.train;

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: exact to rounding, and
 * deterministic (fixed sweep order; each eigenvector's sign fixed so that its largest component
 * is positive).
 */
final class Eigen {
  private static final int MAX_SWEEPS = 100;

  final double[] values;
  /** vectors[i] is the eigenvector of values[i]; sorted by decreasing eigenvalue. */
  final double[][] vectors;

  private Eigen(double[] values, double[][] vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  static Eigen symmetric(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = matrix[i].clone();
    }
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off < 1e-22) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (Math.abs(a[p][q]) < 1e-300) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
          for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double[][] diag = a;
    java.util.Arrays.sort(order, (x, y) -> x.equals(y) ? 0 : Double.compare(diag[y][y], diag[x][x]) != 0
        ? Double.compare(diag[y][y], diag[x][x]) : Integer.compare(x, y));
    double[] values = new double[n];
    double[][] vectors = new double[n][n];
    for (int i = 0; i < n; i++) {
      int col = order[i];
      values[i] = a[col][col];
      int argmax = 0;
      for (int k = 0; k < n; k++) {
        vectors[i][k] = v[k][col];
        if (Math.abs(vectors[i][k]) > Math.abs(vectors[i][argmax])) {
          argmax = k;
        }
      }
      if (vectors[i][argmax] < 0) {
        for (int k = 0; k < n; k++) {
          vectors[i][k] = -vectors[i][k];
        }
      }
    }
    return new Eigen(values, vectors);
  }
}
