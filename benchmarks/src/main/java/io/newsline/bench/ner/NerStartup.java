package io.newsline.bench.ner;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.ner.PerceptronEntityExtractor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Cold start-up and heap of the entity extractor in a fresh JVM: time from JVM start to the model
 * loaded, and to the first article extracted, then heap in use after a full GC with the model
 * loaded and after a sustained run (after a warm-up), in articles per wall-clock second and per
 * CPU-second of the extracting thread. Run it with -Xmx1g to check the heap bound.
 */
public final class NerStartup {
  /** Articles extracted before the sustained measurement, so it sees JIT-compiled code. */
  private static final int WARM_UP_ARTICLES = 1500;

  private NerStartup() {}

  public static void main(String[] args) {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long t0 = System.nanoTime();
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
    // Thread CPU time as well as wall time: on a shared machine the wall-clock rate understates
    // what one core does.
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < WARM_UP_ARTICLES; i++) {
      ner.extract(articles.get(i % articles.size()));
    }
    long n = 0;
    long end = System.nanoTime() + 10_000_000_000L;
    long start = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    while (System.nanoTime() < end) {
      ner.extract(articles.get((int) (n % articles.size())));
      n++;
    }
    double secs = (System.nanoTime() - start) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    System.out.printf("sustained single-thread: %.0f articles/s wall, %.0f articles per CPU-second (%d articles, %.1f s"
        + " wall, %.1f s CPU); heap in use after (GC): %.1f MiB%n", n / secs, n / cpu, n, secs, cpu, usedMiB());
    System.out.printf("(sample load %.0f ms)%n", (t1 - t0) / 1e6);
  }

  private static double usedMiB() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
  }
}
