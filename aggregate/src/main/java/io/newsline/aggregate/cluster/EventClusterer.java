package io.newsline.aggregate.cluster;

import io.newsline.common.Hashing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Online, single-pass clustering of articles into events. Each article joins the most similar
 * active event (text similarity to the event's centroid plus shared entities, decayed by time
 * distance) or opens a new one; events quiet for longer than the dormancy period are retired.
 * Candidates come from inverted indexes on entities and top terms, so the cost per article depends
 * on how many events share its entities, not on how many events exist. Deterministic for a given
 * input order. Not thread-safe: one clusterer per partition.
 */
public final class EventClusterer {
  private static final int CENTROID_TERMS = 200;
  private static final int INDEX_TERMS = 12;
  private static final int LEAD_CHARS = 300;

  private final ClusterSettings settings;
  private final EventRepository repository;
  private final Map<String, EventState> active = new HashMap<>();
  private final Map<String, Set<String>> eventsByKey = new HashMap<>();
  private final Map<String, String> eventOfArticle = new HashMap<>();
  private final TreeSet<EventState> byLastUpdate =
      new TreeSet<>(Comparator.<EventState>comparingLong(e -> e.lastUpdated).thenComparing(e -> e.id));

  public EventClusterer(ClusterSettings settings, EventRepository repository) {
    this.settings = settings;
    this.repository = repository;
    for (EventState e : repository.all()) {
      track(e);
    }
  }

  public int activeEvents() {
    return active.size();
  }

  /** Clusters one article; returns the changes to publish, in order. */
  public List<ClusterChange> add(ClusterArticle a) {
    List<ClusterChange> changes = new ArrayList<>();
    long time = a.time().toEpochMilli();
    retireDormant(time, changes);
    String known = eventOfArticle.get(a.id());
    if (known != null) {
      EventState e = active.get(known);
      replaceArticle(e, a);
      save(e, changes);
      changes.add(0, new ClusterChange.Assigned(a.id(), e.id, time, 1.0, "joined"));
      return changes;
    }
    Map<String, Double> vector = TermVectors.of(a.title(), a.text());
    EventState best = null;
    double bestScore = -1;
    String original = a.duplicateOf() == null ? null : eventOfArticle.get(a.duplicateOf());
    if (original != null) {
      best = active.get(original);
      bestScore = 1.0;
    } else {
      for (String id : candidates(a, vector)) {
        EventState e = active.get(id);
        double s = similarity(a, vector, e, time);
        if (s > bestScore || (s == bestScore && best != null && e.id.compareTo(best.id) < 0)) {
          best = e;
          bestScore = s;
        }
      }
    }
    String reason;
    if (best != null && bestScore >= settings.threshold()) {
      untrack(best);
      reason = "joined";
    } else {
      best = new EventState("ev-" + Hashing.shortId(a.id(), 12));
      best.firstSeen = time;
      best.lastUpdated = time;
      bestScore = 1.0;
      reason = "opened";
    }
    addArticle(best, a, vector, time);
    changes.add(new ClusterChange.Assigned(a.id(), best.id, time, Math.round(bestScore * 10000) / 10000.0, reason));
    save(best, changes);
    return changes;
  }

  /** Similarity in 0..1 of an article to an event. */
  double similarity(ClusterArticle a, Map<String, Double> vector, EventState e, long time) {
    double text = TermVectors.cosine(vector, TermVectors.normalize(e.centroid));
    double total = 0;
    double shared = 0;
    int n = e.articles.size();
    for (ClusterArticle.ArticleEntity en : a.entities()) {
      if (en.type().equals("MISC")) {
        continue;
      }
      total += en.salience();
      Integer count = e.entityArticles.get(en.id());
      if (count != null) {
        shared += en.salience() * Math.min(1.0, 0.5 + count / (double) n);
      }
    }
    double entities = total == 0 ? 0 : shared / total;
    double score = settings.textWeight() * text + (1 - settings.textWeight()) * entities;
    long gap = Math.abs(time - e.lastUpdated);
    long window = settings.window().toMillis();
    if (gap > window) {
      score *= Math.exp(-(gap - window) / (double) window);
    }
    return score;
  }

  private Set<String> candidates(ClusterArticle a, Map<String, Double> vector) {
    Set<String> out = new TreeSet<>();
    for (ClusterArticle.ArticleEntity en : a.entities()) {
      out.addAll(eventsByKey.getOrDefault("e:" + en.id(), Set.of()));
    }
    for (String term : topTerms(vector)) {
      out.addAll(eventsByKey.getOrDefault("t:" + term, Set.of()));
    }
    return out;
  }

  private void addArticle(EventState e, ClusterArticle a, Map<String, Double> vector, long time) {
    e.articles.add(summary(a, time));
    vector.forEach((t, w) -> e.centroid.merge(t, w, Double::sum));
    if (e.centroid.size() > CENTROID_TERMS) {
      e.centroid = strongest(e.centroid, CENTROID_TERMS);
    }
    for (ClusterArticle.ArticleEntity en : a.entities()) {
      e.entityArticles.merge(en.id(), 1, Integer::sum);
    }
    e.firstSeen = Math.min(e.firstSeen, time);
    e.lastUpdated = Math.max(e.lastUpdated, time);
  }

  private void replaceArticle(EventState e, ClusterArticle a) {
    untrack(e);
    for (int i = 0; i < e.articles.size(); i++) {
      if (e.articles.get(i).id().equals(a.id())) {
        e.articles.set(i, summary(a, a.time().toEpochMilli()));
      }
    }
  }

  private static EventState.ArticleSummary summary(ClusterArticle a, long time) {
    String lead = a.text() == null ? "" : a.text().substring(0, Math.min(a.text().length(), LEAD_CHARS));
    return new EventState.ArticleSummary(a.id(), a.outlet(), a.url(), a.title(), lead, time, a.entities(), a.quotes());
  }

  private void save(EventState e, List<ClusterChange> changes) {
    e.version++;
    repository.put(e);
    track(e);
    changes.add(new ClusterChange.EventChanged(e));
  }

  private void retireDormant(long now, List<ClusterChange> changes) {
    long cutoff = now - settings.dormancy().toMillis();
    while (!byLastUpdate.isEmpty() && byLastUpdate.first().lastUpdated < cutoff) {
      EventState e = byLastUpdate.first();
      untrack(e);
      for (EventState.ArticleSummary s : e.articles) {
        eventOfArticle.remove(s.id());
      }
      active.remove(e.id);
      repository.remove(e.id);
      e.status = "dormant";
      e.version++;
      changes.add(new ClusterChange.EventChanged(e));
    }
  }

  private void track(EventState e) {
    active.put(e.id, e);
    byLastUpdate.add(e);
    for (EventState.ArticleSummary s : e.articles) {
      eventOfArticle.put(s.id(), e.id);
    }
    for (String key : keys(e)) {
      eventsByKey.computeIfAbsent(key, k -> new HashSet<>()).add(e.id);
    }
  }

  private void untrack(EventState e) {
    byLastUpdate.remove(e);
    for (String key : keys(e)) {
      Set<String> ids = eventsByKey.get(key);
      if (ids != null) {
        ids.remove(e.id);
        if (ids.isEmpty()) {
          eventsByKey.remove(key);
        }
      }
    }
  }

  /** Index keys of an event: its entities and its strongest centroid terms. */
  private static List<String> keys(EventState e) {
    List<String> keys = new ArrayList<>();
    e.entityArticles.keySet().forEach(id -> keys.add("e:" + id));
    topTerms(e.centroid).forEach(t -> keys.add("t:" + t));
    return keys;
  }

  private static List<String> topTerms(Map<String, Double> v) {
    return strongest(v, INDEX_TERMS).keySet().stream().toList();
  }

  private static Map<String, Double> strongest(Map<String, Double> v, int n) {
    Map<String, Double> out = new TreeMap<>();
    v.entrySet().stream()
        .sorted((x, y) -> x.getValue().equals(y.getValue()) ? x.getKey().compareTo(y.getKey()) : Double.compare(y.getValue(), x.getValue()))
        .limit(n)
        .forEach(en -> out.put(en.getKey(), en.getValue()));
    return out;
  }
}
