package io.newsline.query.model;

import io.newsline.avro.EventTimeline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The in-memory read model of the events topic: a summary of every event in recency order, the
 * events of each entity, outlet and search word (so a filter reads its candidates, not every
 * event), which ids were merged into which event, and how far the topic has been read. One writer
 * (the stage's global stream thread) and any number of readers (HTTP threads); a change and its
 * notification to the live stream happen under one write lock, so a subscriber's backlog and its
 * live changes neither overlap nor leave a gap.
 */
public final class EventIndex implements EventSummary.Interner {
  /** Most recently updated first; event id breaks ties (ascending) so the order is total. */
  static final Comparator<EventSummary> RECENCY =
      Comparator.comparingLong((EventSummary s) -> s.lastUpdated).reversed().thenComparing(s -> s.id);
  /** A merge chain longer than this is a loop or a bug, not a redirect. */
  private static final int MAX_REDIRECTS = 16;
  /** A search word whose prefix matches more events than this share is checked per event, not looked up. */
  private static final double UNSELECTIVE = 0.1;

  private static final NavigableSet<EventSummary> EMPTY = java.util.Collections.emptyNavigableSet();

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, EventSummary> byId = new HashMap<>();
  private final NavigableSet<EventSummary> byRecency = new TreeSet<>(RECENCY);
  /** The recency order per status, so a status filter walks only its own events (dormant ones come last in the whole). */
  private final Map<String, NavigableSet<EventSummary>> byStatus = new HashMap<>();
  private final Map<String, EntityRef> entities = new ConcurrentHashMap<>();
  private final Map<String, Term> outlets = new ConcurrentHashMap<>();
  /** Search words: hashed for interning, sorted for prefix lookups. */
  private final Map<String, Term> words = new ConcurrentHashMap<>();
  private final NavigableMap<String, Term> vocabulary = new ConcurrentSkipListMap<>();
  private final Map<String, String> strings = new ConcurrentHashMap<>();
  private final Map<String, String> mergedInto = new HashMap<>();
  private final Map<String, Change> removals = new HashMap<>();
  private final Position applied = Position.start();
  private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

  /** The summary of a timeline found at this offset of the events topic. */
  public EventSummary summarize(String eventId, EventTimeline timeline, int partition, long offset) {
    return EventSummary.of(eventId, timeline, partition, offset, this);
  }

  /** Adds or replaces an event. */
  public void put(EventSummary s) {
    lock.writeLock().lock();
    try {
      for (EntityRef e : s.entities) {
        e.events.add(s);
      }
      for (Term t : s.outlets) {
        t.events.add(s);
      }
      for (Term t : s.words) {
        t.events.add(s);
      }
      EventSummary old = byId.put(s.id, s);
      if (old != null) {
        forget(old);
      }
      byRecency.add(s);
      byStatus.computeIfAbsent(s.status, k -> new TreeSet<>(RECENCY)).add(s);
      removals.remove(s.id);
      mergedInto.remove(s.id);
      for (String m : s.mergedFrom) {
        mergedInto.put(m, s.id); // resolve() prefers a live event, so a redirect waits for the tombstone
      }
      record(new Change(s.partition, s.offset, s.id, s, null));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes an event (a tombstone at this offset: the event was merged into another). */
  public void remove(String eventId, int partition, long offset) {
    lock.writeLock().lock();
    try {
      EventSummary old = byId.remove(eventId);
      if (old != null) {
        forget(old);
      }
      Change c = new Change(partition, offset, eventId, null, mergedInto.get(eventId));
      removals.put(eventId, c);
      record(c);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Forgets every event and rewinds the position, for a stage that reads its topics again from
   * the beginning (they were recreated); listeners get {@link Change#CLEARED}.
   */
  public void clear() {
    lock.writeLock().lock();
    try {
      byId.clear();
      byRecency.clear();
      byStatus.clear();
      entities.clear();
      outlets.clear();
      words.clear();
      vocabulary.clear();
      strings.clear();
      mergedInto.clear();
      removals.clear();
      applied.rewind();
      record(Change.CLEARED);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void forget(EventSummary old) {
    byRecency.remove(old);
    NavigableSet<EventSummary> sameStatus = byStatus.get(old.status);
    if (sameStatus != null) {
      sameStatus.remove(old);
    }
    release(old);
  }

  /** Takes a replaced or removed summary out of the postings; entities, outlets and words no event has any more go. */
  private void release(EventSummary old) {
    for (EntityRef e : old.entities) {
      e.events.remove(old);
      if (e.events.size() == 0) {
        entities.remove(e.id(), e);
      }
    }
    for (Term t : old.outlets) {
      t.events.remove(old);
      if (t.events.size() == 0) {
        outlets.remove(key(t.text), t);
      }
    }
    for (Term t : old.words) {
      t.events.remove(old);
      if (t.events.size() == 0) {
        words.remove(t.text, t);
        vocabulary.remove(t.text, t);
      }
    }
  }

  private void record(Change c) {
    if (c.partition() >= 0) {
      applied.advance(c.partition(), c.offset());
    }
    for (Consumer<Change> l : listeners) {
      l.accept(c);
    }
  }

  @Override
  public EntityRef entity(String id, String name, String type) {
    EntityRef e = entities.computeIfAbsent(id, k -> new EntityRef(k, name, type));
    e.offerName(name);
    return e;
  }

  @Override
  public Term outlet(String name) {
    return outlets.computeIfAbsent(key(name), k -> new Term(name));
  }

  @Override
  public Term word(String normalizedWord) {
    Term t = words.get(normalizedWord);
    if (t == null) {
      t = new Term(normalizedWord);
      words.put(normalizedWord, t);
      vocabulary.put(normalizedWord, t);
    }
    return t;
  }

  @Override
  public String string(String s) {
    return s == null ? null : strings.computeIfAbsent(s, k -> k);
  }

  /** Outlets compare without case: "Reuters" and "reuters" are one filter. */
  private static String key(String outlet) {
    return outlet.toLowerCase(Locale.ROOT);
  }

  public EventSummary get(String eventId) {
    return read(() -> byId.get(eventId));
  }

  /** What {@code query} reads, under the read lock: no change is applied half-way meanwhile. */
  private <T> T read(Supplier<T> query) {
    lock.readLock().lock();
    try {
      return query.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The event an id now lives in, following merges: the id itself, the surviving event's id, or null. */
  public String resolve(String eventId) {
    return read(() -> {
      String id = eventId;
      for (int hops = 0; hops <= MAX_REDIRECTS && id != null; hops++) {
        if (byId.containsKey(id)) {
          return id;
        }
        id = mergedInto.get(id);
      }
      return null;
    });
  }

  public int size() {
    return read(byId::size);
  }

  /** How far the events topic has been applied. */
  public Position position() {
    return read(applied::copy);
  }

  /**
   * One page of events matching the filter, most recently updated first, after the cursor. Two
   * ways, whichever reads fewer events: walk the recency order until the page is full (cheap when
   * the filters are common: the first matches come soon), or read the smallest candidate set among
   * the filters (an entity's, an outlet's or a search word's events) and keep the most recent. A
   * large candidate set is walked first, with a budget of as many events as it has.
   */
  public Page<EventSummary> page(EventFilter f, Cursor after, int limit) {
    return read(() -> pageOf(f, after, limit));
  }

  private Page<EventSummary> pageOf(EventFilter f, Cursor after, int limit) {
    Query q = query(f);
    if (q == null) {
      return new Page<>(List.of(), null);
    }
    if (q.candidates == null) {
      return walk(q, f, after, limit, Integer.MAX_VALUE);
    }
    if (q.candidates.size() > Math.sqrt((double) (limit + 1) * byId.size())) {
      Page<EventSummary> walked = walk(q, f, after, limit, q.candidates.size());
      if (walked != null) {
        return walked;
      }
    }
    TopK top = new TopK(limit + 1);
    EventSummary probe = after == null ? null : after.probe();
    q.candidates.forEach(s -> {
      if ((probe == null || before(probe, s)) && q.matches(s, f)) {
        top.offer(s);
      }
    });
    return page(top.list(), limit);
  }

  /** The page by walking the recency order; null when {@code budget} events did not fill it. */
  private Page<EventSummary> walk(Query q, EventFilter f, Cursor after, int limit, int budget) {
    List<EventSummary> out = new ArrayList<>(Math.min(limit + 1, 128));
    int read = 0;
    NavigableSet<EventSummary> order = f.status() == null ? byRecency : byStatus.getOrDefault(f.status(), EMPTY);
    for (EventSummary s : after == null ? order : order.tailSet(after.probe(), false)) {
      if (f.since() != null && s.lastUpdated < f.since()) {
        break; // recency order: everything further is older
      }
      if (++read > budget) {
        return null;
      }
      if (q.matches(s, f)) {
        out.add(s);
        if (out.size() > limit) {
          break;
        }
      }
    }
    return page(out, limit);
  }

  /** Whether {@code a} comes before {@code b} in recency order ({@link #RECENCY}, without its lambdas). */
  static boolean before(EventSummary a, EventSummary b) {
    return a.lastUpdated > b.lastUpdated || (a.lastUpdated == b.lastUpdated && a.id.compareTo(b.id) < 0);
  }

  /** The first {@code n} events in recency order among those offered, without sorting them all. */
  private static final class TopK {
    private final EventSummary[] best;
    private int size;

    TopK(int n) {
      best = new EventSummary[n];
    }

    void offer(EventSummary s) {
      if (size == best.length && !before(s, best[size - 1])) {
        return; // the common case: older than all kept
      }
      int i = size == best.length ? size - 1 : size++;
      while (i > 0 && before(s, best[i - 1])) {
        best[i] = best[i - 1];
        i--;
      }
      best[i] = s;
    }

    List<EventSummary> list() {
      return new ArrayList<>(java.util.Arrays.asList(best).subList(0, size));
    }
  }

  private static Page<EventSummary> page(List<EventSummary> found, int limit) {
    if (found.size() <= limit) {
      return new Page<>(found, null);
    }
    List<EventSummary> items = List.copyOf(found.subList(0, limit));
    return new Page<>(items, Cursor.after(items.get(limit - 1)));
  }

  /**
   * The filter resolved against the index: the entity and outlet it names, and the smallest
   * candidate set; null when a named entity, outlet or word is in no event (nothing can match).
   */
  private Query query(EventFilter f) {
    Query q = new Query();
    if (f.entity() != null) {
      q.entity = entities.get(f.entity());
      if (q.entity == null) {
        return null;
      }
      q.offer(q.entity.events);
    }
    if (f.outlet() != null) {
      q.outlet = outlets.get(key(f.outlet()));
      if (q.outlet == null) {
        return null;
      }
      q.offer(q.outlet.events);
    }
    int unselective = (int) Math.max(1000, byId.size() * UNSELECTIVE);
    for (String w : f.words()) {
      List<Term> terms = new ArrayList<>();
      int events = 0;
      for (Term t : vocabulary.subMap(w, true, w + Character.MAX_VALUE, false).values()) {
        terms.add(t);
        events += t.events.size();
        if (events > unselective) {
          break;
        }
      }
      if (terms.isEmpty()) {
        return null;
      }
      if (events <= unselective && (q.candidates == null || events < q.candidates.size())) {
        q.candidates = union(terms);
      }
    }
    return q;
  }

  private static Postings union(List<Term> terms) {
    if (terms.size() == 1) {
      return terms.get(0).events;
    }
    Set<EventSummary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Postings out = new Postings();
    for (Term t : terms) {
      t.events.forEach(s -> {
        if (seen.add(s)) {
          out.add(s);
        }
      });
    }
    return out;
  }

  private static final class Query {
    EntityRef entity;
    Term outlet;
    Postings candidates;

    void offer(Postings p) {
      if (candidates == null || p.size() < candidates.size()) {
        candidates = p;
      }
    }

    boolean matches(EventSummary s, EventFilter f) {
      return (f.status() == null || f.status().equals(s.status))
          && (f.since() == null || s.lastUpdated >= f.since())
          && (entity == null || s.hasEntity(entity))
          && (outlet == null || s.hasOutlet(outlet))
          && (f.words().isEmpty() || s.hasWords(f.words()));
    }
  }

  /** The entity's page, or null when no event has it among its top entities. */
  public EntityView entity(String entityId, Cursor after, int limit) {
    return read(() -> entityOf(entityId, after, limit));
  }

  private EntityView entityOf(String entityId, Cursor after, int limit) {
    EntityRef e = entities.get(entityId);
    if (e == null) {
      return null;
    }
    int[] articles = {0};
    Map<Term, double[]> stance = new IdentityHashMap<>();
    TopK top = new TopK(limit + 1);
    EventSummary probe = after == null ? null : after.probe();
    e.events.forEach(s -> {
      int i = indexOf(s.entities, e);
      articles[0] += s.entityArticles[i];
      addStance(stance, s, i);
      if (probe == null || before(probe, s)) {
        top.offer(s);
      }
    });
    return new EntityView(e, e.events.size(), articles[0], stanceRows(stance), page(top.list(), limit));
  }

  private static int indexOf(EntityRef[] refs, EntityRef e) {
    for (int i = 0; i < refs.length; i++) {
      if (refs[i] == e) {
        return i;
      }
    }
    return -1;
  }

  /** Adds the event's stance rows for entity {@code i}: {negative, neutral, positive, sum of score x articles}. */
  private static void addStance(Map<Term, double[]> byOutlet, EventSummary s, int i) {
    short[] rows = s.stance;
    for (int r = 0; r < rows.length; r += EventSummary.ROW) {
      if (rows[r] != i) {
        continue;
      }
      double[] acc = byOutlet.computeIfAbsent(s.outlets[rows[r + 1]], k -> new double[4]);
      int n = rows[r + 2] + rows[r + 3] + rows[r + 4];
      acc[0] += rows[r + 2];
      acc[1] += rows[r + 3];
      acc[2] += rows[r + 4];
      acc[3] += rows[r + 5] / 10_000.0 * n;
    }
  }

  private static List<EntityView.OutletStance> stanceRows(Map<Term, double[]> byOutlet) {
    List<EntityView.OutletStance> out = new ArrayList<>();
    byOutlet.forEach((term, a) -> {
      String outlet = term.text;
      int n = (int) (a[0] + a[1] + a[2]);
      double mean = n == 0 ? 0 : Math.round(10000 * a[3] / n) / 10000.0;
      out.add(new EntityView.OutletStance(outlet, (int) a[0], (int) a[1], (int) a[2], mean));
    });
    out.sort(Comparator.comparingInt(EntityView.OutletStance::articles).reversed()
        .thenComparing(EntityView.OutletStance::outlet));
    return out;
  }

  /**
   * Registers a listener for every later change and returns, atomically with the registration,
   * the changes a reader at {@code from} has not seen (latest state per event, by partition and
   * offset) and the position after them.
   */
  public Backlog subscribe(Position from, Consumer<Change> listener) {
    return read(() -> {
      listeners.add(listener);
      List<Change> missed = new ArrayList<>();
      if (from != null) {
        for (EventSummary s : byId.values()) {
          if (!from.covers(s.partition, s.offset)) {
            missed.add(new Change(s.partition, s.offset, s.id, s, null));
          }
        }
        for (Change c : removals.values()) {
          if (!from.covers(c.partition(), c.offset())) {
            missed.add(new Change(c.partition(), c.offset(), c.eventId(), null, mergedInto.get(c.eventId())));
          }
        }
        missed.sort(Comparator.comparingInt(Change::partition).thenComparingLong(Change::offset));
      }
      return new Backlog(missed, applied.copy());
    });
  }

  public void unsubscribe(Consumer<Change> listener) {
    listeners.remove(listener);
  }

  /** What a new subscriber has missed, and the position of the index when it subscribed. */
  public record Backlog(List<Change> changes, Position position) {}
}
