package io.newsline.aggregate.cluster;

import io.newsline.embedding.EmbeddingCodec;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventClustererTest {
  private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

  static ClusterArticle article(String id, String title, String text, Instant time, float[] embedding, String... entities) {
    List<ClusterArticle.ArticleEntity> es = new ArrayList<>();
    for (String e : entities) {
      es.add(new ClusterArticle.ArticleEntity(e, e, "PERSON", 1.0, 1, "neutral", 0.0));
    }
    return new ClusterArticle(id, title, text, null, null, time, null, es, List.of(), embedding);
  }

  static ClusterArticle article(String id, String title, Instant time) {
    return article(id, title, title, time, null);
  }

  private static List<ClusterChange.Assigned> assigned(List<ClusterChange> changes) {
    return changes.stream().filter(c -> c instanceof ClusterChange.Assigned).map(c -> (ClusterChange.Assigned) c).toList();
  }

  private static String eventOf(List<ClusterChange> changes) {
    return assigned(changes).get(0).eventId();
  }

  @Test
  void similarArticlesJoinAndUnrelatedOnesOpenNewEvents() {
    EventClusterer c = new EventClusterer(ClusterSettings.defaults(), new InMemoryEventRepository());
    String a = eventOf(c.add(article("a", "Volcano erupts near Reykjavik, flights grounded across Iceland", T0)));
    String b = eventOf(c.add(article("b", "Iceland volcano eruption grounds flights near Reykjavik", T0.plusSeconds(600))));
    String d = eventOf(c.add(article("d", "Central bank raises interest rates to curb inflation", T0.plusSeconds(900))));
    assertThat(b).isEqualTo(a);
    assertThat(d).isNotEqualTo(a);
    assertThat(c.activeEvents()).isEqualTo(2);
  }

  @Test
  void sameInputOrderGivesTheSameChanges() {
    List<ClusterArticle> in = List.of(
        article("1", "Volcano erupts near Reykjavik", T0),
        article("2", "Flights grounded as Iceland volcano erupts", T0.plusSeconds(60)),
        article("3", "Central bank raises interest rates", T0.plusSeconds(120)),
        article("4", "Interest rates rise again, central bank says", T0.plusSeconds(180)));
    assertThat(run(in).toString()).isEqualTo(run(in).toString());
  }

  private static List<String> run(List<ClusterArticle> in) {
    EventClusterer c = new EventClusterer(ClusterSettings.defaults(), new InMemoryEventRepository());
    List<String> out = new ArrayList<>();
    for (ClusterArticle a : in) {
      for (ClusterChange ch : c.add(a)) {
        out.add(ch instanceof ClusterChange.EventChanged e ? "event " + e.event().id + " v" + e.event().version
            + " " + e.event().articleCount + " " + e.event().centroid : ch.toString());
      }
    }
    return out;
  }

  @Test
  void dormantEventsLeaveTheStateWithAFinalTimeline() {
    ClusterSettings s = ClusterSettings.defaults();
    InMemoryEventRepository repo = new InMemoryEventRepository();
    EventClusterer c = new EventClusterer(s, repo);
    String first = eventOf(c.add(article("a", "Volcano erupts near Reykjavik", T0)));
    List<ClusterChange> later = c.add(article("b", "Central bank raises interest rates", T0.plus(s.dormancy()).plusSeconds(1)));
    ClusterChange.EventChanged retired = (ClusterChange.EventChanged) later.get(0);
    assertThat(retired.event().id).isEqualTo(first);
    assertThat(retired.event().status).isEqualTo("dormant");
    assertThat(repo.get(first)).isNull();
    assertThat(c.activeEvents()).isEqualTo(1);
    assertThat(c.activeArticles()).isEqualTo(1);
    // a late article about the dormant story opens a new event instead of reviving it
    assertThat(eventOf(c.add(article("c", "Volcano erupts near Reykjavik again", T0.plus(s.dormancy()).plusSeconds(2)))))
        .isNotEqualTo(first);
  }

  @Test
  void memoryIsBoundedByActiveEventsNotHistory() {
    ClusterSettings s = ClusterSettings.defaults();
    EventClusterer c = new EventClusterer(s, new InMemoryEventRepository());
    for (int day = 0; day < 60; day++) {
      for (int k = 0; k < 5; k++) {
        c.add(article("d" + day + "-" + k, "Story number " + day + " word" + day + " topic" + day + " detail" + k,
            T0.plus(Duration.ofDays(day)).plusSeconds(k)));
      }
    }
    // three days of dormancy: about four days of stories stay active however long the history is
    assertThat(c.activeEvents()).isLessThanOrEqualTo(5);
    assertThat(c.activeArticles()).isLessThanOrEqualTo(25);
    assertThat(c.termStats().articles()).isLessThanOrEqualTo(25);
  }

  @Test
  void anArticleBridgingTwoSimilarEventsMergesThemAndReassignsTheAbsorbedArticles() {
    // merge as soon as the events are as similar as an article must be to join
    ClusterSettings s = new ClusterSettings(0.41, 0.27, 0.5, 0.0, 0.0, -1.0, Duration.ofDays(3), Duration.ofDays(2), 1000);
    EventClusterer c = new EventClusterer(s, new InMemoryEventRepository());
    String x = eventOf(c.add(article("x", "Rapper suspected in Foley beheading", T0)));
    String y = eventOf(c.add(article("y", "Abdel Bary named in journalist killing", T0.plusSeconds(60))));
    assertThat(y).isNotEqualTo(x);
    List<ClusterChange> bridge = c.add(article("z", "Rapper Abdel Bary suspected in Foley beheading journalist killing", T0.plusSeconds(120)));
    assertThat(bridge).anyMatch(ch -> ch instanceof ClusterChange.EventRemoved r && r.eventId().equals(y));
    assertThat(assigned(bridge)).anyMatch(a -> a.articleId().equals("y") && a.eventId().equals(x) && a.reason().equals("merged"));
    ClusterChange.EventChanged survivor = (ClusterChange.EventChanged) bridge.get(bridge.size() - 1);
    assertThat(survivor.event().id).isEqualTo(x);
    assertThat(survivor.event().mergedFrom).containsExactly(y);
    assertThat(survivor.event().timeline.listed()).extracting(TimelineState.Entry::id).containsExactly("x", "y", "z");
    assertThat(c.eventOf("y")).isEqualTo(x);
    assertThat(c.activeEvents()).isEqualTo(1);
  }

  @Test
  void embeddingsLetParaphrasesWithFewSharedWordsJoin() {
    float[] story = unit(1, 0, 0);
    float[] other = unit(0, 1, 0);
    EventClusterer c = new EventClusterer(ClusterSettings.defaults(), new InMemoryEventRepository());
    String a = eventOf(c.add(article("a", "ISIS leader injured in airstrike", "ISIS leader injured in airstrike", T0, story)));
    String b = eventOf(c.add(article("b", "Isis chief wounded as US jets strike", "Isis chief wounded as US jets strike", T0.plusSeconds(60), story)));
    String d = eventOf(c.add(article("d", "ISIS leader's wife detained", "ISIS leader's wife detained", T0.plusSeconds(90), other)));
    assertThat(b).isEqualTo(a);
    assertThat(d).isNotEqualTo(a);
  }

  @Test
  void aDuplicateJoinsTheEventOfItsOriginal() {
    EventClusterer c = new EventClusterer(ClusterSettings.defaults(), new InMemoryEventRepository());
    String a = eventOf(c.add(article("a", "Volcano erupts near Reykjavik", T0)));
    ClusterArticle dup = new ClusterArticle("b", "Completely different words", "nothing shared", null, null,
        T0.plusSeconds(5), "a", List.of(), List.of(), null);
    assertThat(eventOf(c.add(dup))).isEqualTo(a);
  }

  @Test
  void restoringFromTheRepositoryContinuesExactlyAsTheOriginal() {
    List<ClusterArticle> in = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      in.add(article("a" + i, "Story " + (i % 4) + " about topic" + (i % 4) + " and place" + (i % 4) + " w" + i, T0.plusSeconds(i * 60L)));
    }
    InMemoryEventRepository repo = new InMemoryEventRepository();
    EventClusterer original = new EventClusterer(ClusterSettings.defaults(), repo);
    EventClusterer straight = new EventClusterer(ClusterSettings.defaults(), new InMemoryEventRepository());
    for (int i = 0; i < 15; i++) {
      original.add(in.get(i));
      straight.add(in.get(i));
    }
    // a new clusterer over a round trip of the stored events through their stored form, as after a rebalance
    InMemoryEventRepository copy = new InMemoryEventRepository();
    for (EventState e : repo.all()) {
      copy.put(EventStateCodec.decode(EventStateCodec.encode(e)));
      for (EventRepository.Member m : repo.members(e.id)) {
        copy.addMember(e.id, EventStateCodec.decodeMember(EventStateCodec.encode(m)));
      }
    }
    EventClusterer restored = new EventClusterer(ClusterSettings.defaults(), copy);
    for (int i = 15; i < 30; i++) {
      assertThat(summary(restored.add(in.get(i)))).isEqualTo(summary(straight.add(in.get(i))));
    }
  }

  /** The changes as text, changed events as their stored bytes: equal summaries mean equal output and state. */
  static String summary(List<ClusterChange> changes) {
    StringBuilder b = new StringBuilder();
    for (ClusterChange ch : changes) {
      b.append(ch instanceof ClusterChange.EventChanged e ? e.event().id + ":" + e.event().centroid + e.event().termDocs
          + java.util.Arrays.toString(EventStateCodec.encode(e.event())) : ch).append('\n');
    }
    return b.toString();
  }

  private static float[] unit(float... v) {
    float[] out = new float[8];
    System.arraycopy(v, 0, out, 0, v.length);
    return EmbeddingCodec.decode(EmbeddingCodec.encode(out));
  }

  @Test
  void embeddingsSurviveTheWireForm() {
    float[] v = {0.3f, -0.4f, 0.5f, 0.1f};
    float[] back = EmbeddingCodec.decode(EmbeddingCodec.encode(v));
    double n = Math.sqrt(0.09 + 0.16 + 0.25 + 0.01);
    for (int i = 0; i < v.length; i++) {
      assertThat((double) back[i]).isCloseTo(v[i] / n, org.assertj.core.data.Offset.offset(0.01));
    }
    assertThat(EmbeddingCodec.decode(null)).isNull();
    assertThat(Map.of()).isEmpty();
  }
}
