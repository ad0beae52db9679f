package io.newsline.query.model;

/**
 * Tells a client position the instance has yet to reach (it lags: the position will be covered
 * once it catches up, so the client waits) from one that can never be reached: from another
 * incarnation of the topic (deleted and recreated, its offsets starting again at 0), or beyond
 * where the topic ends as the broker reports it (positions are only ever made from records read).
 * Skipping records below such a position would leave the client silent until the new offsets
 * pass the old ones, so the client is told to start again instead.
 */
public final class StalePosition {
  private StalePosition() {}

  /**
   * Why the client at {@code from} must start again, or null when it may resume (a position the
   * instance has reached, or one ahead that the broker cannot rule out: it cannot always be asked).
   */
  public static String reason(Position from, Position applied, EventsTopic topic) {
    String known = topic.knownId();
    boolean ahead = from.isAheadOf(applied);
    if (!ahead && (from.topicId() == null || known != null)) {
      return otherIncarnation(from, known) ? recreated() : null;
    }
    EventsTopic.State now = topic.current();
    if (now == null) {
      return null;
    }
    if (otherIncarnation(from, now.id())) {
      return recreated();
    }
    for (int p = 0; p < from.partitions(); p++) {
      if (from.next(p) > now.end(p)) {
        return "the position is beyond the end of the events topic (partition " + p + " ends at " + now.end(p)
            + "): the topic was recreated or the position is not from it";
      }
    }
    return null;
  }

  private static boolean otherIncarnation(Position from, String topicId) {
    return from.topicId() != null && topicId != null && !from.topicId().equals(topicId);
  }

  private static String recreated() {
    return "the position is from an earlier incarnation of the events topic (it was deleted and recreated)";
  }
}
