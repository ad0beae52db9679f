package io.newsline.embedding;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A static sentence embedding: one vector per word piece of MiniLM's vocabulary, distilled from
 * the model (see {@code StaticEmbeddingDistiller}: each token embedded by all-MiniLM-L6-v2 on its
 * own, reduced by PCA, weighted by how rare the token is). A text's embedding is the mean of its
 * tokens' vectors less the component every news text shares (the mean embedding of a news corpus,
 * stored with the table), scaled to unit length: without that, any two articles have a cosine
 * around 0.5 and the model's cosine scale (unrelated about 0.1, same story about 0.7) is lost.
 * Quantised to one byte per dimension with a scale per token. Immutable,
 * thread-safe; the arithmetic is plain Java in a fixed order, so every machine computes the same
 * bytes.
 */
public final class StaticEmbeddings {
  private static final int MAGIC = 0x4e4c5345; // NLSE
  private static final int FORMAT = 2;

  private final String name;
  private final int dims;
  private final List<String> tokens;
  private final float[] scales;
  private final byte[] table;
  private final float[] common;
  private final WordPieceTokenizer tokenizer;

  private StaticEmbeddings(String name, int dims, List<String> tokens, float[] scales, byte[] table, float[] common) {
    this.name = name;
    this.dims = dims;
    this.tokens = List.copyOf(tokens);
    this.scales = scales;
    this.table = table;
    this.common = common;
    this.tokenizer = new WordPieceTokenizer(tokens);
  }

  /** The classpath resource of the bundled table ({@link #bundled}). */
  public static final String BUNDLED = "news-static-128.bin.gz";

  /**
   * The table shipped with newsline (docs/benchmarks.md: how it was fitted, on which text, and its
   * clustering figures against MiniLM's).
   */
  public static StaticEmbeddings bundled() {
    try (InputStream in = StaticEmbeddings.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("the bundled embedding table " + BUNDLED + " is missing from the classpath");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled embedding table: " + e.getMessage(), e);
    }
  }

  /** Loads a table written by {@link #write}. */
  public static StaticEmbeddings file(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedding table " + path + ": " + e.getMessage(), e);
    }
  }

  /** Short hash of the table's contents: embeddings of different tables must not be compared. */
  public String fingerprint() {
    CRC32 crc = new CRC32();
    crc.update(name.getBytes(StandardCharsets.UTF_8));
    crc.update(table);
    ByteBuffer floats = ByteBuffer.allocate(4 * (scales.length + common.length));
    floats.asFloatBuffer().put(scales).put(common);
    crc.update(floats);
    return String.format("%08x", crc.getValue());
  }

  /** The table's name and build parameters, as recorded by the distiller. */
  public String name() {
    return name;
  }

  public int dims() {
    return dims;
  }

  public WordPieceTokenizer tokenizer() {
    return tokenizer;
  }

  /**
   * Mean of the text's token vectors (unknown tokens and tokens without a vector skipped) less the
   * common component, at unit length; null when the text has no token with a vector.
   */
  public float[] embed(String text) {
    float[] mean = mean(text);
    if (mean == null) {
      return null;
    }
    double norm = 0;
    for (int k = 0; k < dims; k++) {
      mean[k] -= common[k];
      norm += (double) mean[k] * mean[k];
    }
    if (norm == 0) {
      return null;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int k = 0; k < dims; k++) {
      mean[k] *= inv;
    }
    return mean;
  }

  /** Plain mean of the text's token vectors; null when none. */
  public float[] mean(String text) {
    float[] acc = new float[dims];
    int[] count = {0};
    tokenizer.tokenize(text, id -> {
      float scale = scales[id];
      if (scale != 0) {
        int base = id * dims;
        for (int k = 0; k < dims; k++) {
          acc[k] += table[base + k] * scale;
        }
        count[0]++;
      }
    });
    if (count[0] == 0) {
      return null;
    }
    for (int k = 0; k < dims; k++) {
      acc[k] /= count[0];
    }
    return acc;
  }

  /**
   * Writes a table: the vocabulary in id order, one vector per token (null or all zero: the token
   * contributes nothing), quantised to bytes with a per-token scale, and the common component
   * (null: none).
   */
  public static void write(String name, List<String> tokens, float[][] vectors, float[] common, OutputStream raw)
      throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
    DataOutputStream out = new DataOutputStream(gz);
    int dims = 0;
    for (float[] v : vectors) {
      if (v != null) {
        dims = v.length;
        break;
      }
    }
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeUTF(name);
    out.writeInt(dims);
    out.writeInt(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      out.writeUTF(tokens.get(i));
      float[] v = vectors[i];
      float max = 0;
      for (int k = 0; v != null && k < dims; k++) {
        max = Math.max(max, Math.abs(v[k]));
      }
      float scale = max / 127f;
      out.writeFloat(scale);
      for (int k = 0; k < dims; k++) {
        out.writeByte(scale == 0 ? 0 : Math.round(v[k] / scale));
      }
    }
    for (int k = 0; k < dims; k++) {
      out.writeFloat(common == null ? 0 : common[k]);
    }
    out.flush();
    gz.finish();
  }

  /** Reads a table written by {@link #write}. */
  public static StaticEmbeddings read(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
    if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
      throw new IOException("not a newsline static embedding table (format " + FORMAT + ")");
    }
    String name = in.readUTF();
    int dims = in.readInt();
    int n = in.readInt();
    List<String> tokens = new ArrayList<>(n);
    float[] scales = new float[n];
    byte[] table = new byte[n * dims];
    for (int i = 0; i < n; i++) {
      tokens.add(in.readUTF());
      scales[i] = in.readFloat();
      in.readFully(table, i * dims, dims);
    }
    float[] common = new float[dims];
    for (int k = 0; k < dims; k++) {
      common[k] = in.readFloat();
    }
    return new StaticEmbeddings(name, dims, tokens, scales, table, common);
  }
}
