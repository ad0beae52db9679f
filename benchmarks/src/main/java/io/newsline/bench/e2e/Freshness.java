package io.newsline.bench.e2e;

import io.newsline.ingest.IngestTransaction;
import io.newsline.ingest.IncomingArticle;
import io.newsline.ingest.source.ArticleJson;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The freshness part: feed the pipeline at a steady rate (a transaction every {@value #TICK_MS} ms)
 * and measure ingested_at to committed assignment (and timeline update) for every article.
 */
final class Freshness {
  /** Default time between the paced part's transactions (--tick-ms). */
  static final long TICK_MS = 50;
  static final long WARMUP_MS = 10_000;

  private Freshness() {}

  record Result(double rate, int samples, double p50, double p95, double p99, double max, double coresBusy,
      Map<String, Double> cpuMsPerArticle) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rate", rate);
      m.put("samples", samples);
      m.put("p50_ms", p50);
      m.put("p95_ms", p95);
      m.put("p99_ms", p99);
      m.put("max_ms", max);
      m.put("cores_busy", coresBusy);
      m.put("cpu_ms_per_article", cpuMsPerArticle);
      return m;
    }
  }

  static Result run(Pipeline p, List<String> lines, double rate, int seconds, long tickMs, PrintStream out) throws Exception {
    List<IncomingArticle> articles = new ArrayList<>();
    for (String line : lines) {
      articles.add(ArticleJson.parse(line, "jsonl", "e2e"));
    }
    int total = (int) Math.min(articles.size(), Math.round(rate * seconds));
    if (total < rate * seconds) {
      out.printf(Locale.ROOT, "  (the input holds %,d articles: %.0f s at this rate)%n", total, total / rate);
    }
    // this thread publishes as ingest does: its CPU is ingest's in the meter (named e2e-ingest*)
    String name = Thread.currentThread().getName();
    Thread.currentThread().setName("e2e-ingest-paced");
    try {
      return feed(p, articles, total, rate, tickMs, out);
    } finally {
      Thread.currentThread().setName(name);
    }
  }

  private static Result feed(Pipeline p, List<IncomingArticle> articles, int total, double rate, long tickMs, PrintStream out)
      throws Exception {
    long cpu0 = CpuMeter.processCpu();
    // CPU per article at this rate, after the warm-up: the cost at a fixed load, which (unlike the
    // capacity part's) does not depend on how much of the machine others leave to the pipeline
    CpuMeter meter = p.cpu();
    Map<String, Long> steady0 = null;
    int steadySent0 = 0;
    long t0 = System.currentTimeMillis();
    int sent = 0;
    long lastPrint = t0;
    while (sent < total) {
      long now = System.currentTimeMillis();
      int due = (int) Math.min(total, Math.floor(rate * (now - t0) / 1000.0));
      if (due > sent) {
        p.ingest.publish(IngestTransaction.of(articles.subList(sent, due)));
        sent = due;
      }
      if (steady0 == null && now - t0 >= WARMUP_MS) {
        steady0 = meter.snapshot();
        steadySent0 = sent;
      }
      if (now - lastPrint >= 10_000) {
        out.printf(Locale.ROOT, "  %5.1f s: %,d sent, %,d assigned, load average %.1f%n", (now - t0) / 1e3, sent,
            p.monitor.assigned(), CpuMeter.loadAverage());
        lastPrint = now;
      }
      Thread.sleep(Math.max(1, tickMs - (System.currentTimeMillis() - now)));
    }
    long fed = System.currentTimeMillis();
    Map<String, Double> steadyCpu = new LinkedHashMap<>();
    if (steady0 != null) {
      int n = Math.max(1, sent - steadySent0);
      CpuMeter.minus(meter.snapshot(), steady0).forEach((k, v) -> steadyCpu.put(k, v / 1e6 / n));
    }
    double coresBusy = (CpuMeter.processCpu() - cpu0) / 1e6 / (fed - t0);
    while (p.monitor.assigned() < sent && System.currentTimeMillis() - fed < 60_000) {
      Thread.sleep(100);
    }
    List<Long> measured = new ArrayList<>();
    for (long[] l : p.monitor.latencies()) {
      if (l[0] - t0 >= WARMUP_MS) {
        measured.add(l[1]);
      }
    }
    long[] sorted = measured.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return new Result(rate, sorted.length, pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], coresBusy, steadyCpu);
  }

  private static double pct(long[] sorted, double q) {
    return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
