package io.newsline.aggregate.timeline;

import io.newsline.aggregate.cluster.ClusterArticle;
import io.newsline.aggregate.cluster.EventState;
import io.newsline.avro.EntityCount;
import io.newsline.avro.EventTimeline;
import io.newsline.avro.OutletStance;
import io.newsline.avro.StanceSummary;
import io.newsline.avro.TimelineArticle;
import io.newsline.avro.TimelineQuote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the timeline record of an event from its state: articles in time order, top entities
 * (people, organisations and places first), stance by outlet for the top entities, and quotes
 * deduplicated across outlets. Pure function of
 * the state, so replays produce the same bytes.
 */
public final class TimelineBuilder {
  static final int TOP_ENTITIES = 20;
  static final int STANCE_ENTITIES = 10;
  static final int ARTICLE_STANCES = 5;
  static final String UNKNOWN_OUTLET = "unknown";

  private TimelineBuilder() {}

  public static EventTimeline build(EventState e) {
    List<EventState.ArticleSummary> articles = new ArrayList<>(e.articles);
    articles.sort(Comparator.comparingLong(EventState.ArticleSummary::time).thenComparing(EventState.ArticleSummary::id));
    List<EntityCount> top = topEntities(articles);
    List<TimelineQuote> quotes = quotes(articles);
    Set<String> outlets = new LinkedHashSet<>();
    articles.forEach(a -> outlets.add(outlet(a)));
    return EventTimeline.newBuilder()
        .setEventId(e.id)
        .setLabel(label(articles))
        .setStatus(e.status)
        .setFirstSeen(Instant.ofEpochMilli(e.firstSeen))
        .setLastUpdated(Instant.ofEpochMilli(e.lastUpdated))
        .setVersion(e.version)
        .setMergedFrom(List.copyOf(e.mergedFrom))
        .setArticles(articles.stream().map(TimelineBuilder::article).toList())
        .setTopEntities(top)
        .setStanceByOutlet(stanceByOutlet(articles, top))
        .setQuotes(quotes)
        .setArticleCount(Math.max(e.articleCount, articles.size()))
        .setOutletCount(outlets.size())
        .setEntityCount(distinctEntities(articles))
        .setQuoteCount(quotes.size())
        .build();
  }

  /** The article's outlet; else the host of its URL (without www.); else unknown. */
  static String outlet(EventState.ArticleSummary a) {
    if (a.outlet() != null && !a.outlet().isBlank()) {
      return a.outlet();
    }
    if (a.url() != null) {
      try {
        String host = java.net.URI.create(a.url().strip()).getHost();
        if (host != null && !host.isBlank()) {
          return host.toLowerCase(Locale.ROOT).startsWith("www.") ? host.substring(4).toLowerCase(Locale.ROOT) : host.toLowerCase(Locale.ROOT);
        }
      } catch (IllegalArgumentException e) {
        // not a URL: fall through
      }
    }
    return UNKNOWN_OUTLET;
  }

  /** The headline of the earliest article that has one, else the start of its text. */
  private static String label(List<EventState.ArticleSummary> articles) {
    for (EventState.ArticleSummary a : articles) {
      if (a.title() != null && !a.title().isBlank()) {
        return a.title();
      }
    }
    String lead = articles.isEmpty() ? "" : articles.get(0).lead();
    int cut = lead.indexOf('\n');
    lead = cut > 0 ? lead.substring(0, cut) : lead;
    return lead.length() > 120 ? lead.substring(0, 117) + "..." : lead;
  }

  private static TimelineArticle article(EventState.ArticleSummary a) {
    List<StanceSummary> stance = new ArrayList<>();
    for (ClusterArticle.ArticleEntity en : a.entities()) {
      if (stance.size() == ARTICLE_STANCES) {
        break;
      }
      stance.add(new StanceSummary(en.id(), en.stance(), en.stanceScore()));
    }
    return new TimelineArticle(a.id(), a.outlet(), a.url(), a.title(), Instant.ofEpochMilli(a.time()), stance);
  }

  private static List<EntityCount> topEntities(List<EventState.ArticleSummary> articles) {
    Map<String, EntityCount> counts = new TreeMap<>();
    for (EventState.ArticleSummary a : articles) {
      for (ClusterArticle.ArticleEntity en : a.entities()) {
        EntityCount c = counts.computeIfAbsent(en.id(), id -> new EntityCount(id, en.name(), en.type(), 0, 0));
        c.setArticles(c.getArticles() + 1);
        c.setMentions(c.getMentions() + en.mentions());
        if (en.name().length() > c.getName().length()) {
          c.setName(en.name());
        }
      }
    }
    return counts.values().stream()
        .sorted(Comparator.comparing(TimelineBuilder::isMisc)
            .thenComparing(Comparator.comparingInt(EntityCount::getArticles).reversed())
            .thenComparing(Comparator.comparingInt(EntityCount::getMentions).reversed())
            .thenComparing(EntityCount::getId))
        .limit(TOP_ENTITIES)
        .toList();
  }

  /**
   * People, organisations and places rank before MISC names. MISC is mostly nationality and
   * group adjectives ("Russian", "European"): every article about a country carries them, so by
   * counts alone they push the people and institutions out of an event's top entities, and out
   * of the stance chart, which covers the top {@value #STANCE_ENTITIES} (stance toward an
   * adjective says little). Ranked after the named entities they stay in the list when there is room.
   */
  private static boolean isMisc(EntityCount c) {
    return "MISC".equals(c.getType());
  }

  private static int distinctEntities(List<EventState.ArticleSummary> articles) {
    Set<String> ids = new java.util.HashSet<>();
    articles.forEach(a -> a.entities().forEach(en -> ids.add(en.id())));
    return ids.size();
  }

  private static List<OutletStance> stanceByOutlet(List<EventState.ArticleSummary> articles, List<EntityCount> top) {
    List<OutletStance> out = new ArrayList<>();
    for (EntityCount entity : top.subList(0, Math.min(STANCE_ENTITIES, top.size()))) {
      Map<String, OutletStance> byOutlet = new TreeMap<>();
      Map<String, Double> sums = new TreeMap<>();
      for (EventState.ArticleSummary a : articles) {
        for (ClusterArticle.ArticleEntity en : a.entities()) {
          if (!en.id().equals(entity.getId())) {
            continue;
          }
          String outlet = outlet(a);
          OutletStance s = byOutlet.computeIfAbsent(outlet, o -> new OutletStance(o, entity.getId(), entity.getName(), 0, 0, 0, 0.0));
          switch (en.stance()) {
            case "negative" -> s.setNegative(s.getNegative() + 1);
            case "positive" -> s.setPositive(s.getPositive() + 1);
            default -> s.setNeutral(s.getNeutral() + 1);
          }
          sums.merge(outlet, en.stanceScore(), Double::sum);
        }
      }
      for (OutletStance s : byOutlet.values()) {
        int n = s.getNegative() + s.getNeutral() + s.getPositive();
        s.setMeanScore(Math.round(10000 * sums.get(s.getOutlet()) / n) / 10000.0);
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Quotes deduplicated across outlets. Outlets trim, extend and re-punctuate the same words, so two
   * quotes are one when their normalised words are equal, when the shorter (at least
   * {@value #MIN_CONTAINED_WORDS} words) is contained in the longer, or when their word sets overlap
   * by at least {@value #SAME_QUOTE_JACCARD} (Jaccard); and their speakers do not contradict each
   * other (see {@link #speakersAgree}); a passage of at least
   * {@value #MIN_CONTAINED_WORDS_ANY_SPEAKER} words inside another is the same quote whatever the
   * speakers (one attribution is wrong). The first version seen is kept as the text; the speaker
   * is the first person named for it, else the first speaker ("the Kremlin said" becomes
   * Ushakov's quote once an outlet names him).
   */
  private static List<TimelineQuote> quotes(List<EventState.ArticleSummary> articles) {
    List<TimelineQuote> out = new ArrayList<>();
    List<String> norms = new ArrayList<>();
    List<Set<String>> words = new ArrayList<>();
    for (EventState.ArticleSummary a : articles) {
      for (ClusterArticle.ArticleQuote q : a.quotes()) {
        String key = normalize(q.text());
        if (key.isEmpty()) {
          continue;
        }
        Set<String> w = new java.util.HashSet<>(List.of(key.split(" ")));
        TimelineQuote t = null;
        for (int i = 0; i < out.size(); i++) {
          TimelineQuote c = out.get(i);
          if ((speakersAgree(c.getSpeakerId(), q.speakerId()) && (norms.get(i).equals(key) || sameWords(key, w, norms.get(i), words.get(i))))
              || longContainment(key, norms.get(i))) {
            t = c;
            break;
          }
        }
        if (t == null) {
          t = new TimelineQuote(q.speakerId(), q.speaker(), q.text(), outlet(a),
              Instant.ofEpochMilli(a.time()), new ArrayList<>(), new ArrayList<>());
          out.add(t);
          norms.add(key);
          words.add(w);
        }
        if (!isPerson(t.getSpeakerId()) && q.speakerId() != null && (t.getSpeakerId() == null || isPerson(q.speakerId()))) {
          t.setSpeakerId(q.speakerId());
          t.setSpeaker(q.speaker());
        }
        if (!t.getOutlets().contains(outlet(a))) {
          t.getOutlets().add(outlet(a));
        }
        if (!t.getArticleIds().contains(a.id())) {
          t.getArticleIds().add(a.id());
        }
      }
    }
    return out;
  }

  /**
   * Two attributions of the same words contradict only when both name different people, or both
   * name different institutions: an institution ("the Kremlin said") speaks through a person, so it
   * agrees with any person, and an unresolved speaker agrees with anyone.
   */
  static boolean speakersAgree(String a, String b) {
    return a == null || b == null || a.equals(b) || isPerson(a) != isPerson(b);
  }

  private static boolean isPerson(String speakerId) {
    return speakerId != null && speakerId.startsWith("per:");
  }

  static final int MIN_CONTAINED_WORDS = 4;
  static final double SAME_QUOTE_JACCARD = 0.8;

  static final int MIN_CONTAINED_WORDS_ANY_SPEAKER = 6;

  /** A long passage inside another is the same quote even when speaker attribution disagrees (one of them is wrong). */
  static boolean longContainment(String a, String b) {
    String shorter = a.length() <= b.length() ? a : b;
    String longer = shorter == a ? b : a;
    return shorter.split(" ").length >= MIN_CONTAINED_WORDS_ANY_SPEAKER && (" " + longer + " ").contains(" " + shorter + " ");
  }

  static boolean sameWords(String a, Set<String> wa, String b, Set<String> wb) {
    String shorter = a.length() <= b.length() ? a : b;
    String longer = shorter == a ? b : a;
    if (shorter.split(" ").length >= MIN_CONTAINED_WORDS && (" " + longer + " ").contains(" " + shorter + " ")) {
      return true;
    }
    int inter = 0;
    for (String x : wa) {
      if (wb.contains(x)) {
        inter++;
      }
    }
    int union = wa.size() + wb.size() - inter;
    return union > 0 && inter / (double) union >= SAME_QUOTE_JACCARD;
  }

  static String normalize(String quote) {
    return quote.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
