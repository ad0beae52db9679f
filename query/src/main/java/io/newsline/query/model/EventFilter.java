package io.newsline.query.model;

import java.util.List;

/**
 * The filters of an event list, all optional: status (active, dormant), an entity id among the
 * event's top entities, an outlet that carried it, search words (see {@link SearchText}) and a
 * time (events updated at or after it).
 */
public record EventFilter(String status, String entity, String outlet, List<String> words, Long since) {
  public static final EventFilter ALL = new EventFilter(null, null, null, List.of(), null);

  public EventFilter {
    words = words == null ? List.of() : List.copyOf(words);
  }
}
