package io.newsline.aggregate.topology;

import java.util.Map;
import java.util.TreeMap;

/**
 * How far each input partition (enriched-topic partition) has progressed, and the release rule of
 * the reorder buffer built on it. An article's position is (ingest time, input partition, input
 * offset) where the ingest time is the latest ingested_at seen in its input partition so far, so
 * positions only grow along each partition. Once every one of the expected input partitions has
 * delivered an article, the smallest of their latest positions is the position they have all
 * reached: no article can arrive later with an earlier one. Positions are fixed-width strings
 * that sort in position order (the buffer's keys). Plain Java; not thread-safe.
 */
final class InputProgress {
  private final int expected;
  /** input partition -> {ingest time so far, offset}. */
  private final TreeMap<Integer, long[]> latest = new TreeMap<>();

  /** @param expected input partitions to wait for (more are tracked when they appear) */
  InputProgress(int expected) {
    this.expected = expected;
  }

  /** Records an article read from the partition at the offset; returns its position. */
  String advance(int partition, long offset, long ingestedAt) {
    long[] before = latest.get(partition);
    long time = before == null ? ingestedAt : Math.max(ingestedAt, before[0]);
    latest.put(partition, new long[] {time, offset});
    return position(time, partition, offset);
  }

  /** The position every input partition has reached, or null while one has not delivered anything. */
  String reached() {
    int inputs = Math.max(expected, latest.isEmpty() ? 0 : latest.lastKey() + 1);
    if (latest.size() < inputs) {
      return null;
    }
    String min = null;
    for (Map.Entry<Integer, long[]> p : latest.entrySet()) {
      String k = position(p.getValue()[0], p.getKey(), p.getValue()[1]);
      if (min == null || k.compareTo(min) < 0) {
        min = k;
      }
    }
    return min;
  }

  /** The stored form of a partition's progress. */
  String stored(int partition) {
    long[] p = latest.get(partition);
    return p[0] + "|" + p[1];
  }

  /** Restores a partition's progress from its stored form. */
  void restore(int partition, String stored) {
    String[] p = stored.split("\\|");
    latest.put(partition, new long[] {Long.parseLong(p[0]), Long.parseLong(p[1])});
  }

  /** Position order: time (sign bit flipped so negative times order correctly), partition, offset, in fixed-width hex. */
  static String position(long time, int partition, long offset) {
    StringBuilder b = new StringBuilder(42);
    hex(b, time ^ Long.MIN_VALUE, 16).append('|');
    hex(b, partition & 0xffffffffL, 8).append('|');
    return hex(b, offset, 16).toString();
  }

  private static StringBuilder hex(StringBuilder b, long v, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      b.append(Character.forDigit((int) (v >>> shift) & 0xf, 16));
    }
    return b;
  }
}
