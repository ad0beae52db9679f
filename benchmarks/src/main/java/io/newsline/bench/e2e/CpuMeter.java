package io.newsline.bench.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of this process by part of the pipeline, from the threads that do the work: the Java
 * threads by name (nanosecond thread CPU time) and the JVM's own threads (JIT compilers, garbage
 * collector) from /proc/self/task on Linux (10 ms ticks). The harness's own threads (the monitor
 * that reads the outputs, the main thread that samples) are "harness". Whatever no part claims (the
 * embedded broker and registry, Kafka clients' network threads, threads that have ended) is "kafka + other".
 */
final class CpuMeter {
  static final List<String> PARTS = List.of("ingest", "enrich", "aggregate", "aggregate pool", "kafka + other", "jit", "gc", "harness");
  private static final long NANOS_PER_TICK = 10_000_000L;

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final String enrichPrefix;
  private final String aggregatePrefix;

  /** @param enrichApp, aggregateApp the stages' application ids (stream threads are named after them) */
  CpuMeter(String enrichApp, String aggregateApp) {
    this.enrichPrefix = enrichApp + "-";
    this.aggregatePrefix = aggregateApp + "-";
  }

  /** thread id -> {part index, latest CPU nanoseconds}: threads that have ended keep their last reading. */
  private final java.util.Map<Long, long[]> seen = new java.util.HashMap<>();

  /**
   * Nanoseconds of CPU per part since the process started. Java threads are read each time this is
   * called and remembered, so a thread that ended since (ingest's importer) keeps what it used up
   * to the previous call: call it often (every few hundred milliseconds).
   */
  synchronized Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>();
    PARTS.forEach(p -> out.put(p, 0L));
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      if (infos[i] == null) {
        continue;
      }
      String part = partOf(infos[i].getThreadName());
      long cpu = threads.getThreadCpuTime(ids[i]);
      if (part != null && cpu > 0) {
        seen.put(ids[i], new long[] {PARTS.indexOf(part), cpu});
      }
    }
    for (long[] t : seen.values()) {
      out.merge(PARTS.get((int) t[0]), t[1], Long::sum);
    }
    native_(out);
    long total = processCpu();
    long claimed = out.values().stream().mapToLong(Long::longValue).sum();
    out.put("kafka + other", Math.max(0, total - claimed));
    out.put("total", total);
    return out;
  }

  private String partOf(String name) {
    if (name.startsWith(enrichPrefix) && name.contains("StreamThread")) {
      return "enrich";
    }
    if (name.startsWith(aggregatePrefix) && name.contains("StreamThread")) {
      return "aggregate";
    }
    // the embedding cascade's threads that embed with MiniLM ahead of the clustering thread (FineVectors)
    if (name.startsWith(aggregatePrefix) && name.contains("-cascade-")) {
      return "aggregate pool";
    }
    if (name.startsWith("e2e-ingest") || name.startsWith("ingest-import-reader") || name.startsWith("ingest-worker-")) {
      return "ingest";
    }
    // the benchmark's own work: its dashboard-like reader and the thread that samples these meters
    if (name.equals("e2e-monitor") || name.equals("main")) {
      return "harness";
    }
    return null;
  }

  /** JIT compiler and GC threads by "comm#tid": C1/C2 compiler threads come and go, so they are remembered too. */
  private final Map<String, long[]> seenNative = new java.util.HashMap<>();

  /** JIT compiler and GC threads: not visible to ThreadMXBean, read from /proc (not Linux: they stay in "kafka + other"). */
  private void native_(Map<String, Long> out) {
    threads().forEach((name, nanos) -> {
      String part = name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre") ? "jit"
          : name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread") ? "gc" : null;
      if (part != null) {
        seenNative.put(name, new long[] {PARTS.indexOf(part), nanos});
      }
    });
    for (long[] t : seenNative.values()) {
      out.merge(PARTS.get((int) t[0]), t[1], Long::sum);
    }
  }

  /**
   * CPU nanoseconds of every thread alive now, by thread id, named "comm#tid" (/proc/self/task:
   * native threads included, names cut to 15 characters); empty when not on Linux.
   */
  static Map<String, Long> threads() {
    Map<String, Long> out = new LinkedHashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return out;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
      for (Path t : dir) {
        String stat;
        try {
          stat = Files.readString(t.resolve("stat"));
        } catch (IOException e) {
          continue;
        }
        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        out.put(comm + "#" + t.getFileName(), (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK);
      }
    } catch (IOException e) {
      // not Linux
    }
    return out;
  }

  /**
   * CPU between two {@link #threads()} or {@link #javaThreads()} readings, by kind of thread (the
   * name without its ids and numbers, but for a letter's: e2e, C1, G1), largest first: where "kafka + other" goes (broker request handlers and network
   * threads, client I/O threads, the registry, GC, JIT).
   */
  static Map<String, Long> byThreadKind(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> kinds = new java.util.HashMap<>();
    after.forEach((name, cpu) -> {
      long d = cpu - before.getOrDefault(name, 0L);
      if (d > 0) {
        kinds.merge(name.substring(0, name.lastIndexOf('#')).replaceAll(UUID, "ID").replaceAll("(?<![A-Za-z])[0-9]+", "N"), d, Long::sum);
      }
    });
    Map<String, Long> sorted = new LinkedHashMap<>();
    kinds.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  /**
   * CPU nanoseconds of every Java thread alive now by its whole name ("name#id"; /proc cuts names to
   * 15 characters, which makes the broker's, the clients' and the stages' threads look alike), and
   * the JVM's own threads (JIT, GC, VM) together as "JVM (JIT, GC, VM)#0": the process's CPU less
   * the Java threads'.
   */
  Map<String, Long> javaThreads() {
    Map<String, Long> out = new LinkedHashMap<>();
    long total = processCpu();
    long java = 0;
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null) {
        long cpu = threads.getThreadCpuTime(t.getThreadId());
        if (cpu > 0) {
          out.put(t.getThreadName() + "#" + t.getThreadId(), cpu);
          java += cpu;
        }
      }
    }
    out.put("JVM (JIT, GC, VM)#0", total - java);
    return out;
  }

  static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** after - before, per part. */
  static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> d = new LinkedHashMap<>();
    after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0L)));
    return d;
  }
}
