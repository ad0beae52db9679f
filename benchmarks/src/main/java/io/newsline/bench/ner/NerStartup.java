package io.newsline.bench.ner;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.ner.EntityExtractor;
import io.newsline.enrich.ner.PerceptronEntityExtractor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Cold start-up and heap of the entity extractor in a fresh JVM: time from JVM start to the model
 * loaded and to the first article extracted, and heap in use after a full GC with the model
 * loaded. Then sustained single-thread throughput (after a warm-up) of the extractor and of the
 * rule-based baseline in the same run, per wall-clock second and per CPU-second of the measuring
 * thread: on a shared machine the CPU-second figure is what one core does. Run with -Xmx1g.
 */
public final class NerStartup {
  /** Articles extracted before each sustained measurement, so it sees JIT-compiled code. */
  private static final int WARM_UP_ARTICLES = 1500;
  private static final long MEASURE_NANOS = 10_000_000_000L;

  private NerStartup() {}

  public static void main(String[] args) {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    List<ArticleText> articles = NewsArticles.load(16);
    long t1 = System.nanoTime();
    PerceptronEntityExtractor ner = PerceptronEntityExtractor.shared();
    long t2 = System.nanoTime();
    int entities = ner.extract(articles.get(0)).size();
    long t3 = System.nanoTime();
    long sinceJvm = System.currentTimeMillis() - jvmStart;
    System.out.printf("model load: %.0f ms; first article: %.0f ms; JVM start to first result: %d ms (%d entities)%n",
        (t2 - t1) / 1e6, (t3 - t2) / 1e6, sinceJvm, entities);
    System.out.printf("heap in use with model loaded (after GC): %.1f MiB (max heap %.0f MiB)%n", usedMiB(),
        Runtime.getRuntime().maxMemory() / 1048576.0);
    double[] mine = sustained("perceptron", ner, articles);
    double[] base = sustained("rule baseline", new RuleBasedEntityExtractor(), articles);
    System.out.printf("perceptron / baseline: %.3f (wall), %.3f (CPU)%n", mine[0] / base[0], mine[1] / base[1]);
    System.out.printf("heap in use after the runs (GC): %.1f MiB%n", usedMiB());
  }

  /** Articles per wall second and per CPU second. */
  private static double[] sustained(String name, EntityExtractor extractor, List<ArticleText> articles) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < WARM_UP_ARTICLES; i++) {
      extractor.extract(articles.get(i % articles.size()));
    }
    long n = 0;
    long start = System.nanoTime();
    long end = start + MEASURE_NANOS;
    long cpuStart = threads.getCurrentThreadCpuTime();
    while (System.nanoTime() < end) {
      extractor.extract(articles.get((int) (n % articles.size())));
      n++;
    }
    double secs = (System.nanoTime() - start) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    System.out.printf("%s: %.0f articles/s wall, %.0f articles per CPU-second (%d articles, %.1f s wall, %.1f s CPU)%n",
        name, n / secs, n / cpu, n, secs, cpu);
    return new double[] {n / secs, n / cpu};
  }

  private static double usedMiB() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
  }
}
