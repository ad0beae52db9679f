package io.newsline.enrich.stance;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Static word vectors (whitened PCA of MiniLM's word-piece embeddings, one byte per dimension):
 * they let the linear model generalise from polar words it saw in training to similar ones it did
 * not. Immutable, thread-safe.
 */
public final class WordVectors {
  public static final String RESOURCE = "/stance/minilm-word-vectors.bin.gz";
  private static final int MAGIC = 0x4e4c5756;
  /** Values are clipped to +-4 standard deviations and stored as round(v * 127 / 4). */
  private static final float STEP = 4f / 127f;

  private final int dims;
  private final Map<String, Integer> row;
  private final byte[] table;

  private WordVectors(int dims, Map<String, Integer> row, byte[] table) {
    this.dims = dims;
    this.row = row;
    this.table = table;
  }

  public static WordVectors load() {
    try (InputStream in = WordVectors.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every word that has a vector. */
  public java.util.Set<String> words() {
    return row.keySet();
  }

  /** Number of words (rows). */
  public int size() {
    return table.length / dims;
  }

  public int dims() {
    return dims;
  }

  /** Row of a lower-case word, -1 when it has no vector. */
  public int row(String word) {
    Integer r = row.get(word);
    return r == null ? -1 : r;
  }

  /** Adds the vector of a row to acc. */
  public void addRow(int r, float[] acc) {
    int base = r * dims;
    for (int k = 0; k < dims; k++) {
      acc[k] += table[base + k] * STEP;
    }
  }

  /** Adds weight times the vector of a row to acc[offset..offset+dims). */
  public void addRow(int r, float[] acc, int offset, float weight) {
    int base = r * dims;
    float step = STEP * weight;
    for (int k = 0; k < dims; k++) {
      acc[offset + k] += table[base + k] * step;
    }
  }

  /** Adds the vector of a lower-case word to acc; false when the word has none. */
  public boolean addTo(String word, float[] acc) {
    Integer r = row.get(word);
    if (r == null) {
      return false;
    }
    int base = r * dims;
    for (int k = 0; k < dims; k++) {
      acc[k] += table[base + k] * STEP;
    }
    return true;
  }

  public static void write(List<String> words, float[][] vectors, OutputStream raw) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(raw);
    DataOutputStream out = new DataOutputStream(gz);
    int dims = vectors[0].length;
    out.writeInt(MAGIC);
    out.writeInt(dims);
    out.writeInt(words.size());
    for (int i = 0; i < words.size(); i++) {
      out.writeUTF(words.get(i));
      for (int k = 0; k < dims; k++) {
        float v = Math.max(-4f, Math.min(4f, vectors[i][k]));
        out.writeByte(Math.round(v / STEP));
      }
    }
    out.flush();
    gz.finish();
  }

  static WordVectors read(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)));
    if (in.readInt() != MAGIC) {
      throw new IOException("not a newsline word-vector file");
    }
    int dims = in.readInt();
    int n = in.readInt();
    Map<String, Integer> row = new HashMap<>(n * 2);
    byte[] table = new byte[n * dims];
    for (int i = 0; i < n; i++) {
      row.put(in.readUTF(), i);
      in.readFully(table, i * dims, dims);
    }
    return new WordVectors(dims, Map.copyOf(row), table);
  }
}
