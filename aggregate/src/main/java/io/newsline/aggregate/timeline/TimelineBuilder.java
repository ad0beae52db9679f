package io.newsline.aggregate.timeline;

import io.newsline.aggregate.cluster.EventState;
import io.newsline.aggregate.cluster.TimelineState;
import io.newsline.avro.EntityCount;
import io.newsline.avro.EventTimeline;
import io.newsline.avro.OutletStance;
import io.newsline.avro.StanceSummary;
import io.newsline.avro.TimelineArticle;
import io.newsline.avro.TimelineQuote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Builds the timeline record of an event from its state: the first and the latest articles in time
 * order, the top entities (people, organisations and places first), stance by outlet for the top entities, and the most carried quotes,
 * deduplicated across outlets (see {@link TimelineState}). Pure function of the state, so replays
 * produce the same bytes; its cost is bounded by the state's caps, not by the size of the event.
 */
public final class TimelineBuilder {
  static final int TOP_ENTITIES = 20;
  static final int STANCE_ENTITIES = 10;

  private TimelineBuilder() {}

  public static EventTimeline build(EventState e) {
    TimelineState t = e.timeline;
    List<TimelineState.Entry> listed = t.listed();
    List<EntityCount> top = topEntities(t);
    return EventTimeline.newBuilder()
        .setEventId(e.id)
        .setLabel(label(t))
        .setStatus(e.status)
        .setFirstSeen(Instant.ofEpochMilli(e.firstSeen))
        .setLastUpdated(Instant.ofEpochMilli(e.lastUpdated))
        .setVersion(e.version)
        .setMergedFrom(List.copyOf(e.mergedFrom))
        .setArticles(listed.stream().map(TimelineBuilder::article).toList())
        .setTopEntities(top)
        .setStanceByOutlet(stanceByOutlet(t, top))
        .setQuotes(t.quotes.stream().map(TimelineBuilder::quote).toList())
        .setArticleCount(Math.max(e.articleCount, listed.size()))
        .setOutletCount(t.outlets.count())
        .setEntityCount(t.entityIds.count())
        .setQuoteCount(Math.max(t.quotesSeen, t.quotes.size()))
        .build();
  }

  /** The headline of the earliest article that has one, else the start of the first article's text. */
  private static String label(TimelineState t) {
    if (t.label != null) {
      return t.label;
    }
    String lead = t.first == null || t.first.lead() == null ? "" : t.first.lead();
    int cut = lead.indexOf('\n');
    lead = cut > 0 ? lead.substring(0, cut) : lead;
    return lead.length() > 120 ? lead.substring(0, 117) + "..." : lead;
  }

  private static TimelineArticle article(TimelineState.Entry a) {
    List<StanceSummary> stance = new ArrayList<>(a.stance().size());
    for (TimelineState.Stance s : a.stance()) {
      stance.add(new StanceSummary(s.entityId(), s.label(), s.score()));
    }
    return new TimelineArticle(a.id(), a.outlet(), a.url(), a.title(), Instant.ofEpochMilli(a.time()), stance);
  }

  private static TimelineQuote quote(TimelineState.QuoteTally q) {
    return TimelineQuote.newBuilder()
        .setSpeakerId(q.speakerId)
        .setSpeaker(q.speaker)
        .setText(q.text)
        .setFirstOutlet(q.firstOutlet)
        .setFirstSeen(Instant.ofEpochMilli(q.firstSeen))
        .setOutlets(List.copyOf(q.outlets))
        .setArticleIds(List.copyOf(q.articleIds))
        .setArticleCount(q.articles)
        .build();
  }

  private static List<EntityCount> topEntities(TimelineState t) {
    List<EntityCount> all = new ArrayList<>(t.entities.size());
    t.entities.forEach((id, en) -> all.add(new EntityCount(id, en.name, en.type, en.articles, en.mentions)));
    return all.stream()
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

  /** For each of the top entities, how each outlet portrays it (outlets in name order). */
  private static List<OutletStance> stanceByOutlet(TimelineState t, List<EntityCount> top) {
    List<OutletStance> out = new ArrayList<>();
    for (EntityCount entity : top.subList(0, Math.min(STANCE_ENTITIES, top.size()))) {
      String prefix = entity.getId() + '\n';
      for (Map.Entry<String, TimelineState.StanceTally> s : t.stances.subMap(prefix, prefix + Character.MAX_VALUE).entrySet()) {
        TimelineState.StanceTally c = s.getValue();
        int n = c.negative + c.neutral + c.positive;
        out.add(new OutletStance(s.getKey().substring(prefix.length()), entity.getId(), entity.getName(),
            c.negative, c.neutral, c.positive, Math.round(10000 * c.scoreSum / n) / 10000.0));
      }
    }
    return out;
  }
}
