package io.newsline.aggregate.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/** Active events in memory (batch mode and tests). */
public final class InMemoryEventRepository implements EventRepository {
  private final Map<String, EventState> events = new LinkedHashMap<>();

  @Override
  public EventState get(String eventId) {
    return events.get(eventId);
  }

  @Override
  public void put(EventState event) {
    events.put(event.id, event);
  }

  @Override
  public void remove(String eventId) {
    events.remove(eventId);
  }

  @Override
  public Iterable<EventState> all() {
    return events.values();
  }
}
