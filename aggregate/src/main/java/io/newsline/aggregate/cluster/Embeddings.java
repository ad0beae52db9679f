package io.newsline.aggregate.cluster;

/** Vector arithmetic on decoded article embeddings (see {@link io.newsline.embedding.EmbeddingCodec}). */
final class Embeddings {
  private Embeddings() {}

  static double dot(float[] a, float[] b) {
    double s = 0;
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double norm(float[] a) {
    return Math.sqrt(dot(a, a));
  }
}
