package io.newsline.aggregate.cluster;

/** What one article changed: an assignment, an event's new state, or an event gone (merged away). */
public sealed interface ClusterChange {
  /**
   * The article now belongs to the event; reason joined, opened or merged. Title, outlet and url
   * are the article's, so a reader of assignments can list an event's articles.
   */
  record Assigned(String articleId, String eventId, long time, double similarity, String reason,
      String title, String outlet, String url) implements ClusterChange {}

  /** The event's state after the change (status active or dormant). */
  record EventChanged(EventState event) implements ClusterChange {}

  /** The event was absorbed by another and no longer exists. */
  record EventRemoved(String eventId) implements ClusterChange {}
}
