package io.newsline.enrich.ner.tagger;

/** Best BILOU label sequence under emission and first-order transition scores, valid sequences only. */
public final class Viterbi {
  private static final int L = Labels.COUNT;
  private static final float NEG = Float.NEGATIVE_INFINITY;

  /** For each label, the labels that may precede it. */
  private static final int[][] PREDECESSORS = predecessors();

  private Viterbi() {}

  private static int[][] predecessors() {
    int[][] p = new int[L][];
    for (int b = 0; b < L; b++) {
      int n = 0;
      int[] tmp = new int[L];
      for (int a = 0; a < L; a++) {
        if (Labels.allowed(a, b)) {
          tmp[n++] = a;
        }
      }
      p[b] = java.util.Arrays.copyOf(tmp, n);
    }
    return p;
  }

  /**
   * @param emit n x L emission scores
   * @param trans L x L transition scores (from * L + to)
   * @param start L scores of the first label
   * @param end L scores of the last label
   */
  public static int[] decode(float[][] emit, float[] trans, float[] start, float[] end) {
    int n = emit.length;
    int[] best = new int[n];
    if (n == 0) {
      return best;
    }
    float[] score = new float[L];
    float[] next = new float[L];
    byte[] back = new byte[n * L];
    for (int b = 0; b < L; b++) {
      score[b] = Labels.allowedFast(-1, b) ? start[b] + emit[0][b] : NEG;
    }
    for (int i = 1; i < n; i++) {
      float[] e = emit[i];
      int row = i * L;
      for (int b = 0; b < L; b++) {
        float top = NEG;
        int arg = 0;
        for (int a : PREDECESSORS[b]) {
          float v = score[a] + trans[a * L + b];
          if (v > top) {
            top = v;
            arg = a;
          }
        }
        next[b] = top + e[b];
        back[row + b] = (byte) arg;
      }
      float[] t = score;
      score = next;
      next = t;
    }
    float top = NEG;
    int arg = 0;
    for (int a = 0; a < L; a++) {
      if (Labels.allowedFast(a, -1) && score[a] + end[a] > top) {
        top = score[a] + end[a];
        arg = a;
      }
    }
    best[n - 1] = arg;
    for (int i = n - 1; i > 0; i--) {
      best[i - 1] = back[i * L + best[i]];
    }
    return best;
  }
}
