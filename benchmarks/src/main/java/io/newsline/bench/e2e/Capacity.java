package io.newsline.bench.e2e;

import io.newsline.common.Progress;
import io.newsline.ingest.FileImporter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The capacity part: import the file at ingest's full speed and time the pipeline until every article is assigned. */
final class Capacity {
  private static final long SAMPLE_MS = 250;
  private static final long STALL_MS = 900_000;
  private static final long IDLE_MS = 5_000;

  private Capacity() {}

  record Result(int articles, double sustainedRate, double wholeRate, double seconds, Map<String, Double> windowCpuMs,
      Map<String, Double> wholeCpuMs, double jitSecondsWhole, Map<String, Double> threadsCpuMs,
      Map<String, Double> windowThreadsCpuMs, double idleCpuMsPerSecond) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("articles", articles);
      m.put("sustained_rate", sustainedRate);
      m.put("whole_rate", wholeRate);
      m.put("seconds", seconds);
      m.put("cpu_ms_per_article_sustained", windowCpuMs);
      m.put("cpu_ms_per_article_whole", wholeCpuMs);
      m.put("jit_cpu_seconds", jitSecondsWhole);
      m.put("cpu_ms_per_article_by_thread", threadsCpuMs);
      m.put("cpu_ms_per_article_by_thread_sustained", windowThreadsCpuMs);
      m.put("idle_cpu_ms_per_second", idleCpuMsPerSecond);
      return m;
    }
  }

  /** @param threads every Java thread's CPU ({@link CpuMeter#javaThreads()}), to split the sustained window by thread */
  private record Sample(long nanos, int assigned, Map<String, Long> cpu, Map<String, Long> threads) {}

  static Result run(Pipeline p, Path input, int expected, PrintStream out) throws Exception {
    CpuMeter meter = p.cpu();
    // what the pipeline costs with nothing to do (polls, commits, broker housekeeping): a cost per
    // second, not per article
    long idleCpu0 = CpuMeter.processCpu();
    Map<String, Long> idleThreads0 = CpuMeter.threads();
    long idle0 = System.nanoTime();
    Thread.sleep(IDLE_MS);
    double idleSeconds = (System.nanoTime() - idle0) / 1e9;
    double idleMsPerSecond = (CpuMeter.processCpu() - idleCpu0) / 1e6 / idleSeconds;
    StringBuilder top = new StringBuilder();
    CpuMeter.byThreadKind(idleThreads0, CpuMeter.threads()).entrySet().stream().limit(6)
        .forEach(e -> top.append(String.format(Locale.ROOT, ", %s %.0f", e.getKey(), e.getValue() / 1e6 / idleSeconds)));
    out.printf(Locale.ROOT, "  idle pipeline: %.0f ms of CPU per second (by thread%s)%n", idleMsPerSecond, top);
    FileImporter runner = new FileImporter(p.ingest);
    Throwable[] failure = new Throwable[1];
    Thread importer = new Thread(() -> {
      try {
        runner.importFile(input, "jsonl", Progress.silent());
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "e2e-ingest");
    List<Sample> samples = new ArrayList<>();
    samples.add(new Sample(System.nanoTime(), 0, meter.snapshot(), meter.javaThreads()));
    Map<String, Long> threads0 = CpuMeter.threads();
    long t0 = samples.get(0).nanos();
    long wall0 = System.currentTimeMillis();
    importer.start();
    long lastProgress = t0;
    long lastPrint = t0;
    int lastDone = 0;
    while (true) {
      Thread.sleep(SAMPLE_MS);
      int assigned = p.monitor.assigned();
      long now = System.nanoTime();
      samples.add(new Sample(now, assigned, meter.snapshot(), meter.javaThreads()));
      if (failure[0] != null) {
        throw new IllegalStateException("import failed", failure[0]);
      }
      int done = assigned + p.monitor.enriched();
      if (done > lastDone) {
        lastProgress = now;
      }
      if (now - lastPrint >= 5e9) {
        Sample back = samples.get(Math.max(0, samples.size() - 1 - (int) (5000 / SAMPLE_MS)));
        out.printf(Locale.ROOT, "  %5.1f s: %,d published, %,d enriched, %,d assigned, %,.0f/s over the last 5 s, load average %.1f%n",
            (now - t0) / 1e9, runner.published(), p.monitor.enriched(), assigned, (assigned - back.assigned()) / ((now - back.nanos()) / 1e9),
            CpuMeter.loadAverage());
        lastPrint = now;
      }
      lastDone = done;
      boolean imported = !importer.isAlive();
      if (imported && assigned >= runner.published()) {
        break;
      }
      // the whole run's output may wait in aggregate's reorder buffer and come in one transaction
      if ((now - lastProgress) / 1e6 > STALL_MS) {
        throw new IllegalStateException("no progress for " + STALL_MS / 1000 + " s: " + assigned + " of " + runner.published() + " assigned");
      }
    }
    Map<String, Long> byThread = CpuMeter.byThreadKind(threads0, CpuMeter.threads());
    int n = samples.get(samples.size() - 1).assigned();
    Sample first = samples.get(0);
    Sample last = samples.get(samples.size() - 1);
    Sample from = firstReaching(samples, (int) Math.ceil(0.2 * n));
    Sample to = firstReaching(samples, (int) Math.ceil(0.95 * n));
    double window = (to.nanos() - from.nanos()) / 1e9;
    // wall-clock bounds, to cut a flight recording (JFR) or a profiler's samples to the same window
    out.printf(Locale.ROOT, "  sustained window: epoch ms %d to %d%n", wall0 + (from.nanos() - t0) / 1_000_000,
        wall0 + (to.nanos() - t0) / 1_000_000);
    int windowArticles = to.assigned() - from.assigned();
    double seconds = (last.nanos() - first.nanos()) / 1e9;
    Map<String, Long> whole = CpuMeter.minus(last.cpu(), first.cpu());
    return new Result(n, windowArticles / window, n / seconds, seconds,
        perArticle(CpuMeter.minus(to.cpu(), from.cpu()), windowArticles), perArticle(whole, n), whole.get("jit") / 1e9,
        perArticle(byThread, n), perArticle(CpuMeter.byThreadKind(from.threads(), to.threads()), windowArticles), idleMsPerSecond);
  }

  private static Sample firstReaching(List<Sample> samples, int assigned) {
    for (Sample s : samples) {
      if (s.assigned() >= assigned) {
        return s;
      }
    }
    return samples.get(samples.size() - 1);
  }

  private static Map<String, Double> perArticle(Map<String, Long> cpu, int articles) {
    Map<String, Double> m = new LinkedHashMap<>();
    cpu.forEach((k, v) -> m.put(k, v / 1e6 / Math.max(1, articles)));
    return m;
  }
}
