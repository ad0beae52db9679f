package io.newsline.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The table shipped with newsline ({@code -Dnewsline.embedding=static}). */
class BundledTableTest {
  private static final String QUAKE_1 = "A magnitude 6.1 earthquake struck off the coast of northern Chile on Tuesday, shaking buildings in Arica.";
  private static final String QUAKE_2 = "Strong quake hits northern Chile, rattling the port city of Arica; no damage reported.";
  private static final String VOTE = "Lawmakers in Brussels approved the budget for next year after a late-night vote on farm subsidies.";

  @Test
  void putsTwoReportsOfOneEventCloserThanAnUnrelatedOne() {
    SentenceEmbedder e = SentenceEmbedder.named("static");
    float[] a = e.embed(null, QUAKE_1);
    float[] b = e.embed(null, QUAKE_2);
    float[] c = e.embed(null, VOTE);
    assertThat(dot(a, a)).isCloseTo(1, within(1e-5));
    assertThat(dot(a, b)).isGreaterThan(0.5).isGreaterThan(dot(a, c) + 0.3);
    assertThat(e.version()).startsWith("static-").endsWith("/" + SentenceEmbedder.MAX_CHARS);
  }

  @Test
  void givesTheSameBytesEveryTime() {
    StaticEmbeddings t = StaticEmbeddings.bundled();
    assertThat(EmbeddingCodec.encode(t.embed(QUAKE_1))).isEqualTo(EmbeddingCodec.encode(StaticEmbeddings.bundled().embed(QUAKE_1)));
    assertThat(t.fingerprint()).isEqualTo(StaticEmbeddings.bundled().fingerprint());
  }

  private static double dot(float[] x, float[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }
}
