package io.newsline.bench.query;

import io.newsline.aggregate.cluster.ClusterArticles;
import io.newsline.aggregate.cluster.ClusterChange;
import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.cluster.EventClusterer;
import io.newsline.aggregate.cluster.InMemoryEventRepository;
import io.newsline.aggregate.timeline.TimelineBuilder;
import io.newsline.avro.EntityCount;
import io.newsline.avro.EventTimeline;
import io.newsline.avro.OutletStance;
import io.newsline.avro.RawArticle;
import io.newsline.avro.StanceSummary;
import io.newsline.avro.TimelineArticle;
import io.newsline.avro.TimelineQuote;
import io.newsline.common.config.Settings;
import io.newsline.enrich.ArticleEnricher;
import io.newsline.enrich.EnrichedArticles;
import io.newsline.ingest.ArticleNormalizer;
import io.newsline.ingest.IncomingArticle;
import io.newsline.ingest.clean.TextCleaner;
import io.newsline.ingest.dedup.Deduplicator;
import io.newsline.ingest.source.SampleArticles;
import io.newsline.query.model.SearchText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Event timelines for the query benchmark, grown from a real one: the five sample articles go
 * through the stages' own logic (cleaning, enrichment, clustering, timeline building) into the
 * seed event, and every generated event copies its shape (headlines and quotes from the samples,
 * entities of the same types, stance rows per outlet and entity), sized like a news stream: most
 * events have one or two articles, a few have dozens. Entities come from a large pool so that
 * entity filters are selective; five per cent of events keep the seed's well-known entities.
 */
final class TimelineCorpus {
  static final int OUTLETS = 300;
  static final int ENTITY_POOL = 50_000;
  /** aggregate's default dormancy: events quiet for longer are dormant. */
  static final long DORMANCY = 3 * 86_400_000L;

  private final EventTimeline seed;
  private final List<String> words;
  private final Random rnd;
  private final long now = System.currentTimeMillis();

  private TimelineCorpus(EventTimeline seed, long randomSeed) {
    this.seed = seed;
    this.rnd = new Random(randomSeed);
    Set<String> vocabulary = new LinkedHashSet<>();
    seed.getArticles().forEach(a -> {
      if (a.getTitle() != null) {
        vocabulary.addAll(SearchText.words(a.getTitle()));
      }
    });
    seed.getQuotes().forEach(q -> vocabulary.addAll(SearchText.words(q.getText())));
    this.words = new ArrayList<>(vocabulary);
  }

  /** The seed event from the bundled samples, through the stages' logic. */
  static TimelineCorpus fromSamples(long randomSeed) {
    ArticleEnricher enricher = ArticleEnricher.standard();
    ArticleNormalizer normalizer = new ArticleNormalizer(new TextCleaner(), new Deduplicator());
    EventClusterer clusterer = new EventClusterer(ClusterSettings.from(Settings.empty()), new InMemoryEventRepository());
    EventTimeline timeline = null;
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    for (IncomingArticle in : SampleArticles.load()) {
      RawArticle raw = normalizer.normalize(in, t);
      t = t.plusSeconds(600);
      for (ClusterChange c : clusterer.add(ClusterArticles.from(EnrichedArticles.enrich(raw, enricher)))) {
        if (c instanceof ClusterChange.EventChanged e) {
          timeline = TimelineBuilder.build(e.event());
        }
      }
    }
    if (timeline == null) {
      throw new IllegalStateException("the samples made no event");
    }
    return new TimelineCorpus(timeline, randomSeed);
  }

  EventTimeline seed() {
    return seed;
  }

  /** The search probe: a word of six letters or more from the samples' headlines and quotes. */
  String searchWord() {
    return words.stream().filter(w -> w.length() >= 6).findFirst().orElse(words.get(0));
  }

  String outlet(int i) {
    return String.format(Locale.ROOT, "outlet-%03d.example", i % OUTLETS);
  }

  /** Articles in an event: 55 % one, 25 % two or three, 15 % four to ten, 5 % eleven to forty. */
  private int articleCount() {
    double r = rnd.nextDouble();
    if (r < 0.55) {
      return 1;
    }
    if (r < 0.80) {
      return 2 + rnd.nextInt(2);
    }
    if (r < 0.95) {
      return 4 + rnd.nextInt(7);
    }
    return 11 + rnd.nextInt(30);
  }

  private String label() {
    int n = 7 + rnd.nextInt(6);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String w = words.get(rnd.nextInt(words.size()));
      sb.append(i == 0 ? "" : " ").append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
    }
    return sb.toString();
  }

  EventTimeline event(String id, long lastUpdated) {
    int k = articleCount();
    boolean famous = rnd.nextDouble() < 0.05;
    List<EntityCount> top = new ArrayList<>();
    int entities = Math.min(seed.getTopEntities().size(), 3 + 3 * k);
    for (int e = 0; e < entities; e++) {
      EntityCount s = seed.getTopEntities().get(e);
      String entityId = s.getId();
      String name = s.getName();
      if (!famous) {
        int j = rnd.nextInt(ENTITY_POOL);
        entityId = s.getId().substring(0, s.getId().indexOf(':') + 1) + "entity_" + j;
        name = s.getName() + " " + j;
      }
      top.add(new EntityCount(entityId, name, s.getType(), 1 + rnd.nextInt(k), 1 + rnd.nextInt(4 * k)));
    }
    top.sort((a, b) -> Integer.compare(b.getArticles(), a.getArticles()));
    List<String> outlets = new ArrayList<>();
    List<TimelineArticle> articles = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      String outlet = outlet(rnd.nextInt(OUTLETS));
      outlets.add(outlet);
      List<StanceSummary> stance = new ArrayList<>();
      for (int e = 0; e < Math.min(5, top.size()); e++) {
        double score = Math.round((rnd.nextDouble() - 0.5) * 1000) / 1000.0;
        stance.add(new StanceSummary(top.get(e).getId(), score < -0.1 ? "negative" : score > 0.1 ? "positive" : "neutral", score));
      }
      TimelineArticle seedArticle = seed.getArticles().get(a % seed.getArticles().size());
      articles.add(new TimelineArticle(id + "-" + a, outlet, "https://" + outlet + "/news/" + id + "/" + a,
          a == 0 ? label() : seedArticle.getTitle() == null ? label() : seedArticle.getTitle(),
          Instant.ofEpochMilli(lastUpdated - (k - 1 - a) * 60_000L * (1 + rnd.nextInt(30))), stance));
    }
    Set<String> distinct = new LinkedHashSet<>(outlets);
    List<OutletStance> rows = new ArrayList<>();
    for (EntityCount e : top.subList(0, Math.min(10, top.size()))) {
      for (String o : distinct) {
        int n = 1 + rnd.nextInt(2);
        int neg = rnd.nextInt(n + 1);
        int pos = rnd.nextInt(n - neg + 1);
        rows.add(new OutletStance(o, e.getId(), e.getName(), neg, n - neg - pos, pos,
            Math.round((rnd.nextDouble() - 0.5) * 10000) / 10000.0));
      }
    }
    List<TimelineQuote> quotes = new ArrayList<>();
    int q = rnd.nextDouble() < 0.2 ? 0 : Math.min(seed.getQuotes().size(), 1 + rnd.nextInt(3 * k));
    for (int i = 0; i < q; i++) {
      TimelineQuote s = seed.getQuotes().get(rnd.nextInt(seed.getQuotes().size()));
      EntityCount speaker = top.get(rnd.nextInt(top.size()));
      List<String> carried = new ArrayList<>(distinct).subList(0, 1 + rnd.nextInt(distinct.size()));
      quotes.add(new TimelineQuote(speaker.getId(), speaker.getName(), s.getText(), carried.get(0),
          articles.get(0).getTime(), new ArrayList<>(carried), List.of(articles.get(0).getId()), 1));
    }
    return EventTimeline.newBuilder()
        .setEventId(id)
        .setLabel(articles.get(0).getTitle())
        .setStatus(lastUpdated < now - DORMANCY ? "dormant" : "active")
        .setFirstSeen(articles.get(0).getTime())
        .setLastUpdated(Instant.ofEpochMilli(lastUpdated))
        .setVersion(k)
        .setMergedFrom(List.of())
        .setArticles(articles)
        .setTopEntities(top)
        .setStanceByOutlet(rows)
        .setQuotes(quotes)
        .setArticleCount(k)
        .setOutletCount(distinct.size())
        .setEntityCount(top.size() + rnd.nextInt(10))
        .setQuoteCount(quotes.size())
        .build();
  }
}
