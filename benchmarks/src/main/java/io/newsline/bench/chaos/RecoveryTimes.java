package io.newsline.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** How long each kind of process took to be back after a fault: count, median and maximum. Thread-safe. */
final class RecoveryTimes {
  private final Map<String, List<Duration>> byKind = new TreeMap<>();

  synchronized void add(String kind, Duration d) {
    byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(d);
  }

  @Override
  public synchronized String toString() {
    if (byKind.isEmpty()) {
      return "none measured";
    }
    StringJoiner j = new StringJoiner("; ");
    byKind.forEach((kind, list) -> {
      List<Duration> sorted = list.stream().sorted().toList();
      j.add(String.format(Locale.ROOT, "%s n=%d median %.1f s max %.1f s", kind, sorted.size(),
          sorted.get((sorted.size() - 1) / 2).toMillis() / 1000.0, sorted.get(sorted.size() - 1).toMillis() / 1000.0));
    });
    return j.toString();
  }
}
