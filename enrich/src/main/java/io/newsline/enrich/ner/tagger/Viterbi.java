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
   * Transition scores arranged by target label: for label b, the score of each allowed
   * predecessor in {@link #PREDECESSORS} order. Precompute once per model.
   */
  public static float[][] byTarget(float[] trans) {
    float[][] t = new float[L][];
    for (int b = 0; b < L; b++) {
      t[b] = new float[PREDECESSORS[b].length];
      for (int k = 0; k < t[b].length; k++) {
        t[b][k] = trans[PREDECESSORS[b][k] * L + b];
      }
    }
    return t;
  }

  /**
   * As {@link #decode(float[][], float[], float[], float[])} with emission scores given as
   * quantised sums (score = acc * scale) and transitions from {@link #byTarget}.
   */
  public static int[] decode(int[][] acc, float scale, float[][] transByTarget, float[] start, float[] end) {
    int n = acc.length;
    int[] best = new int[n];
    if (n == 0) {
      return best;
    }
    float[] score = new float[L];
    float[] next = new float[L];
    byte[] back = new byte[n * L];
    for (int b = 0; b < L; b++) {
      score[b] = Labels.allowedFast(-1, b) ? start[b] + acc[0][b] * scale : NEG;
    }
    for (int i = 1; i < n; i++) {
      int[] e = acc[i];
      int row = i * L;
      for (int b = 0; b < L; b++) {
        int[] preds = PREDECESSORS[b];
        float[] t = transByTarget[b];
        float top = NEG;
        int arg = 0;
        for (int k = 0; k < preds.length; k++) {
          float v = score[preds[k]] + t[k];
          if (v > top) {
            top = v;
            arg = preds[k];
          }
        }
        next[b] = top + e[b] * scale;
        back[row + b] = (byte) arg;
      }
      float[] swap = score;
      score = next;
      next = swap;
    }
    return backtrack(score, end, back, best);
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
    return backtrack(score, end, back, best);
  }

  /** Fills {@code best} from the last position's best allowed final label back through the pointers. */
  private static int[] backtrack(float[] score, float[] end, byte[] back, int[] best) {
    float top = NEG;
    int arg = 0;
    for (int a = 0; a < L; a++) {
      if (Labels.allowedFast(a, -1) && score[a] + end[a] > top) {
        top = score[a] + end[a];
        arg = a;
      }
    }
    int n = best.length;
    best[n - 1] = arg;
    for (int i = n - 1; i > 0; i--) {
      best[i - 1] = back[i * L + best[i]];
    }
    return best;
  }
}
