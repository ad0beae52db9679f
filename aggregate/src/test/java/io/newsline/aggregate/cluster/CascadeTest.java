package io.newsline.aggregate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.embedding.EmbeddingCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedding cascade: the cheap embedding decides, the fine one only where the decision is open. */
class CascadeTest {
  private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

  /**
   * Four stories on two topics: the cheap vector knows only the topic (earthquakes, elections),
   * the fine one the story, so the fine decisions are the right ones. Headlines share topic words.
   */
  private static final List<ClusterArticle> ARTICLES = new ArrayList<>();
  private static final Map<String, float[]> FINE = new HashMap<>();

  static {
    String[] stories = {"quake Chile coast", "quake Japan coast", "election France vote", "election Brazil vote"};
    for (int i = 0; i < 24; i++) {
      int story = i % 4;
      String id = "a" + i;
      float[] coarse = vector(story / 2, 1f, (i % 3) * 0.3f);
      ARTICLES.add(new ClusterArticle(id, stories[story] + " report " + i, stories[story] + " update number " + i, null, null,
          T0.plusSeconds(60L * i), null, List.of(), List.of(), coarse));
      FINE.put(id, vector(2 + story, 1f, (i % 5) * 0.2f));
    }
  }

  private static float[] vector(int axis, float weight, float noise) {
    float[] v = new float[8];
    v[axis] = weight;
    v[7] = noise;
    return EmbeddingCodec.decode(EmbeddingCodec.encode(v));
  }

  private static Cascade cascade(double band, int warmup) {
    return new Cascade(a -> FINE.get(a.id()), JoinModel.standard(), band, warmup);
  }

  private static List<String> run(EventClusterer c, List<ClusterArticle> in) {
    List<String> out = new ArrayList<>();
    for (ClusterArticle a : in) {
      out.add(EventClustererTest.summary(c.add(a)));
    }
    return out;
  }

  private static Map<String, String> events(EventClusterer c, List<ClusterArticle> in) {
    Map<String, String> out = new HashMap<>();
    for (ClusterArticle a : in) {
      for (ClusterChange ch : c.add(a)) {
        if (ch instanceof ClusterChange.Assigned as) {
          out.put(as.articleId(), as.eventId());
        }
      }
    }
    return out;
  }

  private static List<ClusterArticle> withFineEmbeddings() {
    return ARTICLES.stream().map(a -> new ClusterArticle(a.id(), a.title(), a.text(), a.outlet(), a.url(), a.time(),
        a.duplicateOf(), a.entities(), a.quotes(), FINE.get(a.id()), a.anchors())).toList();
  }

  @Test
  void whenEveryDecisionIsOpenTheFineEmbeddingDecidesAlone() {
    ClusterSettings s = ClusterSettings.defaults();
    EventClusterer cascade = new EventClusterer(s.withCascade(cascade(10, 1)), new InMemoryEventRepository());
    Map<String, String> got = events(cascade, ARTICLES);
    assertThat(got).isEqualTo(events(new EventClusterer(s, new InMemoryEventRepository()), withFineEmbeddings()));
    assertThat(cascade.fineEmbeddings()).isEqualTo(ARTICLES.size());
  }

  @Test
  void whenNoDecisionIsOpenTheCheapEmbeddingDecidesAndMiniLmNeverRuns() {
    ClusterSettings s = ClusterSettings.defaults();
    EventClusterer cascade = new EventClusterer(s.withCascade(cascade(0, 0)), new InMemoryEventRepository());
    assertThat(events(cascade, ARTICLES)).isEqualTo(events(new EventClusterer(s, new InMemoryEventRepository()), ARTICLES));
    assertThat(cascade.fineEmbeddings()).isZero();
  }

  /**
   * The lazy warm-up: an event keeps its first articles' leads and MiniLM embeds them only when a
   * decision needs its fine centroid; with no decision open, none ever is, and the clustering is the table's.
   */
  @Test
  void whenNoDecisionIsOpenTheWarmUpLeadsAreKeptAndNeverEmbedded() {
    ClusterSettings s = ClusterSettings.defaults();
    InMemoryEventRepository repo = new InMemoryEventRepository();
    EventClusterer cascade = new EventClusterer(s.withCascade(cascade(0, 3)), repo);
    assertThat(events(cascade, ARTICLES)).isEqualTo(events(new EventClusterer(s, new InMemoryEventRepository()), ARTICLES));
    assertThat(cascade.fineEmbeddings()).isZero();
    for (EventState e : repo.all()) {
      assertThat(e.fineEmbedding).isNull();
      assertThat(e.fineLeads).hasSize(Math.min(3, e.articleCount));
      for (EventState.FineLead l : e.fineLeads) {
        EventRepository.Member m = repo.members(e.id).stream().filter(x -> x.articleId().equals(l.articleId())).findFirst().orElseThrow();
        assertThat(l.text()).startsWith(m.title());
      }
    }
  }

  /** Once a decision is open, the leads of the events it compares are embedded, and only then. */
  @Test
  void anOpenDecisionEmbedsTheKeptLeadsOfTheEventsItCompares() {
    EventClusterer c = new EventClusterer(ClusterSettings.defaults().withCascade(cascade(10, 3)), new InMemoryEventRepository());
    c.add(ARTICLES.get(0)); // opens an event: no decision, its lead kept
    assertThat(c.fineEmbeddings()).isZero();
    c.add(ARTICLES.get(4)); // the same story: an open decision embeds the article and the event's kept lead
    assertThat(c.fineEmbeddings()).isEqualTo(2);
    assertThat(c.lazyEmbeddings()).isEqualTo(1);
  }

  /** A band that opens some decisions (on these articles the shipped one opens none) embeds some articles, not all. */
  @Test
  void aMiddleBandEmbedsOnlyTheOpenDecisionsAndTheWarmUpTheyNeed() {
    InMemoryEventRepository repo = new InMemoryEventRepository();
    EventClusterer c = new EventClusterer(ClusterSettings.defaults().withCascade(cascade(0.15, 3)), repo);
    Map<String, String> got = events(c, ARTICLES);
    assertThat(c.fineEmbeddings()).isBetween(1L, ARTICLES.size() - 1L);
    assertThat(c.lazyEmbeddings()).isBetween(1L, c.fineEmbeddings() - 1);
    // events whose leads were embedded are stored; none merged away comes back
    List<String> stored = new ArrayList<>();
    repo.all().forEach(e -> stored.add(e.id));
    assertThat(stored).containsExactlyInAnyOrderElementsOf(new java.util.TreeSet<>(got.values()));
    assertThat(got).hasSize(ARTICLES.size());
  }

  @Test
  void sameInputSameOutputAndARestoredClustererContinuesAsTheOriginal() {
    // a band at which, after 12 articles, some events have fine sums and some still keep warm-up leads
    ClusterSettings s = ClusterSettings.defaults().withCascade(cascade(0.1, 2));
    assertThat(run(new EventClusterer(s, new InMemoryEventRepository()), ARTICLES))
        .isEqualTo(run(new EventClusterer(s, new InMemoryEventRepository()), ARTICLES));
    InMemoryEventRepository repo = new InMemoryEventRepository();
    EventClusterer original = new EventClusterer(s, repo);
    EventClusterer straight = new EventClusterer(s, new InMemoryEventRepository());
    run(original, ARTICLES.subList(0, 12));
    run(straight, ARTICLES.subList(0, 12));
    InMemoryEventRepository copy = new InMemoryEventRepository();
    boolean fineStored = false;
    boolean leadsStored = false;
    for (EventState e : repo.all()) {
      fineStored |= e.fineEmbedding != null;
      leadsStored |= !e.fineLeads.isEmpty();
      copy.put(EventStateCodec.decode(EventStateCodec.encode(e)));
      for (EventRepository.Member m : repo.members(e.id)) {
        copy.addMember(e.id, EventStateCodec.decodeMember(EventStateCodec.encode(m)));
      }
    }
    assertThat(fineStored).isTrue();
    assertThat(leadsStored).isTrue();
    assertThat(run(new EventClusterer(s, copy), ARTICLES.subList(12, 24))).isEqualTo(run(straight, ARTICLES.subList(12, 24)));
  }

  private static ClusterArticle text(String title, String text) {
    return new ClusterArticle("x", title, text, null, null, T0, null, List.of(), List.of());
  }

  @Test
  void theBandIsWidenedForShortInputsWhereTheTableKnowsLeast() {
    Cascade c = cascade(0.05, 3);
    ClusterArticle lead = text("Quake hits the coast", "word ".repeat(200));
    ClusterArticle quarter = text(null, "w".repeat(150)); // a quarter of a full lead: twice the band
    ClusterArticle headline = text("Quake hits the coast", ""); // 20 characters: the widening's cap, four bands
    assertThat(Cascade.widening(lead)).isEqualTo(1.0);
    assertThat(Cascade.widening(quarter)).isEqualTo(2.0);
    assertThat(Cascade.widening(headline)).isEqualTo(4.0);
    double none = Double.NEGATIVE_INFINITY;
    assertThat(c.open(lead, 0.04, none)).isTrue();
    assertThat(c.open(lead, -0.04, none)).isTrue();
    assertThat(c.open(lead, 0.06, none)).isFalse();
    assertThat(c.open(lead, -0.06, none)).isFalse();
    assertThat(c.open(quarter, 0.09, none)).isTrue();
    assertThat(c.open(quarter, 0.11, none)).isFalse();
    assertThat(c.open(headline, -0.19, none)).isTrue();
    assertThat(c.open(headline, -0.21, none)).isFalse();
  }

  @Test
  void aRivalWithinTwoBandsOfTheBestLeavesTheDecisionOpen() {
    Cascade c = cascade(0.05, 3);
    ClusterArticle lead = text("Quake hits the coast", "word ".repeat(200));
    assertThat(c.open(lead, 0.30, 0.21)).isTrue();
    assertThat(c.open(lead, 0.30, 0.19)).isFalse();
    assertThat(c.open(lead, 0.30, -0.01)).isFalse(); // the runner-up does not qualify: no rival
  }

  @Test
  void aNegativeBandIsRefused() {
    assertThatThrownBy(() -> cascade(-0.1, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
