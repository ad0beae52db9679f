package io.newsline.bench.stance;

import io.newsline.embedding.SentenceEmbedder;
import io.newsline.enrich.ArticleEnricher;
import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.ner.EntityExtractor;
import io.newsline.enrich.quotes.AttributedQuoteExtractor;
import io.newsline.enrich.stance.ModelStanceAnalyzer;
import io.newsline.enrich.stance.StanceAnalyzer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Enrich's CPU time per article with each sentence embedder named on the command line (as the
 * {@code newsline.embedding} property names them), against two baselines in the same run: the
 * enrichment without an embedding and with MiniLM, today's default. Thread CPU time, blocks of
 * articles alternating between the embedders, medians over the rounds: other processes on the
 * shared cores do not distort it as they distort wall-clock JMH figures. ONNX Runtime runs on the
 * calling thread, so MiniLM's native work is in the thread's time.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.newsline.bench.stance.EmbeddingCost \
 *     /tmp/minilm-fitted.bin.gz minilm:300 hybrid:400:0.8:/tmp/minilm-fitted.bin.gz
 * </pre>
 */
public final class EmbeddingCost {
  private static final int ROUNDS = 9;
  private static final int WARMUP_ROUNDS = 3;

  private EmbeddingCost() {}

  public static void main(String[] args) throws Exception {
    List<ArticleText> articles = EnrichCostBenchmark.articles(Path.of(System.getProperty("newsline.samples", "samples")));
    EntityExtractor ner = EnrichCostBenchmark.standardExtractor();
    StanceAnalyzer stance = ModelStanceAnalyzer.standard();
    List<String> specs = new ArrayList<>(List.of("none", "minilm"));
    specs.addAll(List.of(args));
    List<ArticleEnricher> enrichers = new ArrayList<>();
    List<SentenceEmbedder> embedders = new ArrayList<>();
    for (String spec : specs) {
      SentenceEmbedder e = spec.equals("none") ? null : SentenceEmbedder.named(spec);
      embedders.add(e);
      enrichers.add(new ArticleEnricher(ner, stance, new AttributedQuoteExtractor(), e));
    }
    double[][] enrich = new double[specs.size()][ROUNDS];
    double[][] embed = new double[specs.size()][ROUNDS];
    for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
      for (int k = 0; k < specs.size(); k++) {
        ArticleEnricher en = enrichers.get(k);
        SentenceEmbedder em = embedders.get(k);
        double a = EnrichCostRatio.cpuMicros(articles, i -> en.enrich(articles.get(i)));
        double b = em == null ? 0 : EnrichCostRatio.cpuMicros(articles, i -> em.embed(articles.get(i).title(), articles.get(i).text()));
        if (round >= 0) {
          enrich[k][round] = a;
          embed[k][round] = b;
        }
      }
      System.err.printf(Locale.ROOT, "round %d of %d done%n", round + WARMUP_ROUNDS + 1, ROUNDS + WARMUP_ROUNDS);
    }
    double base = EnrichCostRatio.median(enrich[1]);
    System.out.printf(Locale.ROOT, "%d articles of ~%d words (embedding: the first %d characters); CPU time per article, median of %d rounds%n",
        articles.size(), EnrichCostBenchmark.WORDS_PER_ARTICLE, SentenceEmbedder.MAX_CHARS, ROUNDS);
    System.out.printf(Locale.ROOT, "%-60s %12s %12s %10s%n", "embedding", "enrich us", "embed us", "vs minilm");
    for (int k = 0; k < specs.size(); k++) {
      double e = EnrichCostRatio.median(enrich[k]);
      System.out.printf(Locale.ROOT, "%-60s %12.0f %12.0f %10.3f%n", specs.get(k), e, EnrichCostRatio.median(embed[k]), e / base);
    }
  }
}
