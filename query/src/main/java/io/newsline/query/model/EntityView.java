package io.newsline.query.model;

import java.util.List;

/**
 * An entity page: the entity, how many events have it among their top entities and how many of
 * their articles mention it, the stance toward it by outlet summed over those events, and one page
 * of the events, most recently updated first.
 */
public record EntityView(EntityRef entity, int eventCount, int articleCount, List<OutletStance> stanceByOutlet,
    Page<EventSummary> events) {

  /** Stance counts of one outlet toward the entity; mean score weighted by articles. */
  public record OutletStance(String outlet, int negative, int neutral, int positive, double meanScore) {
    public int articles() {
      return negative + neutral + positive;
    }
  }
}
