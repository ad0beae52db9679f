package io.newsline.enrich.stance;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Multinomial logistic regression over hashed features: one weight row per class (negative,
 * neutral, positive). Read-only after loading, so one instance serves every thread.
 *
 * <p>File format (gzip): magic "NLST", version, hash bits, reserved (dense) buckets, class count,
 * non-zero row count, then
 * per non-zero feature bucket its index and one float per class. Written in index order, so the
 * same weights give the same bytes.
 */
public final class LinearModel {
  public static final int CLASSES = 3;
  private static final int MAGIC = 0x4e4c5354;
  private static final int FORMAT = 2;
  private final int bits;
  private final int reserved;
  private final float[] weights;

  /** A model over {@code reserved} directly indexed buckets plus 2^bits hashed ones. */
  public LinearModel(int bits, int reserved, float[] weights) {
    if (weights.length != CLASSES * buckets(bits, reserved)) {
      throw new IllegalArgumentException("weights do not match " + bits + " hash bits + " + reserved);
    }
    this.bits = bits;
    this.reserved = reserved;
    this.weights = weights;
  }

  public static int buckets(int bits, int reserved) {
    return reserved + (1 << bits);
  }

  public int bits() {
    return bits;
  }

  public int reserved() {
    return reserved;
  }

  /** The weight array itself (row-major by feature bucket: bucket * CLASSES + class), for training. */
  float[] weights() {
    return weights;
  }

  /** Class scores (logits) of a feature vector into out[0..2]. */
  public void scores(SparseFeatures x, double[] out) {
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
    addScores(x, out);
  }

  /** Adds the class scores of a feature vector to out[0..2]. */
  public void addScores(SparseFeatures x, double[] out) {
    double a = 0;
    double b = 0;
    double c = 0;
    for (int k = 0; k < x.size(); k++) {
      int base = x.index(k) * CLASSES;
      float v = x.value(k);
      a += weights[base] * v;
      b += weights[base + 1] * v;
      c += weights[base + 2] * v;
    }
    out[0] += a;
    out[1] += b;
    out[2] += c;
  }

  /** Class probabilities (softmax of the scores) into out[0..2]. */
  public void probabilities(SparseFeatures x, double[] out) {
    scores(x, out);
    softmax(out);
  }

  static void softmax(double[] s) {
    double max = Math.max(s[0], Math.max(s[1], s[2]));
    double sum = 0;
    for (int k = 0; k < CLASSES; k++) {
      s[k] = Math.exp(s[k] - max);
      sum += s[k];
    }
    for (int k = 0; k < CLASSES; k++) {
      s[k] /= sum;
    }
  }

  public void write(OutputStream raw) throws IOException {
    int rows = 0;
    int dim = buckets(bits, reserved);
    for (int i = 0; i < dim; i++) {
      if (nonZero(i)) {
        rows++;
      }
    }
    GZIPOutputStream gz = new GZIPOutputStream(raw);
    DataOutputStream out = new DataOutputStream(gz);
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeInt(bits);
    out.writeInt(reserved);
    out.writeInt(CLASSES);
    out.writeInt(rows);
    for (int i = 0; i < dim; i++) {
      if (nonZero(i)) {
        out.writeInt(i);
        for (int c = 0; c < CLASSES; c++) {
          out.writeFloat(weights[i * CLASSES + c]);
        }
      }
    }
    out.flush();
    gz.finish();
  }

  public static LinearModel read(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw, 1 << 16)));
    if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
      throw new IOException("not a newsline stance model (or an unknown format version)");
    }
    int bits = in.readInt();
    int reserved = in.readInt();
    if (in.readInt() != CLASSES || bits < 8 || bits > 26 || reserved < 0 || reserved > 1 << 20) {
      throw new IOException("unexpected model shape");
    }
    float[] w = new float[CLASSES * buckets(bits, reserved)];
    int rows = in.readInt();
    for (int r = 0; r < rows; r++) {
      int i = in.readInt();
      for (int c = 0; c < CLASSES; c++) {
        w[i * CLASSES + c] = in.readFloat();
      }
    }
    return new LinearModel(bits, reserved, w);
  }

  private boolean nonZero(int i) {
    int base = i * CLASSES;
    return weights[base] != 0 || weights[base + 1] != 0 || weights[base + 2] != 0;
  }
}
