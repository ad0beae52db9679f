package io.newsline.bench.ner;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.ner.EntityExtractor;
import io.newsline.enrich.ner.PerceptronEntityExtractor;
import io.newsline.enrich.text.Token;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Entity extraction throughput on ~1,200-word news articles, one article per operation, one
 * thread: the trained extractor against the rule-based baseline and a bare tokenizer pass,
 * measured in the same run. Run: see docs/ner.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Threads(1)
@State(Scope.Thread)
public class NerBenchmark {
  private List<ArticleText> articles;
  private EntityExtractor perceptron;
  private EntityExtractor rules;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    articles = NewsArticles.load(16);
    perceptron = PerceptronEntityExtractor.shared();
    rules = new RuleBasedEntityExtractor();
    // On a loaded machine the JIT compiler threads get little CPU: make sure the hot code is
    // compiled before the warm-up iterations even start.
    for (int i = 0; i < WARM_UP_ARTICLES; i++) {
      perceptron.extract(articles.get(i % articles.size()));
      rules.extract(articles.get(i % articles.size()));
    }
  }

  private static final int WARM_UP_ARTICLES = 1500;

  private ArticleText nextArticle() {
    ArticleText a = articles.get(next);
    next = (next + 1) % articles.size();
    return a;
  }

  @Benchmark
  public List<Entity> perceptronNer() {
    return perceptron.extract(nextArticle());
  }

  @Benchmark
  public List<Entity> ruleBaseline() {
    return rules.extract(nextArticle());
  }

  @Benchmark
  public List<Token> tokenizeOnly() {
    return Tokenizer.tokenize(nextArticle().text());
  }
}
