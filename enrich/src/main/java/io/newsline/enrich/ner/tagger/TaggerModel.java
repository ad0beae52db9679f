package io.newsline.enrich.ner.tagger;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;

/**
 * The weights of a linear BILOU sequence tagger: a row of label scores per feature hash, plus
 * label transitions. Immutable once loaded, so one instance serves all threads.
 *
 * <p>File format (gzip): magic, format version, feature version, label count, metadata, start,
 * end and transition scores, then rows sorted by feature hash, each with a bit mask of its
 * non-zero labels and those weights quantised to 16 bits.
 */
public final class TaggerModel {
  private static final int MAGIC = 0x4E455231; // "NER1"
  private static final int FORMAT = 1;
  private static final int L = Labels.COUNT;
  private final LongIntMap rows;
  private final float[] weights;
  private final float[] trans;
  private final float[] start;
  private final float[] end;
  private final String metadata;

  public TaggerModel(LongIntMap rows, float[] weights, float[] trans, float[] start, float[] end, String metadata) {
    this.rows = rows;
    this.weights = weights;
    this.trans = trans;
    this.start = start;
    this.end = end;
    this.metadata = metadata;
  }

  public String metadata() {
    return metadata;
  }

  public int features() {
    return rows.size();
  }

  /** Best label per word. */
  public int[] tag(long[][] features) {
    float[][] emit = new float[features.length][L];
    for (int i = 0; i < features.length; i++) {
      float[] e = emit[i];
      for (long f : features[i]) {
        int r = rows.get(f);
        if (r >= 0) {
          int base = r * L;
          for (int y = 0; y < L; y++) {
            e[y] += weights[base + y];
          }
        }
      }
    }
    return Viterbi.decode(emit, trans, start, end);
  }

  /** Writes rows (sorted keys, so the same weights give the same bytes). */
  public static void write(OutputStream raw, long[] sortedKeys, float[][] rowWeights, float[] trans,
      float[] start, float[] end, String metadata) throws IOException {
    DataOutputStream out = new DataOutputStream(raw);
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeInt(FeatureExtractor.VERSION);
    out.writeInt(L);
    out.writeUTF(metadata);
    for (float v : start) {
      out.writeFloat(v);
    }
    for (float v : end) {
      out.writeFloat(v);
    }
    for (float v : trans) {
      out.writeFloat(v);
    }
    float max = 1e-9f;
    for (float[] row : rowWeights) {
      for (float v : row) {
        max = Math.max(max, Math.abs(v));
      }
    }
    float scale = max / 32000f;
    out.writeFloat(scale);
    out.writeInt(sortedKeys.length);
    for (int r = 0; r < sortedKeys.length; r++) {
      out.writeLong(sortedKeys[r]);
      int mask = 0;
      short[] q = new short[L];
      for (int y = 0; y < L; y++) {
        q[y] = (short) Math.round(rowWeights[r][y] / scale);
        if (q[y] != 0) {
          mask |= 1 << y;
        }
      }
      out.writeInt(mask);
      for (int y = 0; y < L; y++) {
        if (q[y] != 0) {
          out.writeShort(q[y]);
        }
      }
    }
    out.flush();
  }

  public static TaggerModel read(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(raw), 1 << 16));
    if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
      throw new IOException("not a newsline NER model");
    }
    int featureVersion = in.readInt();
    if (featureVersion != FeatureExtractor.VERSION) {
      throw new IOException("model has feature version " + featureVersion + ", code has "
          + FeatureExtractor.VERSION + ": retrain it");
    }
    if (in.readInt() != L) {
      throw new IOException("label count mismatch");
    }
    String metadata = in.readUTF();
    float[] start = readFloats(in, L);
    float[] end = readFloats(in, L);
    float[] trans = readFloats(in, L * L);
    float scale = in.readFloat();
    int n = in.readInt();
    LongIntMap rows = new LongIntMap(n);
    float[] weights = new float[n * L];
    for (int r = 0; r < n; r++) {
      rows.put(in.readLong(), r);
      int mask = in.readInt();
      for (int y = 0; y < L; y++) {
        if ((mask & (1 << y)) != 0) {
          weights[r * L + y] = in.readShort() * scale;
        }
      }
    }
    return new TaggerModel(rows, weights, trans, start, end, metadata);
  }

  private static float[] readFloats(DataInputStream in, int n) throws IOException {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = in.readFloat();
    }
    return v;
  }
}
