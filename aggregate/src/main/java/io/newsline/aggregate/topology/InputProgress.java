package io.newsline.aggregate.topology;

import java.util.Arrays;

/**
 * The reorder buffer's order and release rule, from the content of the records alone (never their
 * offsets or the order in which partitions happen to be read, so a replay orders the same way).
 *
 * <p>An article's place in the order is (order time, article id). Its order time is its own time
 * (published, else ingested; never past its ingestion, so a date ahead of the clocks holds nothing
 * back), raised to just past the order time of the article before it in its input partition: an
 * article that comes late is ordered where it came, not back in the past that other articles have
 * already been clustered in. Order times grow strictly along each input partition and depend only
 * on the partition's records up to the article; in a partition whose articles come in time order
 * they are the articles' own times. A partition's progress is its last order time.
 *
 * <p>Once every expected input partition has delivered something, every buffered article whose
 * order time is at or before the slowest partition's progress is released, in order: an article
 * still to come from any partition has an order time past that partition's progress, so it sorts
 * after everything released. The clustering order is therefore the order of (order time, id) over
 * all articles, whatever the interleaving. Optionally ({@code lag}), a partition more than that
 * far behind the most advanced one stops holding articles back (the one rule here that depends on
 * timing: an article it then delivers may be clustered after later ones). Keys are fixed-width
 * strings that sort in the order (the buffer's keys). Plain Java; not thread-safe.
 */
final class InputProgress {
  private final int expected;
  private final long lag;
  /** Progress of each input partition; Long.MIN_VALUE for none yet. */
  private long[] progress;

  /**
   * @param expected input partitions to wait for (more are tracked when they appear)
   * @param lag how far (ms of article time) a partition may lag behind the most advanced one and
   *     still hold articles back; Long.MAX_VALUE for no limit
   */
  InputProgress(int expected, long lag) {
    this.expected = Math.max(1, expected);
    this.lag = lag;
    this.progress = new long[this.expected];
    Arrays.fill(progress, Long.MIN_VALUE);
  }

  /** Waits for every expected partition, however far behind. */
  InputProgress(int expected) {
    this(expected, Long.MAX_VALUE);
  }

  /**
   * Records an article from the input partition: {@code time} is the article's own time (published,
   * else ingested). Returns its order time.
   */
  long advance(int partition, long time, long ingestedAt) {
    grow(partition);
    long before = progress[partition];
    long order = Math.min(time, ingestedAt);
    if (before != Long.MIN_VALUE && order <= before) {
      order = before + 1;
    }
    progress[partition] = order;
    return order;
  }

  /**
   * The latest order time that can be released: the slowest partition's progress once every
   * partition has delivered, or (with a lag limit) the most advanced one's less the lag, whichever
   * is later; Long.MIN_VALUE for none.
   */
  long reached() {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long p : progress) {
      min = Math.min(min, p);
      max = Math.max(max, p);
    }
    if (lag != Long.MAX_VALUE && max >= Long.MIN_VALUE + lag + 1) {
      min = Math.max(min, max - lag - 1);
    }
    return min;
  }

  /** A partition's progress (Long.MIN_VALUE for none), to store. */
  long of(int partition) {
    return partition < progress.length ? progress[partition] : Long.MIN_VALUE;
  }

  /** Restores a partition's stored progress. */
  void restore(int partition, long value) {
    grow(partition);
    progress[partition] = value;
  }

  private void grow(int partition) {
    if (partition >= progress.length) {
      int old = progress.length;
      progress = Arrays.copyOf(progress, partition + 1);
      Arrays.fill(progress, old, progress.length, Long.MIN_VALUE);
    }
  }

  /** The buffer key of an article: order time (fixed-width hex, sign bit flipped so negative times sort first), then id. */
  static String key(long orderTime, String articleId) {
    StringBuilder b = new StringBuilder(17 + articleId.length());
    long v = orderTime ^ Long.MIN_VALUE;
    for (int shift = 60; shift >= 0; shift -= 4) {
      b.append(Character.forDigit((int) (v >>> shift) & 0xf, 16));
    }
    return b.append('|').append(articleId).toString();
  }

  /** The key before which buffered articles can be released (those of order times at or before {@code reached}); null for none. */
  static String releaseBound(long reached) {
    if (reached == Long.MIN_VALUE) {
      return null;
    }
    return reached == Long.MAX_VALUE ? "~" : key(reached + 1, "");
  }
}
