package io.newsline.query.testing;

import io.newsline.avro.EntityCount;
import io.newsline.avro.EventTimeline;
import io.newsline.avro.OutletStance;
import io.newsline.avro.StanceSummary;
import io.newsline.avro.TimelineArticle;
import io.newsline.avro.TimelineQuote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Event timelines for tests and benchmarks, shaped like the ones aggregate publishes. */
public final class Timelines {
  private Timelines() {}

  /** An entity of a test timeline: id like per:vladimir_putin, type from the prefix. */
  public record E(String id, String name) {
    public String type() {
      return switch (id.substring(0, id.indexOf(':'))) {
        case "per" -> "PERSON";
        case "org" -> "ORGANIZATION";
        case "loc" -> "LOCATION";
        default -> "MISC";
      };
    }
  }

  public static final E PUTIN = new E("per:vladimir_putin", "Vladimir Putin");
  public static final E USHAKOV = new E("per:yuri_ushakov", "Yuri Ushakov");
  public static final E KREMLIN = new E("org:kremlin", "Kremlin");
  public static final E MOSCOW = new E("loc:moscow", "Moscow");
  public static final E RUSSIAN = new E("misc:russian", "Russian");

  /**
   * A timeline of one article per outlet, {@code time} apart by a minute each, every article
   * mentioning every entity (negative toward the first, neutral otherwise), one quote by the
   * first PERSON carried by every outlet.
   */
  public static EventTimeline timeline(String id, String label, long lastUpdatedMillis, List<String> outlets, List<E> entities) {
    List<TimelineArticle> articles = new ArrayList<>();
    long first = lastUpdatedMillis - 60_000L * (outlets.size() - 1);
    for (int i = 0; i < outlets.size(); i++) {
      List<StanceSummary> stance = new ArrayList<>();
      for (int k = 0; k < entities.size(); k++) {
        stance.add(new StanceSummary(entities.get(k).id(), k == 0 ? "negative" : "neutral", k == 0 ? -0.5 : 0.0));
      }
      articles.add(new TimelineArticle(id + "-a" + i, outlets.get(i), "https://" + outlets.get(i) + "/news/" + id + "/" + i,
          label + " (" + outlets.get(i) + ")", Instant.ofEpochMilli(first + 60_000L * i), stance));
    }
    List<EntityCount> top = new ArrayList<>();
    List<OutletStance> rows = new ArrayList<>();
    for (int k = 0; k < entities.size(); k++) {
      E e = entities.get(k);
      top.add(new EntityCount(e.id(), e.name(), e.type(), outlets.size(), 2 * outlets.size()));
      for (String o : new LinkedHashSet<>(outlets)) {
        rows.add(new OutletStance(o, e.id(), e.name(), k == 0 ? 1 : 0, k == 0 ? 0 : 1, 0, k == 0 ? -0.5 : 0.0));
      }
    }
    List<TimelineQuote> quotes = new ArrayList<>();
    E speaker = entities.stream().filter(e -> e.type().equals("PERSON")).findFirst().orElse(null);
    if (speaker != null) {
      quotes.add(new TimelineQuote(speaker.id(), speaker.name(), "more or less acceptable", outlets.get(0),
          Instant.ofEpochMilli(first), new ArrayList<>(new LinkedHashSet<>(outlets)),
          articles.stream().map(TimelineArticle::getId).toList(), articles.size()));
    }
    Set<String> distinct = new LinkedHashSet<>(outlets);
    return EventTimeline.newBuilder()
        .setEventId(id)
        .setLabel(label)
        .setStatus("active")
        .setFirstSeen(Instant.ofEpochMilli(first))
        .setLastUpdated(Instant.ofEpochMilli(lastUpdatedMillis))
        .setVersion(outlets.size())
        .setMergedFrom(List.of())
        .setArticles(articles)
        .setTopEntities(top)
        .setStanceByOutlet(rows)
        .setQuotes(quotes)
        .setArticleCount(outlets.size())
        .setOutletCount(distinct.size())
        .setEntityCount(entities.size())
        .setQuoteCount(quotes.size())
        .build();
  }
}
