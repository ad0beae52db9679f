package io.newsline.query.model;

import static io.newsline.query.testing.Timelines.KREMLIN;
import static io.newsline.query.testing.Timelines.MOSCOW;
import static io.newsline.query.testing.Timelines.PUTIN;
import static io.newsline.query.testing.Timelines.USHAKOV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.avro.EventTimeline;
import io.newsline.query.testing.Timelines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventIndexTest {
  private final EventIndex index = new EventIndex();
  private long offset;

  private EventSummary put(EventTimeline t) {
    EventSummary s = index.summarize(t.getEventId(), t, 0, offset++);
    index.put(s);
    return s;
  }

  private List<String> ids(Page<EventSummary> p) {
    return p.items().stream().map(EventSummary::id).toList();
  }

  @Test
  void pagesMostRecentlyUpdatedFirstAndAnUpdateDuringPagingIsNotReturnedTwice() {
    for (int i = 0; i < 5; i++) {
      put(Timelines.timeline("ev-" + i, "Event " + i, 1000L * i, List.of("a"), List.of(PUTIN)));
    }
    Page<EventSummary> first = index.page(EventFilter.ALL, null, 2);
    assertThat(ids(first)).containsExactly("ev-4", "ev-3");
    assertThat(first.next()).isNotNull();
    // ev-0 is updated while the client pages: it moves to the front, behind the client's cursor
    put(Timelines.timeline("ev-0", "Event 0", 9000L, List.of("a", "b"), List.of(PUTIN)));
    Page<EventSummary> second = index.page(EventFilter.ALL, Cursor.parse(first.next().encode()), 2);
    assertThat(ids(second)).containsExactly("ev-2", "ev-1");
    assertThat(second.next()).isNull();
    assertThat(ids(index.page(EventFilter.ALL, null, 10))).containsExactly("ev-0", "ev-4", "ev-3", "ev-2", "ev-1");
  }

  @Test
  void clearForgetsEveryEventRewindsThePositionAndTellsTheListeners() {
    put(Timelines.timeline("ev-talks", "Putin refuses compromise in Moscow talks", 3000, List.of("reuters"), List.of(PUTIN, MOSCOW)));
    put(Timelines.timeline("ev-kremlin", "Kremlin aide Ushakov", 2000, List.of("tass"), List.of(USHAKOV, KREMLIN)));
    List<Change> seen = new java.util.ArrayList<>();
    index.subscribe(null, seen::add);
    index.clear();
    assertThat(seen).containsExactly(Change.CLEARED);
    assertThat(index.size()).isZero();
    assertThat(index.position().toString()).isEqualTo("0");
    assertThat(ids(index.page(EventFilter.ALL, null, 10))).isEmpty();
    assertThat(ids(index.page(new EventFilter(null, null, null, SearchText.words("moscow"), null), null, 10))).isEmpty();
    assertThat(index.entity("per:vladimir_putin", null, 10)).isNull();
    offset = 0; // the recreated topic's offsets start again
    put(Timelines.timeline("ev-new", "New", 1000, List.of("reuters"), List.of(PUTIN)));
    assertThat(ids(index.page(new EventFilter(null, "per:vladimir_putin", null, null, null), null, 10))).containsExactly("ev-new");
    assertThat(index.position().toString()).isEqualTo("1");
  }

  @Test
  void filtersByStatusEntityOutletWordsAndTime() {
    put(Timelines.timeline("ev-talks", "Putin refuses compromise in Moscow talks", 3000, List.of("reuters", "bbc"), List.of(PUTIN, MOSCOW)));
    put(Timelines.timeline("ev-kremlin", "Kremlin aide Ushakov: proposals acceptable", 2000, List.of("tass"), List.of(USHAKOV, KREMLIN)));
    put(Timelines.timeline("ev-old", "Żółć and Zelenskyy in Kyiv", 1000, List.of("Reuters"), List.of(PUTIN)));
    assertThat(ids(index.page(new EventFilter(null, "per:vladimir_putin", null, null, null), null, 10))).containsExactly("ev-talks", "ev-old");
    assertThat(ids(index.page(new EventFilter(null, "per:nobody", null, null, null), null, 10))).isEmpty();
    assertThat(ids(index.page(new EventFilter(null, null, "REUTERS", null, null), null, 10))).containsExactly("ev-talks", "ev-old");
    assertThat(ids(index.page(new EventFilter(null, null, null, SearchText.words("ushak kreml"), null), null, 10))).containsExactly("ev-kremlin");
    assertThat(ids(index.page(new EventFilter(null, null, null, SearchText.words("zolc ZELENSKYY"), null), null, 10))).containsExactly("ev-old");
    assertThat(ids(index.page(new EventFilter(null, null, null, SearchText.words("moscow"), null), null, 10))).containsExactly("ev-talks");
    assertThat(ids(index.page(new EventFilter(null, null, null, null, 2000L), null, 10))).containsExactly("ev-talks", "ev-kremlin");
    assertThat(ids(index.page(new EventFilter("dormant", null, null, null, null), null, 10))).isEmpty();
    assertThat(ids(index.page(new EventFilter("active", null, null, null, null), null, 1))).containsExactly("ev-talks");
  }

  /**
   * Whatever way a page is computed (walking the recency order, reading a candidate set, walking
   * first with a budget), it is what filtering all events and sorting them would give, page by page.
   */
  @Test
  void everyFilterPagesLikeFilteringAndSortingAllEvents() {
    java.util.Random rnd = new java.util.Random(3);
    List<Timelines.E> pool = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      pool.add(new Timelines.E((i % 2 == 0 ? "per:p" : "loc:l") + i, (i % 2 == 0 ? "Person " : "Place ") + "w" + (i * i)));
    }
    List<EventTimeline> all = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      // entity 0 in most events, the others ever rarer; a few equal times for the tie-break
      List<Timelines.E> entities = new ArrayList<>();
      for (int k = 0; k < pool.size(); k++) {
        if (rnd.nextDouble() < 0.9 / (1 + k)) {
          entities.add(pool.get(k));
        }
      }
      entities.add(pool.get(rnd.nextInt(pool.size())));
      entities = new ArrayList<>(new java.util.LinkedHashSet<>(entities));
      EventTimeline t = Timelines.timeline("ev-" + i, "Event " + (i % 7 == 0 ? "rare" : "common"), rnd.nextInt(2000) * 1000L,
          List.of("outlet-" + rnd.nextInt(30)), entities);
      t.setStatus(rnd.nextInt(4) == 0 ? "dormant" : "active");
      all.add(t);
      put(t);
    }
    // some events change status (dormant, or active again): each status's order follows
    for (int i = 0; i < all.size(); i += 17) {
      EventTimeline t = all.get(i);
      t.setStatus(t.getStatus().equals("active") ? "dormant" : "active");
      put(t);
    }
    List<EventFilter> filters = List.of(
        EventFilter.ALL,
        new EventFilter("dormant", null, null, null, null),
        new EventFilter(null, "per:p0", null, null, null),
        new EventFilter("dormant", "loc:l13", null, null, null),
        new EventFilter(null, "per:p38", "outlet-3", null, null),
        new EventFilter(null, null, "OUTLET-7", SearchText.words("common"), null),
        new EventFilter(null, null, null, SearchText.words("rare w1"), 500_000L),
        new EventFilter("active", "per:p2", null, SearchText.words("perso"), null));
    for (EventFilter f : filters) {
      List<String> expected = all.stream()
          .filter(t -> f.status() == null || f.status().equals(t.getStatus()))
          .filter(t -> f.entity() == null || t.getTopEntities().stream().anyMatch(e -> e.getId().equals(f.entity())))
          .filter(t -> f.outlet() == null || t.getArticles().get(0).getOutlet().equalsIgnoreCase(f.outlet()))
          .filter(t -> f.since() == null || t.getLastUpdated().toEpochMilli() >= f.since())
          .filter(t -> f.words().stream().allMatch(w -> words(t).stream().anyMatch(x -> x.startsWith(w))))
          .sorted(java.util.Comparator.comparing((EventTimeline t) -> t.getLastUpdated()).reversed().thenComparing(t -> t.getEventId()))
          .map(EventTimeline::getEventId).toList();
      for (int limit : List.of(7, 100)) {
        List<String> paged = new ArrayList<>();
        Cursor cursor = null;
        do {
          Page<EventSummary> p = index.page(f, cursor, limit);
          assertThat(p.items().size()).isLessThanOrEqualTo(limit);
          paged.addAll(ids(p));
          cursor = p.next();
        } while (cursor != null);
        assertThat(paged).as(f + " by " + limit).isEqualTo(expected);
      }
    }
  }

  private static List<String> words(EventTimeline t) {
    List<String> w = new ArrayList<>(SearchText.words(t.getLabel()));
    t.getTopEntities().forEach(e -> w.addAll(SearchText.words(e.getName())));
    t.getArticles().forEach(a -> w.addAll(SearchText.words(a.getOutlet() + " " + a.getTitle())));
    return w;
  }

  @Test
  void anEntityPageSumsTheStanceOfItsEventsByOutletAndPages() {
    put(Timelines.timeline("ev-1", "One", 1000, List.of("reuters", "bbc"), List.of(PUTIN, MOSCOW)));
    put(Timelines.timeline("ev-2", "Two", 2000, List.of("reuters"), List.of(PUTIN)));
    put(Timelines.timeline("ev-3", "Three", 3000, List.of("tass"), List.of(MOSCOW, PUTIN)));
    EntityView v = index.entity("per:vladimir_putin", null, 2);
    assertThat(v.entity().name()).isEqualTo("Vladimir Putin");
    assertThat(v.eventCount()).isEqualTo(3);
    assertThat(v.articleCount()).isEqualTo(4);
    assertThat(v.events().items()).extracting(EventSummary::id).containsExactly("ev-3", "ev-2");
    assertThat(index.entity("per:vladimir_putin", v.events().next(), 2).events().items()).extracting(EventSummary::id).containsExactly("ev-1");
    // negative where Putin is the first entity (reuters twice, bbc once), neutral in tass
    assertThat(v.stanceByOutlet()).containsExactly(
        new EntityView.OutletStance("reuters", 2, 0, 0, -0.5),
        new EntityView.OutletStance("bbc", 1, 0, 0, -0.5),
        new EntityView.OutletStance("tass", 0, 1, 0, 0.0));
    assertThat(index.entity("per:nobody", null, 2)).isNull();
  }

  @Test
  void entitiesNoEventMentionsAnyMoreAreForgotten() {
    put(Timelines.timeline("ev-1", "One", 1000, List.of("a"), List.of(PUTIN, USHAKOV)));
    put(Timelines.timeline("ev-1", "One", 2000, List.of("a"), List.of(PUTIN)));
    assertThat(index.entity("per:yuri_ushakov", null, 10)).isNull();
    index.remove("ev-1", 0, offset++);
    assertThat(index.entity("per:vladimir_putin", null, 10)).isNull();
    assertThat(index.size()).isZero();
  }

  @Test
  void aMergedIdResolvesToTheSurvivingEventThroughChains() {
    put(Timelines.timeline("ev-b", "B", 1000, List.of("a"), List.of(PUTIN)));
    EventTimeline a = Timelines.timeline("ev-a", "A", 2000, List.of("a"), List.of(PUTIN));
    a.setMergedFrom(List.of("ev-b"));
    put(a);
    index.remove("ev-b", 0, offset++);
    assertThat(index.resolve("ev-b")).isEqualTo("ev-a");
    EventTimeline c = Timelines.timeline("ev-c", "C", 3000, List.of("a"), List.of(PUTIN));
    c.setMergedFrom(List.of("ev-a"));
    put(c);
    index.remove("ev-a", 0, offset++);
    assertThat(index.resolve("ev-b")).isEqualTo("ev-c");
    assertThat(index.resolve("ev-c")).isEqualTo("ev-c");
    assertThat(index.resolve("ev-x")).isNull();
  }

  @Test
  void aSubscriberGetsWhatItMissedThenLiveChangesWithNoGap() {
    put(Timelines.timeline("ev-1", "One", 1000, List.of("a"), List.of(PUTIN)));
    Position seen = index.position();
    put(Timelines.timeline("ev-2", "Two", 2000, List.of("a"), List.of(PUTIN)));
    put(Timelines.timeline("ev-1", "One", 3000, List.of("a", "b"), List.of(PUTIN)));
    index.remove("ev-2", 0, offset++);
    List<Change> live = new ArrayList<>();
    EventIndex.Backlog b = index.subscribe(seen, live::add);
    // the latest state of each event that changed: ev-1 updated, ev-2 removed
    assertThat(b.changes()).extracting(Change::eventId).containsExactly("ev-1", "ev-2");
    assertThat(b.changes().get(1).removed()).isTrue();
    assertThat(b.position().toString()).isEqualTo(String.valueOf(offset));
    put(Timelines.timeline("ev-3", "Three", 4000, List.of("a"), List.of(PUTIN)));
    assertThat(live).extracting(Change::eventId).containsExactly("ev-3");
    assertThat(index.subscribe(null, c -> {}).changes()).isEmpty();
  }

  @Test
  void positionsAndCursorsRefuseWhatTheyDidNotWrite() {
    Position p = Position.parse("12.0.7");
    assertThat(p.next(0)).isEqualTo(12);
    assertThat(p.next(2)).isEqualTo(7);
    assertThat(p.next(5)).isZero();
    p.advance(4, 9);
    assertThat(p).hasToString("12.0.7.0.10");
    for (String bad : List.of("", "a.b", "-1", "1..2", "1.2.")) {
      assertThatThrownBy(() -> Position.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    Cursor c = new Cursor(123, "ev-1:x");
    assertThat(Cursor.parse(c.encode())).isEqualTo(c);
    for (String bad : List.of("", "!!", "bm9jb2xvbg", "x".repeat(600))) {
      assertThatThrownBy(() -> Cursor.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
