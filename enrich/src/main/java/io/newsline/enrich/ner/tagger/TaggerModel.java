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
  /** Longs per slot: the feature hash, then its 17 quantised weights packed four to a long. */
  private static final int STRIDE = 1 + (L + 3) / 4;
  private static final long EMPTY = Long.MIN_VALUE;
  /**
   * Open addressing with each feature's weights inline, so a lookup touches one cache line:
   * slot i is table[i * STRIDE, (i + 1) * STRIDE).
   */
  private final long[] table;
  private final int mask;
  /** One bit per feature-hash bucket, small enough to stay in cache: most lookups are misses. */
  private final long[] present;
  private final int presentMask;
  /** Real weight = quantised value * scale. */
  private final float scale;
  private final int rows;
  /** Transition scores by target label, as {@link Viterbi} wants them. */
  private final float[][] transByTarget;
  private final float[] start;
  private final float[] end;
  private final String metadata;

  private TaggerModel(long[] keys, short[] weights, float scale, float[] trans, float[] start, float[] end,
      String metadata) {
    // Load factor about 0.5 to 0.75 keeps the table small enough for the L2 cache; the bloom
    // filter spares most absent features the probe.
    int cap = Integer.highestOneBit(Math.max(16, keys.length + keys.length / 3)) << 1;
    this.table = new long[cap * STRIDE];
    java.util.Arrays.fill(table, EMPTY);
    this.mask = cap - 1;
    int bits = Integer.highestOneBit(Math.max(64, keys.length * 16 - 1)) << 1;
    this.present = new long[bits / 64];
    this.presentMask = bits - 1;
    int kept = 0;
    for (int r = 0; r < keys.length; r++) {
      long key = keys[r];
      if (key == EMPTY) {
        continue;
      }
      int i = slot(key);
      while (table[i * STRIDE] != EMPTY) {
        i = (i + 1) & mask;
      }
      int base = i * STRIDE;
      table[base] = key;
      for (int w = 1; w < STRIDE; w++) {
        table[base + w] = 0;
      }
      for (int y = 0; y < L; y++) {
        table[base + 1 + (y >> 2)] |= (weights[r * L + y] & 0xFFFFL) << ((y & 3) * 16);
      }
      int bit = bloom(key);
      present[bit >>> 6] |= 1L << bit;
      kept++;
    }
    this.scale = scale;
    this.rows = kept;
    this.transByTarget = Viterbi.byTarget(trans);
    this.start = start;
    this.end = end;
    this.metadata = metadata;
  }

  private int slot(long key) {
    return (int) (key ^ (key >>> 29)) & mask;
  }

  private int bloom(long key) {
    return (int) (key >>> 40) & presentMask;
  }

  /** Start of the feature's slot in table, or -1. */
  private int slotOf(long key) {
    int bit = bloom(key);
    if ((present[bit >>> 6] & (1L << bit)) == 0) {
      return -1;
    }
    int i = slot(key);
    while (true) {
      long k = table[i * STRIDE];
      if (k == key) {
        return i * STRIDE;
      }
      if (k == EMPTY) {
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  public String metadata() {
    return metadata;
  }

  public int features() {
    return rows;
  }

  /** Best label per word, from flattened features. */
  public int[] tag(long[][] features) {
    int[][] acc = new int[features.length][L];
    for (int i = 0; i < features.length; i++) {
      addAll(features[i], features[i].length, acc[i]);
    }
    return decode(acc);
  }

  /** Adds the quantised weights of features[0, n) to acc (one slot per label). */
  public void addAll(long[] features, int n, int[] acc) {
    for (int k = 0; k < n; k++) {
      int base = slotOf(features[k]);
      if (base >= 0) {
        for (int w = 0; w < STRIDE - 1; w++) {
          long packed = table[base + 1 + w];
          if (packed == 0) {
            continue;
          }
          int y = w * 4;
          acc[y] += (short) packed;
          if (y + 1 < L) {
            acc[y + 1] += (short) (packed >>> 16);
            acc[y + 2] += (short) (packed >>> 32);
            acc[y + 3] += (short) (packed >>> 48);
          }
        }
      }
    }
  }

  /** Best label per word given each word's summed quantised weights. */
  public int[] decode(int[][] acc) {
    return Viterbi.decode(acc, scale, transByTarget, start, end);
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
    Rows r = readRows(raw);
    return new TaggerModel(r.keys, r.weights, r.scale, r.trans, r.start, r.end, r.metadata);
  }

  /**
   * A model file as written: sorted feature hashes with their quantised label weights (real weight
   * = weight * scale), transitions, start and end scores.
   */
  public record Rows(long[] keys, short[] weights, float scale, float[] trans, float[] start, float[] end,
      String metadata) {
    /** The real weight of row r for label y. */
    public float weight(int r, int y) {
      return weights[r * L + y] * scale;
    }
  }

  public static Rows readRows(InputStream raw) throws IOException {
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
    long[] keys = new long[n];
    short[] weights = new short[n * L];
    for (int r = 0; r < n; r++) {
      keys[r] = in.readLong();
      int mask = in.readInt();
      for (int y = 0; y < L; y++) {
        if ((mask & (1 << y)) != 0) {
          weights[r * L + y] = in.readShort();
        }
      }
    }
    return new Rows(keys, weights, scale, trans, start, end, metadata);
  }

  private static float[] readFloats(DataInputStream in, int n) throws IOException {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = in.readFloat();
    }
    return v;
  }
}
