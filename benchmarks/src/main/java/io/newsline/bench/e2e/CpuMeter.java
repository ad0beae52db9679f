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
 * collector) from /proc/self/task on Linux (10 ms ticks). Whatever no part claims (the embedded
 * broker and registry, Kafka clients' network threads, threads that have ended) is "kafka + other".
 */
final class CpuMeter {
  static final List<String> PARTS = List.of("ingest", "enrich", "aggregate", "kafka + other", "jit", "gc");
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
    if (name.startsWith("e2e-ingest") || name.startsWith("ingest-import-reader")) {
      return "ingest";
    }
    return null;
  }

  /** JIT compiler and GC threads: not visible to ThreadMXBean, read from /proc. */
  private static void native_(Map<String, Long> out) {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return;
    }
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
      for (Path t : dir) {
        String stat;
        try {
          stat = Files.readString(t.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String comm = stat.substring(open + 1, close);
        String[] f = stat.substring(close + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        String part = comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre") ? "jit"
            : comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread") ? "gc" : null;
        if (part != null) {
          out.merge(part, ticks * NANOS_PER_TICK, Long::sum);
        }
      }
    } catch (IOException e) {
      // not Linux: JIT and GC stay in "kafka + other"
    }
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
