package io.newsline.bench.e2e;

import io.newsline.common.Json;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.KafkaSchemaStore;
import io.newsline.embedded.EmbeddedKafka;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end benchmark (issue 14): the whole pipeline as {@code newsline local} runs it (one
 * in-process KRaft broker, the schema registry on its _schemas topic, ingest, enrich and aggregate
 * with local's settings) on a JSON Lines file of real articles, in three parts of one run:
 *
 * <ol>
 *   <li><b>baseline</b>: the broker alone, an idempotent producer sending the same articles as
 *       ingest would publish them (cleaned, serialised) and a consumer reading them back;
 *   <li><b>capacity</b>: the file imported as fast as ingest takes it (as when it is dropped into
 *       the input folder); sustained articles/s from ingest to committed timeline update, measured
 *       between 20 % and 95 % of the articles assigned, whole-run articles/s, and CPU milliseconds
 *       per article for each part (stream thread CPU of each stage, ingest's threads, the JIT
 *       compiler, GC, and the rest: broker, registry, client network threads);
 *   <li><b>freshness</b>: a fresh pipeline on new topics (same JVM, so the JIT is warm) fed at a
 *       steady rate (one ingest transaction every --tick-ms), by default half of capacity (the lower of the sustained and whole-run rates just measured), in small transactions
 *       every 50 ms; the time from each article's {@code ingested_at} to the moment its
 *       assignment is readable with {@code read_committed} (the assignment and the event's
 *       timeline update are written in the same transaction), p50/p95/p99 after a 10 s warm-up.
 * </ol>
 *
 * <pre>
 * java -Xmx3g -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.newsline.bench.e2e.EndToEnd \
 *     --input FILE [--rate R] [--paced-seconds 60] [--limit N] [--tick-ms 50] [-Dkey=value ...]
 * </pre>
 * {@code -Dkey=value} pairs are pipeline settings (e.g. {@code -Dnum.stream.threads=2}). The last
 * line of the output is the report as JSON.
 */
public final class EndToEnd {
  private EndToEnd() {}

  /** What to run. @param rate paced rate for the freshness part; 0 = half the lower of the measured sustained and whole-run rates */
  record Options(Path input, double rate, int pacedSeconds, int limit, long tickMs, Map<String, String> settings) {
    static Options parse(String[] args) {
      Path input = null;
      double rate = 0;
      int seconds = 60;
      int limit = Integer.MAX_VALUE;
      long tickMs = Freshness.TICK_MS;
      Map<String, String> settings = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--input" -> input = Path.of(args[++i]);
          case "--rate" -> rate = Double.parseDouble(args[++i]);
          case "--paced-seconds" -> seconds = Integer.parseInt(args[++i]);
          case "--limit" -> limit = Integer.parseInt(args[++i]);
          case "--tick-ms" -> tickMs = Long.parseLong(args[++i]);
          default -> {
            if (a.startsWith("-D") && a.contains("=")) {
              settings.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else {
              throw new IllegalArgumentException("unknown option " + a
                  + " (--input FILE [--rate R] [--paced-seconds S] [--limit N] [--tick-ms T] [-Dkey=value])");
            }
          }
        }
      }
      if (input == null) {
        throw new IllegalArgumentException("--input FILE is required (see benchmarks/e2e/run)");
      }
      return new Options(input, rate, seconds, limit, tickMs, settings);
    }
  }

  public static void main(String[] args) throws Exception {
    int status = 1;
    try {
      Map<String, Object> report = run(Options.parse(args), System.out);
      System.out.println(Json.write(report));
      status = 0;
    } catch (Exception | Error e) {
      e.printStackTrace();
    } finally {
      System.exit(status); // the embedded broker leaves non-daemon threads behind for a while
    }
  }

  static Map<String, Object> run(Options o, PrintStream out) throws Exception {
    Path input = limited(o.input(), o.limit());
    List<String> lines = Files.readAllLines(input);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("articles", lines.size());
    report.put("load_average_start", CpuMeter.loadAverage());
    report.put("jit", jitMode());
    out.printf(Locale.ROOT, "end-to-end benchmark: %,d articles from %s, %d cores, load average %.1f, JIT %s%n",
        lines.size(), o.input(), Runtime.getRuntime().availableProcessors(), CpuMeter.loadAverage(), jitMode());
    long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(1);
        KafkaSchemaStore store = new KafkaSchemaStore(Map.of("bootstrap.servers", kafka.bootstrapServers()), "_schemas");
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(store, "127.0.0.1", 0)) {
      out.printf(Locale.ROOT, "broker and registry up %.1f s after JVM start%n", (System.currentTimeMillis() - jvmStart) / 1e3);
      BrokerBaseline.Result base = BrokerBaseline.run(kafka.bootstrapServers(), registry.url(), input);
      report.put("baseline", base.toMap());
      out.printf(Locale.ROOT, "baseline (broker alone, %,d records of %.1f KB produced and consumed): %,.0f records/s, %.2f ms CPU per record%n",
          base.records(), base.meanBytes() / 1e3, base.rate(), base.cpuMsPerRecord());

      Capacity.Result cap;
      Map<String, TopicVolume.Volume> volume;
      Map<String, Double> cascade0 = cascadeCounts();
      try (Pipeline p = Pipeline.start(kafka.bootstrapServers(), registry.url(), "e2e-cap", o.settings())) {
        out.printf(Locale.ROOT, "capacity: pipeline ready in %.1f s; importing%n", p.startSeconds());
        cap = Capacity.run(p, input, lines.size(), out);
        volume = TopicVolume.of(kafka.bootstrapServers(), "e2e-cap");
      }
      Map<String, Double> cascade = new java.util.TreeMap<>();
      cascadeCounts().forEach((k, v) -> cascade.put(k, v - cascade0.getOrDefault(k, 0.0)));
      if (cascade.getOrDefault("minilm", 0.0) > 0) {
        out.printf(Locale.ROOT, "embedding cascade (capacity run): %s%n", cascade);
        report.put("cascade", cascade);
      }
      report.put("capacity", cap.toMap());
      report.put("topics_per_article", perArticle(volume, cap.articles()));
      report.put("sustained_over_baseline", cap.sustainedRate() / base.rate());
      // half of capacity: the lower of the sustained and whole-run rates (the sustained window can
      // overstate what the pipeline keeps up with over a longer run)
      double rate = o.rate() > 0 ? o.rate() : Math.max(1, Math.round(Math.min(cap.sustainedRate(), cap.wholeRate()) / 2));

      Freshness.Result fresh;
      try (Pipeline p = Pipeline.start(kafka.bootstrapServers(), registry.url(), "e2e-paced", o.settings())) {
        out.printf(Locale.ROOT, "freshness: pipeline ready in %.1f s; feeding %.0f articles/s for %d s%n",
            p.startSeconds(), rate, o.pacedSeconds());
        fresh = Freshness.run(p, lines, rate, o.pacedSeconds(), o.tickMs(), out);
      }
      report.put("freshness", fresh.toMap());
      report.put("load_average_end", CpuMeter.loadAverage());
      print(out, base, cap, fresh);
      printVolume(out, volume, cap.articles());
    }
    return report;
  }

  private static void print(PrintStream out, BrokerBaseline.Result base, Capacity.Result cap, Freshness.Result fresh) {
    out.printf(Locale.ROOT, "%n== summary%n");
    out.printf(Locale.ROOT, "sustained %,.0f articles/s end to end (whole run %,.0f/s); baseline %,.0f records/s; ratio %.3f%n",
        cap.sustainedRate(), cap.wholeRate(), base.rate(), cap.sustainedRate() / base.rate());
    out.printf(Locale.ROOT, "CPU ms per article      %10s %10s%n", "sustained", "whole run");
    for (String part : cap.windowCpuMs().keySet()) {
      out.printf(Locale.ROOT, "  %-20s %10.2f %10.2f%n", part, cap.windowCpuMs().get(part), cap.wholeCpuMs().get(part));
    }
    out.printf(Locale.ROOT, "idle pipeline before the import: %.0f ms CPU per second%n", cap.idleCpuMsPerSecond());
    out.printf(Locale.ROOT, "CPU ms per article by thread (whole run, threads alive at its end)%n");
    cap.threadsCpuMs().forEach((kind, ms) -> {
      if (ms >= 0.05) {
        out.printf(Locale.ROOT, "  %-24s %8.2f%n", kind, ms);
      }
    });
    out.printf(Locale.ROOT, "CPU ms per article by thread (sustained window)%n");
    cap.windowThreadsCpuMs().forEach((kind, ms) -> {
      if (ms >= 0.01) {
        out.printf(Locale.ROOT, "  %-90s %8.3f%n", kind, ms);
      }
    });
    out.printf(Locale.ROOT, "freshness at %.0f articles/s (%d measured): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n",
        fresh.rate(), fresh.samples(), fresh.p50(), fresh.p95(), fresh.p99(), fresh.max());
    out.printf(Locale.ROOT, "CPU ms per article while fed at %.0f articles/s (after the warm-up):", fresh.rate());
    fresh.cpuMsPerArticle().forEach((part, ms) -> out.printf(Locale.ROOT, " %s %.2f;", part, ms));
    out.println();
  }

  private static Map<String, Object> perArticle(Map<String, TopicVolume.Volume> volume, int articles) {
    Map<String, Object> m = new LinkedHashMap<>();
    double n = Math.max(1, articles);
    volume.forEach((topic, v) -> m.put(topic, Map.of("offsets", v.offsets() / n, "purged", v.purged() / n, "records", v.records() / n,
        "markers", v.markers() / n, "payload_bytes", v.payloadBytes() / n, "log_bytes", v.logBytes() / n)));
    return m;
  }

  private static void printVolume(PrintStream out, Map<String, TopicVolume.Volume> volume, int articles) {
    double n = Math.max(1, articles);
    out.printf(Locale.ROOT, "written per article, capacity run (%,d articles): offsets, of them purged by Streams; of the rest records, "
        + "transaction markers, key+value bytes, log bytes%n", articles);
    volume.forEach((topic, v) -> out.printf(Locale.ROOT, "  %-60s %7.2f %7.2f %7.2f %7.2f %9.0f %9.0f%n", topic,
        v.offsets() / n, v.purged() / n, v.records() / n, v.markers() / n, v.payloadBytes() / n, v.logBytes() / n));
  }

  /** The cascade's counters in this JVM: articles MiniLM embedded, and the pool's outcomes (FineVectors). */
  private static Map<String, Double> cascadeCounts() {
    Map<String, Double> out = new java.util.TreeMap<>();
    var registry = io.newsline.runtime.ops.NewslineMetrics.registry();
    registry.find("newsline.cascade.minilm").counters().forEach(c -> out.merge("minilm", c.count(), Double::sum));
    registry.find("newsline.cascade.minilm.lazy").counters().forEach(c -> out.merge("minilm lazy", c.count(), Double::sum));
    registry.find("newsline.cascade.prefetch").counters()
        .forEach(c -> out.merge("ahead " + c.getId().getTag("outcome"), c.count(), Double::sum));
    return out;
  }

  /**
   * "C1 only" when the JVM runs as the {@code newsline} launcher starts it (-XX:TieredStopAtLevel=1),
   * else "tiered": the JIT's CPU, and the code's speed while it compiles, differ a lot between the two
   * (docs/benchmarks.md), so every report says which it measured.
   */
  static String jitMode() {
    var vm = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
    try {
      boolean tiered = Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue());
      int stop = Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue());
      return !tiered ? "C2 only" : stop <= 3 ? "C1 only" : "tiered";
    } catch (IllegalArgumentException | NullPointerException e) {
      return "unknown"; // not a HotSpot JVM
    }
  }

  /** The first {@code limit} lines of the input, in a temporary file when that is fewer than all. */
  private static Path limited(Path input, int limit) throws java.io.IOException {
    List<String> all = Files.readAllLines(input);
    if (all.size() <= limit) {
      return input;
    }
    Path tmp = Files.createTempFile("newsline-e2e", ".jsonl");
    tmp.toFile().deleteOnExit();
    Files.write(tmp, new ArrayList<>(all.subList(0, limit)));
    return tmp;
  }
}
