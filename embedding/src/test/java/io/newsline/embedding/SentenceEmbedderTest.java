package io.newsline.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SentenceEmbedderTest {
  private static StaticEmbeddings table() throws IOException {
    List<String> vocab = List.of("[UNK]", "quake", "vote");
    float[][] v = {null, {1, 0}, {0, 1}};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StaticEmbeddings.write("test", vocab, v, null, out);
    return StaticEmbeddings.read(new ByteArrayInputStream(out.toByteArray()));
  }

  @Test
  void cutsAtAWordBoundary() {
    assertThat(SentenceEmbedder.cut("short", 10)).isEqualTo("short");
    assertThat(SentenceEmbedder.cut("quake hits the coast today", 12)).isEqualTo("quake hits");
    assertThat(SentenceEmbedder.cut("abcdefghijklmnop", 8)).isEqualTo("abcdefgh"); // no space: a hard cut
  }

  /** The hybrid's cosine is weight x the model's cosine + (1 - weight) x the table's. */
  @Test
  void theHybridMixesTheCosinesOfModelAndTable() throws IOException {
    Function<String, float[]> model = s -> s.startsWith("quake") ? new float[] {1, 0, 0} : new float[] {0.6f, 0.8f, 0};
    SentenceEmbedder h = SentenceEmbedder.hybrid(model, "fake", 5, 0.7, table());
    float[] a = h.embed("quake", "vote vote");
    float[] b = h.embed("vote", "quake vote");
    double modelCosine = 0.6;
    double tableCosine = dot(unit(new float[] {1, 2}), unit(new float[] {1, 2}));
    assertThat(dot(a, b)).isCloseTo(0.7 * modelCosine + 0.3 * tableCosine, within(1e-5));
    assertThat(dot(a, a)).isCloseTo(1, within(1e-5));
    assertThat(h.version()).startsWith("hybrid-fake-5-0.7-static-").endsWith("/" + SentenceEmbedder.MAX_CHARS);
    assertThatThrownBy(() -> SentenceEmbedder.hybrid(model, "fake", 5, 1.5, table())).isInstanceOf(IllegalArgumentException.class);
  }

  /** A text in which the model finds no word piece (only a zero-width space) has no embedding, as a blank text. */
  @Test
  void theHybridOfATextTheModelCannotReadIsNone() throws IOException {
    SentenceEmbedder h = SentenceEmbedder.hybrid(s -> null, "fake", 5, 0.7, table());
    assertThat(h.embed("\u200b", "\u200b")).isNull();
  }

  @Test
  void aMalformedNameSaysWhatIsExpected() {
    assertThatThrownBy(() -> SentenceEmbedder.named("minilm:lots")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected minilm, minilm:CHARS");
    assertThatThrownBy(() -> SentenceEmbedder.named("hybrid:300")).hasMessageContaining("hybrid:CHARS:WEIGHT:TABLE");
  }

  private static float[] unit(float[] v) {
    double n = Math.sqrt(dot(v, v));
    float[] out = new float[v.length];
    for (int k = 0; k < v.length; k++) {
      out[k] = (float) (v[k] / n);
    }
    return out;
  }

  private static double dot(float[] x, float[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }
}
