package io.newsline.query.model;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * How far a reader has followed the events topic: the next offset to read in each partition,
 * written "12.0.7" (partition 0 at 12, 1 at 0, 2 at 7). Offsets are the topic's, so a position
 * means the same on every query instance: a client resuming a live stream (Last-Event-ID) may land
 * on any of them.
 *
 * <p>A position may name the incarnation of the topic its offsets belong to, the topic id the
 * broker gave it: "12.0.7@TOPIC_ID". Offsets of a deleted and recreated topic start again at 0,
 * so without the id a position from before cannot be told from one the instance has yet to reach.
 * Positions without an id (older clients, older instances) stay valid.
 */
public final class Position {
  static final int MAX_PARTITIONS = 4096;
  private static final Pattern TOPIC_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private long[] next;
  private final String topicId;

  private Position(long[] next, String topicId) {
    this.next = next;
    this.topicId = topicId;
  }

  public static Position start() {
    return new Position(new long[0], null);
  }

  /** Parses "12.0.7" or "12.0.7@TOPIC_ID"; IllegalArgumentException for anything else. */
  public static Position parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_PARTITIONS * 20) {
      throw new IllegalArgumentException("a position is dot-separated offsets, e.g. 12.0.7");
    }
    String topicId = null;
    int at = text.indexOf('@');
    if (at >= 0) {
      topicId = text.substring(at + 1);
      if (!TOPIC_ID.matcher(topicId).matches()) {
        throw new IllegalArgumentException("a position's topic id (after @) is a Kafka topic id");
      }
      text = text.substring(0, at);
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
    return new Position(next, topicId);
  }

  public Position copy() {
    return new Position(next.clone(), topicId);
  }

  /** The same offsets in the topic incarnation with this id (null: none named). */
  public Position in(String id) {
    return new Position(next.clone(), id);
  }

  /** The id of the topic incarnation the offsets belong to, or null when the position names none. */
  public String topicId() {
    return topicId;
  }

  /** Partitions the position has read in (some may be at 0). */
  public int partitions() {
    return next.length;
  }

  /** Whether this position is beyond {@code other} in some partition. */
  public boolean isAheadOf(Position other) {
    for (int p = 0; p < next.length; p++) {
      if (next[p] > other.next(p)) {
        return true;
      }
    }
    return false;
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

  /** Back to the start of every partition (the topic is read again from the beginning). */
  void rewind() {
    next = new long[0];
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < next.length; i++) {
      sb.append(i == 0 ? "" : ".").append(next[i]);
    }
    return (sb.length() == 0 ? "0" : sb.toString()) + (topicId == null ? "" : "@" + topicId);
  }
}
