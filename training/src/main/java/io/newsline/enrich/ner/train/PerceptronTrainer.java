package io.newsline.enrich.ner.train;

import io.newsline.enrich.ner.tagger.Labels;
import io.newsline.enrich.ner.tagger.LongIntMap;
import io.newsline.enrich.ner.tagger.TaggerModel;
import io.newsline.enrich.ner.tagger.Viterbi;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Averaged structured perceptron (Collins 2002) over BILOU labels with Viterbi decoding.
 * Single-threaded and deterministic: the same examples, epochs and seed give the same model bytes.
 */
public final class PerceptronTrainer {
  private static final int L = Labels.COUNT;
  private final LongIntMap index = new LongIntMap(1 << 20);
  private final List<int[][]> examples = new ArrayList<>();
  private final List<int[]> gold = new ArrayList<>();
  /** Per example, fixed scores the weights add to, or null (second-stage training). */
  private final List<float[][]> bases = new ArrayList<>();
  /** Per example, fixed transitions {trans, start, end} when they are not learned, or null. */
  private final List<float[][]> fixedTransitions = new ArrayList<>();
  private float[] w = new float[0];
  private double[] u = new double[0];
  private final float[] trans = new float[L * L];
  private final double[] transU = new double[L * L];
  private final float[] start = new float[L];
  private final double[] startU = new double[L];
  private final float[] end = new float[L];
  private final double[] endU = new double[L];
  private long c = 1;

  /** Adds one training sentence: features per word and gold labels. */
  public void add(long[][] features, int[] labels) {
    add(features, labels, null, null);
  }

  /**
   * Adds one training sentence whose scores start from base (per word and label) and whose
   * transitions {trans, start, end} are fixed: a second stage on top of a trained first one.
   */
  public void add(long[][] features, int[] labels, float[][] base, float[][] transitions) {
    bases.add(base);
    fixedTransitions.add(transitions);
    int[][] rows = new int[features.length][];
    for (int i = 0; i < features.length; i++) {
      rows[i] = new int[features[i].length];
      for (int k = 0; k < features[i].length; k++) {
        int r = index.get(features[i][k]);
        if (r < 0) {
          r = index.size();
          index.put(features[i][k], r);
        }
        rows[i][k] = r;
      }
    }
    examples.add(rows);
    gold.add(labels);
  }

  public int featureCount() {
    return index.size();
  }

  public void train(int epochs, long seed) {
    w = new float[index.size() * L];
    u = new double[index.size() * L];
    Integer[] order = new Integer[examples.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random rnd = new Random(seed);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      shuffle(order, rnd);
      int wrong = 0;
      int tokens = 0;
      for (int idx : order) {
        wrong += step(examples.get(idx), gold.get(idx), bases.get(idx), fixedTransitions.get(idx));
        tokens += gold.get(idx).length;
        c++;
      }
      System.err.printf("epoch %d: %d/%d tokens wrong (%.2f%%)%n", epoch, wrong, tokens, 100.0 * wrong / tokens);
    }
  }

  private static void shuffle(Integer[] a, Random rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      Integer t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private int step(int[][] x, int[] y, float[][] base, float[][] fixed) {
    int n = y.length;
    if (n == 0) {
      return 0;
    }
    float[][] emit = new float[n][L];
    for (int i = 0; i < n; i++) {
      if (base != null) {
        System.arraycopy(base[i], 0, emit[i], 0, L);
      }
      for (int r : x[i]) {
        int row = r * L;
        for (int l = 0; l < L; l++) {
          emit[i][l] += w[row + l];
        }
      }
    }
    int[] p = fixed != null ? Viterbi.decode(emit, fixed[0], fixed[1], fixed[2]) : Viterbi.decode(emit, trans, start, end);
    int wrong = 0;
    for (int i = 0; i < n; i++) {
      if (p[i] != y[i]) {
        wrong++;
        for (int r : x[i]) {
          update(r * L + y[i], 1);
          update(r * L + p[i], -1);
        }
      }
    }
    if (wrong == 0 || fixed != null) {
      return wrong;
    }
    updateEdge(start, startU, y[0], p[0]);
    updateEdge(end, endU, y[n - 1], p[n - 1]);
    for (int i = 1; i < n; i++) {
      int g = y[i - 1] * L + y[i];
      int q = p[i - 1] * L + p[i];
      if (g != q) {
        trans[g] += 1;
        transU[g] += c;
        trans[q] -= 1;
        transU[q] -= c;
      }
    }
    return wrong;
  }

  private void update(int k, int delta) {
    w[k] += delta;
    u[k] += (double) c * delta;
  }

  private void updateEdge(float[] v, double[] vu, int g, int q) {
    if (g != q) {
      v[g] += 1;
      vu[g] += c;
      v[q] -= 1;
      vu[q] -= c;
    }
  }

  /** Emission scores of a sentence under the averaged weights (unseen features add nothing). */
  public float[][] scores(long[][] features) {
    float[][] out = new float[features.length][L];
    for (int i = 0; i < features.length; i++) {
      for (long h : features[i]) {
        int r = index.get(h);
        if (r < 0) {
          continue;
        }
        for (int l = 0; l < L; l++) {
          out[i][l] += (float) (w[r * L + l] - u[r * L + l] / c);
        }
      }
    }
    return out;
  }

  /** The averaged {transitions, start, end} scores, as {@link Viterbi#decode(float[][], float[], float[], float[])} takes them. */
  public float[][] transitions() {
    return new float[][] {average(trans, transU), average(start, startU), average(end, endU)};
  }

  /**
   * Writes the averaged weights, dropping features whose largest weight is below minWeight: they
   * change few decisions but cost a memory access each at run time.
   */
  public void write(OutputStream out, String metadata, float minWeight) throws IOException {
    write(out, metadata, minWeight, null);
  }

  /**
   * Writes the averaged weights of this trainer and of a second stage's (whose feature hashes
   * differ from this one's), with this trainer's transitions.
   */
  public void write(OutputStream out, String metadata, float minWeight, PerceptronTrainer second)
      throws IOException {
    java.util.TreeMap<Long, float[]> all = new java.util.TreeMap<>();
    for (PerceptronTrainer t : second == null ? List.of(this) : List.of(this, second)) {
      for (long key : t.index.keys()) {
        int r = t.index.get(key);
        float[] row = new float[L];
        boolean any = false;
        for (int l = 0; l < L; l++) {
          row[l] = (float) (t.w[r * L + l] - t.u[r * L + l] / t.c);
          any |= Math.abs(row[l]) >= minWeight;
        }
        if (any && all.put(key, row) != null) {
          throw new IllegalStateException("feature hash in both stages: " + key);
        }
      }
    }
    long[] keys = index.keys();
    List<Long> kept = new ArrayList<>(all.keySet());
    List<float[]> rows = new ArrayList<>(all.values());
    long[] k = new long[kept.size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = kept.get(i);
    }
    System.err.printf("features: %d seen, %d with weights%n", keys.length, k.length);
    TaggerModel.write(out, k, rows.toArray(new float[0][]), average(trans, transU),
        average(start, startU), average(end, endU), metadata);
  }

  private float[] average(float[] v, double[] vu) {
    float[] a = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      a[i] = (float) (v[i] - vu[i] / c);
    }
    return a;
  }
}
