package io.newsline.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.newsline.avro.EnrichedArticle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaticEmbeddingsTest {
  /** A four-word vocabulary in two dimensions: quake/tremor point one way, vote/ballot the other. */
  private static final List<String> VOCAB = List.of("[PAD]", "[UNK]", "quake", "tremor", "vote", "ballot", "##s", ".");

  private static StaticEmbeddings table(float[] common) throws IOException {
    float[][] v = {null, null, {1, 0.1f}, {0.9f, 0.2f}, {0.1f, 1}, {0.2f, 0.9f}, {0, 0}, null};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StaticEmbeddings.write("test", VOCAB, v, common, out);
    return StaticEmbeddings.read(new ByteArrayInputStream(out.toByteArray()));
  }

  @Test
  void embedsAsTheUnitMeanOfTheTokenVectorsLessTheCommonComponent() throws IOException {
    StaticEmbeddings t = table(new float[] {0.5f, 0.5f});
    float[] quake = t.embed("Quake.");
    assertThat(quake[0] * quake[0] + quake[1] * quake[1]).isCloseTo(1f, within(1e-5f));
    assertThat(quake[0]).isPositive();
    assertThat(quake[1]).isNegative(); // (1, 0.1) less (0.5, 0.5): the shared direction is gone
    assertThat(dot(t.embed("quake tremors"), t.embed("tremor"))).isGreaterThan(0.9);
    assertThat(dot(t.embed("quake"), t.embed("ballots vote"))).isLessThan(0);
  }

  @Test
  void aTextWithoutKnownTokensHasNoEmbedding() throws IOException {
    StaticEmbeddings t = table(null);
    assertThat(t.embed("zzz qqq")).isNull();
    assertThat(t.embed("")).isNull();
  }

  @Test
  void theSameTableGivesTheSameBytesAndFingerprint() throws IOException {
    StaticEmbeddings a = table(new float[] {0.1f, 0});
    StaticEmbeddings b = table(new float[] {0.1f, 0});
    assertThat(EmbeddingCodec.encode(a.embed("quake vote"))).isEqualTo(EmbeddingCodec.encode(b.embed("quake vote")));
    assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(table(new float[] {0.2f, 0}).fingerprint());
  }

  @Test
  void aRecordEmbeddedByAnotherModelIsEmbeddedAgain() throws IOException {
    SentenceEmbedder embedder = SentenceEmbedder.distilled(table(null));
    EnrichedArticle a = new EnrichedArticle();
    a.setId("a");
    a.setTitle("Quake");
    a.setText("tremors");
    a.setEnricher("newsline-enrich ner=x embedding=all-minilm-l6-v2-q/600");
    a.setEmbedding(EmbeddingCodec.encode(new float[] {1, 0, 0}));
    assertThat(embedder.current(a)).isFalse();
    embedder.fill(a);
    assertThat(embedder.current(a)).isTrue();
    assertThat(a.getEnricher()).isEqualTo("newsline-enrich ner=x embedding=" + embedder.version());
    assertThat(EmbeddingCodec.decode(a.getEmbedding())).hasSize(2);
  }

  private static double dot(float[] x, float[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }
}
