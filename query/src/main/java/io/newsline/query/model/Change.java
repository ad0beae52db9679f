package io.newsline.query.model;

/**
 * One change of the events topic as the live stream tells it: an event's new summary, or its
 * removal (a tombstone: merged into {@code mergedInto}, null when unknown yet).
 */
public record Change(int partition, long offset, String eventId, EventSummary summary, String mergedInto) {
  public boolean removed() {
    return summary == null;
  }
}
