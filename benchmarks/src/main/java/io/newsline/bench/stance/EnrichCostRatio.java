package io.newsline.bench.stance;

import io.newsline.enrich.ArticleEnricher;
import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.ner.EntityExtractor;
import io.newsline.enrich.quotes.AttributedQuoteExtractor;
import io.newsline.enrich.quotes.QuoteExtractor;
import io.newsline.enrich.stance.ModelStanceAnalyzer;
import io.newsline.enrich.stance.StanceAnalyzer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cost ratio of issue 4 measured in CPU time of the measuring thread, so that other processes
 * on the shared cores do not distort it as they do wall-clock JMH figures: blocks of articles are
 * enriched alternately without and with stance and quotes, and the medians per article compared.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.newsline.bench.stance.EnrichCostRatio
 * </pre>
 */
public final class EnrichCostRatio {
  private static final int ROUNDS = 15;
  private static final int WARMUP_ROUNDS = 10;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private EnrichCostRatio() {}

  public static void main(String[] args) throws Exception {
    List<ArticleText> articles = EnrichCostBenchmark.articles(Path.of(System.getProperty("newsline.samples", "samples")));
    EntityExtractor ner = EnrichCostBenchmark.standardExtractor();
    StanceAnalyzer stance = ModelStanceAnalyzer.standard();
    QuoteExtractor quotes = new AttributedQuoteExtractor();
    ArticleEnricher without = new ArticleEnricher(ner, EnrichCostBenchmark.NO_STANCE, EnrichCostBenchmark.NO_QUOTES);
    ArticleEnricher with = new ArticleEnricher(ner, stance, quotes);
    ArticleEnricher withStance = new ArticleEnricher(ner, stance, EnrichCostBenchmark.NO_QUOTES);
    ArticleEnricher withQuotes = new ArticleEnricher(ner, EnrichCostBenchmark.NO_STANCE, quotes);
    List<List<Entity>> entities = articles.stream().map(ner::extract).toList();
    double[][] perArticle = new double[6][ROUNDS];
    for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
      double a = cpuMicros(articles, i -> without.enrich(articles.get(i)));
      double b = cpuMicros(articles, i -> with.enrich(articles.get(i)));
      double c = cpuMicros(articles, i -> stance.analyze(articles.get(i), entities.get(i)));
      double d = cpuMicros(articles, i -> quotes.extract(articles.get(i), entities.get(i)));
      double e = cpuMicros(articles, i -> withStance.enrich(articles.get(i)));
      double f = cpuMicros(articles, i -> withQuotes.enrich(articles.get(i)));
      if (round >= 0) {
        perArticle[0][round] = a;
        perArticle[1][round] = b;
        perArticle[2][round] = c;
        perArticle[3][round] = d;
        perArticle[4][round] = e;
        perArticle[5][round] = f;
      }
    }
    double a = median(perArticle[0]);
    double b = median(perArticle[1]);
    double c = median(perArticle[2]);
    double d = median(perArticle[3]);
    System.out.printf(Locale.ROOT, "entity extractor: %s; %d articles of ~%d words; CPU time per article, median of %d rounds%n",
        ner.version(), articles.size(), EnrichCostBenchmark.WORDS_PER_ARTICLE, ROUNDS);
    System.out.printf(Locale.ROOT, "without stance+quotes %8.0f us%n", a);
    System.out.printf(Locale.ROOT, "with stance+quotes    %8.0f us   ratio %.2f%n", b, b / a);
    System.out.printf(Locale.ROOT, "stance alone          %8.0f us%n", c);
    System.out.printf(Locale.ROOT, "quotes alone          %8.0f us   (stance+quotes)/without = %.2f%n", d, (c + d) / a);
    System.out.printf(Locale.ROOT, "with stance only      %8.0f us   ratio %.2f%n", median(perArticle[4]), median(perArticle[4]) / a);
    System.out.printf(Locale.ROOT, "with quotes only      %8.0f us   ratio %.2f%n", median(perArticle[5]), median(perArticle[5]) / a);
  }

  interface Work {
    Object run(int article);
  }

  /** Runs every article 8 times and returns the CPU microseconds per article. */
  static double cpuMicros(List<ArticleText> articles, Work w) {
    int reps = 8;
    long sink = 0;
    long t0 = CPU.getCurrentThreadCpuTime();
    for (int r = 0; r < reps; r++) {
      for (int i = 0; i < articles.size(); i++) {
        sink += w.run(i).hashCode() & 1;
      }
    }
    long t = CPU.getCurrentThreadCpuTime() - t0;
    if (sink == Long.MIN_VALUE) {
      System.out.println(sink); // keeps the results alive
    }
    return t / 1000.0 / (reps * articles.size());
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
