package io.newsline.aggregate.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Active events and their members in memory (batch mode and tests). */
public final class InMemoryEventRepository implements EventRepository {
  private final Map<String, EventState> events = new LinkedHashMap<>();
  private final Map<String, String> eventOfArticle = new HashMap<>();
  private final Map<String, TreeMap<String, Member>> members = new HashMap<>();

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

  @Override
  public String eventOf(String articleId) {
    return eventOfArticle.get(articleId);
  }

  @Override
  public void addMember(String eventId, Member member) {
    String before = eventOfArticle.put(member.articleId(), eventId);
    if (before != null && !before.equals(eventId)) {
      removeFrom(before, member.articleId());
    }
    members.computeIfAbsent(eventId, k -> new TreeMap<>()).put(member.articleId(), member);
  }

  @Override
  public List<Member> members(String eventId) {
    TreeMap<String, Member> m = members.get(eventId);
    return m == null ? List.of() : new ArrayList<>(m.values());
  }

  @Override
  public void removeMember(String eventId, String articleId) {
    if (eventId.equals(eventOfArticle.get(articleId))) {
      eventOfArticle.remove(articleId);
    }
    removeFrom(eventId, articleId);
  }

  private void removeFrom(String eventId, String articleId) {
    TreeMap<String, Member> m = members.get(eventId);
    if (m != null) {
      m.remove(articleId);
      if (m.isEmpty()) {
        members.remove(eventId);
      }
    }
  }

  /** Articles with a membership (tests and benchmarks). */
  public int memberCount() {
    return eventOfArticle.size();
  }
}
