package io.newsline.embedding;

import java.nio.ByteBuffer;

/**
 * The wire form of article embeddings (EnrichedArticle.embedding): one signed byte per dimension,
 * round(value * 127) of the L2-normalised vector. Quantising keeps records small (384 bytes) and
 * makes similarity insensitive to the last bits of floating-point noise between machines.
 */
public final class EmbeddingCodec {
  private EmbeddingCodec() {}

  public static ByteBuffer encode(float[] v) {
    if (v == null) {
      return null;
    }
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    n = Math.sqrt(n);
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      long q = Math.round(n == 0 ? 0 : v[i] / n * 127);
      out[i] = (byte) Math.max(-127, Math.min(127, q));
    }
    return ByteBuffer.wrap(out);
  }

  /** Decodes and re-normalises; null for null or empty input. */
  public static float[] decode(ByteBuffer b) {
    if (b == null || !b.hasRemaining()) {
      return null;
    }
    ByteBuffer d = b.duplicate();
    float[] v = new float[d.remaining()];
    double n = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = d.get() / 127f;
      n += v[i] * v[i];
    }
    n = Math.sqrt(n);
    if (n == 0) {
      return null;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / n);
    }
    return v;
  }
}
