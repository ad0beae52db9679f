package io.newsline.embedding.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.embedding.SentenceEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticEmbeddingFitterTest {
  private static final int VOCAB = 60;
  private static final int DIMS = 6;

  /**
   * Targets made by a hidden table (the unit mean of the text's hidden token vectors); the distilled
   * vectors the fit starts from are that table seen through noise. Fitting must bring the held-out
   * texts' embeddings close to their targets, closer than the map of the distilled vectors alone.
   */
  @Test
  void learnsTokenVectorsWhoseMeanReproducesTheTargets() {
    Random r = new Random(3);
    float[][] hidden = new float[VOCAB][DIMS];
    float[][] raw = new float[VOCAB][];
    for (int t = 1; t < VOCAB; t++) { // token 0 has no vector, like [PAD]
      raw[t] = new float[DIMS];
      for (int k = 0; k < DIMS; k++) {
        hidden[t][k] = (float) r.nextGaussian();
        raw[t][k] = hidden[t][k] + (float) (1.5 * r.nextGaussian());
      }
    }
    SentenceTargets texts = new SentenceTargets();
    for (int i = 0; i < 3000; i++) {
      int[] ids = new int[3 + r.nextInt(8)];
      float[] y = new float[DIMS];
      for (int k = 0; k < ids.length; k++) {
        ids[k] = r.nextInt(VOCAB);
        for (int j = 0; j < DIMS; j++) {
          y[j] += hidden[ids[k]][j];
        }
      }
      texts.sources.add(i % 7 == 0 ? "other" : "news");
      texts.ids.add(ids);
      texts.targets.add(SentenceEmbedder.unit(y));
    }
    double[] weights = new double[VOCAB];
    Arrays.fill(weights, 1);
    StaticEmbeddingFitter.Fit fit = new StaticEmbeddingFitter.Fit(VOCAB, raw, weights, texts, Set.of("other"), 10, DIMS);
    fit.mapDistilled(1e-4);
    double mapped = fit.cosine(false);
    fit.refine(0.001, 40);
    assertThat(fit.cosine(false)).isGreaterThan(0.97).isGreaterThan(mapped + 0.05);
    assertThat(fit.table()[0]).isNull();
    float[] common = fit.common();
    assertThat(common).hasSize(DIMS);
  }

  @Test
  void theSameInputGivesTheSameTable() {
    float[][] a = tinyFit();
    float[][] b = tinyFit();
    assertThat(a).isDeepEqualTo(b);
  }

  private static float[][] tinyFit() {
    float[][] raw = {null, {1, 0}, {0, 1}, {0.7f, 0.7f}};
    SentenceTargets texts = new SentenceTargets();
    int[][] ids = {{1}, {2}, {1, 2}, {3, 1}, {3}, {2, 3}};
    for (int[] x : ids) {
      texts.sources.add("news");
      texts.ids.add(x);
      texts.targets.add(SentenceEmbedder.unit(new float[] {x[0], 1}));
    }
    StaticEmbeddingFitter.Fit fit = new StaticEmbeddingFitter.Fit(4, raw, new double[] {0, 1, 1, 1}, texts, Set.of(), 0, 2);
    fit.mapDistilled(1e-3);
    fit.refine(0.01, 5);
    return fit.table();
  }

  @Test
  void cutsDocumentsIntoTheLeadThenSentencePieces() {
    String body = "First sentence of the lead. " + "Another sentence follows here. ".repeat(40);
    List<String> pieces = NewsTexts.pieces("A headline", body);
    assertThat(pieces.get(0)).startsWith("A headline. First sentence").hasSizeLessThanOrEqualTo(600);
    assertThat(pieces).allSatisfy(p -> assertThat(p).hasSizeLessThanOrEqualTo(600).doesNotStartWith(" "));
    assertThat(pieces.subList(1, pieces.size())).allSatisfy(p -> assertThat(p).endsWith("."));
    assertThat(NewsTexts.pieces(null, "Only one sentence.")).containsExactly("Only one sentence.");
    assertThat(NewsTexts.sentences("Short one. A sentence long enough to stand on its own.\nAnother line that is long enough."))
        .containsExactly("A sentence long enough to stand on its own.", "Another line that is long enough.");
  }

  @Test
  void windowsAreRunsOfTwoAndThreeConsecutiveSentences() {
    assertThat(NewsTexts.windows("One is here. Two is there.\nThree is  last."))
        .containsExactly("One is here. Two is there.", "Two is there. Three is last.", "One is here. Two is there. Three is last.");
    assertThat(NewsTexts.windows("Only one sentence.")).isEmpty();
    // three sentences of 255 characters: the two runs of two fit in a lead, the run of three does not
    assertThat(NewsTexts.windows(("Word " + "word ".repeat(49) + "ends. ").repeat(3))).hasSize(2)
        .allSatisfy(w -> assertThat(w).hasSizeLessThanOrEqualTo(600));
  }

  @Test
  void extraPiecesComeAfterTheLeadsUnderTheirOwnSourceAndNotFromSkippedSources(@TempDir Path dir) throws IOException {
    Path news = dir.resolve("news.jsonl");
    Path held = dir.resolve("held.jsonl");
    String doc = "{\"title\": null, \"text\": \"A first sentence that is long enough. A second sentence that is long enough.\"}\n";
    Files.writeString(news, doc);
    Files.writeString(held, doc.replace("first", "other"));
    List<NewsTexts.Piece> pieces = NewsTexts.read(List.of(news, held), false, true, Set.of("held"));
    assertThat(pieces).extracting(NewsTexts.Piece::source).containsExactly("news", "held", "news~sentence", "news~sentence");
    assertThat(NewsTexts.read(List.of(news, held), false, false, Set.of())).hasSize(2);
  }
}
