package io.newsline.aggregate.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The evidence for and against an article joining an event, as numbers a {@link JoinModel} weighs.
 * Topic similarity (embedding and term-vector cosines) says what kind of event the article
 * reports; the anchors say which one: who and where lead it (the people and places of the lead;
 * a lead whose people are not the ones the event's leads give, even if its articles name them)
 * and when (the years it names, the day of the week its lead names, the year of its date line when
 * it came without a publication time). Two earthquakes share their topic and differ in their anchors.
 * Besides the two similarities every feature is a conflict between 0 and 1, and 0 when there is no
 * evidence either way, so without anchors the decision is the similarity's alone.
 *
 * <p>Event-side evidence comes from counts over the event's member articles
 * ({@link EventState#entityArticles}, {@link EventState#leadArticles},
 * {@link EventState#anchorArticles}), so a stray mention in one article weighs little against
 * what most of them say; an event says nothing until {@value #MIN_ANCHORED} of its articles came
 * with anchors. The same features compare two events before a merge, the absorbed event standing
 * in for an article ({@link Article#of(EventState)}). Pure functions; deterministic.
 *
 * <p>Numbers (ages, magnitudes, prices, scores) and resolved days were tried as features too: on the
 * development sets their fitted weights were near 0 or, for agreements, raised false joins of
 * other stories (docs/aggregate.md); enrich still extracts them. So were the lead's event words
 * (trigger-lemma overlap): look-alike events share their trigger, true joins paraphrase it.
 */
final class JoinFeatures {
  /** Feature names, in vector order (the model file lists them too, so a stale model is refused). */
  static final List<String> NAMES = List.of(
      "embedding", "text",
      "core_person_missing", "core_place_missing", "lead_person_new", "lead_place_new",
      "year_unseen", "year_later", "weekday_unseen", "lead_person_off_core", "dated_unseen");
  static final int EMBEDDING = 0;
  static final int TEXT = 1;
  /** Entities this share of an event's leads give are its core. */
  static final double CORE_SHARE = 0.5;
  /** An event standing in for an article leads with what a third of its articles' leads give. */
  static final double LEAD_SHARE = 1 / 3.0;
  /** An event needs this many articles with anchors before the absence of something in all of them is evidence. */
  static final int MIN_ANCHORED = 3;
  /** An event needs this many leads naming a day before a day none of them names is evidence. */
  static final int MIN_DAYS = 2;
  /**
   * An article this long (title and text) is expected to name the event's people and places; in a
   * headline alone their absence says nothing.
   */
  static final int FULL_CHARS = 400;

  private JoinFeatures() {}

  /**
   * The anchors of one side of a comparison, prepared once.
   *
   * @param full whether the article is long enough for the absence of a name to be evidence
   * @param latestYear the latest year it mentions, 0 if none
   * @param entityIds heads of every entity the article mentions
   * @param leadPersons heads of the people of its lead
   * @param leadPlaces heads of the places of its lead
   * @param leadYears y: keys of its lead
   * @param datedYears y: keys of the year of its date line
   */
  record Article(boolean full, int latestYear, Set<String> entityIds, List<String> leadPersons, List<String> leadPlaces,
      List<String> leadYears, List<String> leadDays, List<String> datedYears) {

    static Article of(ClusterArticle a) {
      Set<String> heads = new HashSet<>();
      int latest = 0;
      for (String k : a.anchors().all()) {
        if (k.startsWith("h:")) {
          heads.add(k.substring(2));
        } else if (k.startsWith("m:")) {
          latest = Integer.parseInt(k.substring(2));
        }
      }
      return of(full(a), latest, heads, a.anchors().lead());
    }

    /** Whether the article is long enough for the absence of a name to be evidence. */
    static boolean full(ClusterArticle a) {
      return (a.title() == null ? 0 : a.title().length()) + (a.text() == null ? 0 : a.text().length()) >= FULL_CHARS;
    }

    /**
     * An event as one side of a comparison (before a merge): everything its members mention, and
     * what its leads often give; full when most of its members are.
     */
    static Article of(EventState e) {
      int anchored = Math.max(1, e.anchoredArticles);
      List<String> core = new ArrayList<>();
      for (Map.Entry<String, Integer> k : e.leadArticles.entrySet()) {
        if (k.getValue() >= LEAD_SHARE * anchored) {
          core.add(k.getKey());
        }
      }
      Set<String> heads = new HashSet<>();
      for (String k : prefixed(e.anchorArticles, "h:").keySet()) {
        heads.add(k.substring(2));
      }
      return of(2 * e.fullArticles > e.anchoredArticles, JoinFeatures.latestYear(e), heads, core);
    }

    private static Article of(boolean full, int latestYear, Set<String> ids, List<String> lead) {
      List<String> persons = new ArrayList<>();
      List<String> places = new ArrayList<>();
      List<String> years = new ArrayList<>();
      List<String> days = new ArrayList<>();
      List<String> dated = new ArrayList<>();
      for (String k : lead) {
        if (k.startsWith(ClusterArticles.WEEKDAYS) && k.length() > ClusterArticles.WEEKDAYS.length()) {
          days.add(k);
        } else if (k.startsWith("p:")) {
          persons.add(k.substring(2));
        } else if (k.startsWith("l:")) {
          places.add(k.substring(2));
        } else if (k.startsWith("y:")) {
          years.add(k);
        } else if (k.startsWith(ClusterArticles.DATED)) {
          dated.add("y:" + k.substring(ClusterArticles.DATED.length()));
        }
      }
      return new Article(full, latestYear, ids, persons, places, years, days, dated);
    }
  }

  /**
   * The feature vector of an article (or an event standing in for one) against event e.
   *
   * @param embedding the size-penalised embedding similarity (0 without embeddings)
   * @param text the size-penalised term-vector similarity
   */
  static double[] of(Article a, EventState e, double embedding, double text) {
    double[] f = new double[NAMES.size()];
    f[EMBEDDING] = embedding;
    f[TEXT] = text;
    if (e.anchoredArticles < MIN_ANCHORED) {
      return f;
    }
    // who and where: the event's core people and places the article never names, the article's lead ones the event never names
    if (a.full()) {
      f[2] = coreMissing(e, "p:", a.entityIds());
      f[3] = coreMissing(e, "l:", a.entityIds());
      f[4] = absent(a.leadPersons(), e);
      f[5] = absent(a.leadPlaces(), e);
      f[9] = offCore(a.leadPersons(), e);
    }
    // when: a year the lead names that no member mentions; a latest year well after the event's
    f[6] = unseen(a.leadYears(), e);
    // when, from the date line of an article without a publication time: the year it was written
    f[10] = unseen(a.datedYears(), e);
    int latest = latestYear(e);
    f[7] = a.latestYear() > 0 && latest > 0 && a.latestYear() > latest + 1 ? 1 : 0;
    // when, without a date: the day of the week the lead names, that no member's lead named
    if (!a.leadDays().isEmpty() && e.leadArticles.getOrDefault(ClusterArticles.WEEKDAYS, 0) >= MIN_DAYS) {
      boolean seen = false;
      for (String d : a.leadDays()) {
        seen |= e.leadArticles.containsKey(d);
      }
      f[8] = seen ? 0 : 1;
    }
    return f;
  }

  /** 1 when these y: keys are not empty and no article of the event mentions any of them. */
  private static double unseen(List<String> years, EventState e) {
    if (years.isEmpty()) {
      return 0;
    }
    for (String y : years) {
      if (e.anchorArticles.containsKey(y)) {
        return 0;
      }
    }
    return 1;
  }

  /** The latest year any of the event's articles mentions (its m: keys), 0 if none. */
  static int latestYear(EventState e) {
    SortedMap<String, Integer> m = prefixed(e.anchorArticles, "m:");
    return m.isEmpty() ? 0 : Integer.parseInt(m.lastKey().substring(2));
  }

  /** Share (weighted by how many leads name them) of the event's core entities of a type that the article never names. */
  private static double coreMissing(EventState e, String type, Set<String> articleEntities) {
    double core = 0;
    double missing = 0;
    for (Map.Entry<String, Integer> c : prefixed(e.leadArticles, type).entrySet()) {
      double share = c.getValue() / (double) e.anchoredArticles;
      if (share >= CORE_SHARE) {
        core += share;
        if (!articleEntities.contains(c.getKey().substring(2))) {
          missing += share;
        }
      }
    }
    return core == 0 ? 0 : missing / core;
  }

  /**
   * 1 when the lead names people and none of them is one that half of the event's leads give: the
   * article is led by someone the event's stories mention, if at all, in passing (the injured
   * team-mate of an injured player). Unlike {@code lead_person_new} it holds when the event's
   * articles do name that person, in their bodies or in a few leads.
   */
  private static double offCore(List<String> leadPersons, EventState e) {
    if (leadPersons.isEmpty()) {
      return 0;
    }
    boolean hasCore = false;
    for (Map.Entry<String, Integer> c : prefixed(e.leadArticles, "p:").entrySet()) {
      if (c.getValue() >= CORE_SHARE * e.anchoredArticles) {
        hasCore = true;
        if (leadPersons.contains(c.getKey().substring(2))) {
          return 0;
        }
      }
    }
    return hasCore ? 1 : 0;
  }

  /** Share of these lead entities that no article of the event mentions: a new protagonist or place. */
  private static double absent(List<String> lead, EventState e) {
    if (lead.isEmpty()) {
      return 0;
    }
    int absent = 0;
    for (String id : lead) {
      if (!e.anchorArticles.containsKey("h:" + id)) {
        absent++;
      }
    }
    return absent / (double) lead.size();
  }

  private static SortedMap<String, Integer> prefixed(TreeMap<String, Integer> m, String prefix) {
    return m.subMap(prefix, prefix + Character.MAX_VALUE);
  }
}
