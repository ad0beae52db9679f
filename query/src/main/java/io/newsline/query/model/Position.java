package io.newsline.query.model;

import java.util.Arrays;

/**
 * How far a reader has followed the events topic: the next offset to read in each partition,
 * written "12.0.7" (partition 0 at 12, 1 at 0, 2 at 7). Offsets are the topic's, so a position
 * means the same on every query instance: a client resuming a live stream (Last-Event-ID) may land
 * on any of them.
 */
public final class Position {
  static final int MAX_PARTITIONS = 4096;
  private long[] next;

  private Position(long[] next) {
    this.next = next;
  }

  public static Position start() {
    return new Position(new long[0]);
  }

  /** Parses "12.0.7"; IllegalArgumentException for anything else. */
  public static Position parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_PARTITIONS * 20) {
      throw new IllegalArgumentException("a position is dot-separated offsets, e.g. 12.0.7");
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length > MAX_PARTITIONS) {
      throw new IllegalArgumentException("a position has at most " + MAX_PARTITIONS + " partitions");
    }
    long[] next = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        next[i] = Long.parseLong(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("a position is dot-separated offsets, e.g. 12.0.7");
      }
      if (next[i] < 0) {
        throw new IllegalArgumentException("offsets in a position are not negative");
      }
    }
    return new Position(next);
  }

  public Position copy() {
    return new Position(next.clone());
  }

  /** Next offset to read in the partition (0 when never read). */
  public long next(int partition) {
    return partition < next.length ? next[partition] : 0L;
  }

  /** Whether the record at this offset is already behind the position. */
  public boolean covers(int partition, long offset) {
    return offset < next(partition);
  }

  /** Moves past the record at {@code offset}; never moves back. */
  public void advance(int partition, long offset) {
    if (partition < 0 || partition >= MAX_PARTITIONS) {
      return;
    }
    if (partition >= next.length) {
      next = Arrays.copyOf(next, partition + 1);
    }
    next[partition] = Math.max(next[partition], offset + 1);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < next.length; i++) {
      sb.append(i == 0 ? "" : ".").append(next[i]);
    }
    return sb.length() == 0 ? "0" : sb.toString();
  }
}
