package io.newsline.query.model;

/**
 * One change of the events topic as the live stream tells it: an event's new summary, or its
 * removal (a tombstone: merged into {@code mergedInto}, null when unknown yet).
 */
public record Change(int partition, long offset, String eventId, EventSummary summary, String mergedInto) {
  /** Not a change of one event: the index forgot every event ({@link EventIndex#clear}); a follower starts again. */
  public static final Change CLEARED = new Change(-1, -1, null, null, null);

  public boolean removed() {
    return summary == null;
  }
}
