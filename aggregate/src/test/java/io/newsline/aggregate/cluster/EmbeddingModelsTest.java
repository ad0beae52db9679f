package io.newsline.aggregate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.embedding.EmbeddingCodec;
import io.newsline.embedding.SentenceEmbedder;
import io.newsline.embedding.StaticEmbeddings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stored events meet a change of sentence embedding (issue 14: the default went from MiniLM to the
 * cascade) with a migration, never a comparison of vectors of two models.
 */
class EmbeddingModelsTest {
  private static final String MINILM = SentenceEmbedder.fineVersion();
  private static final String TABLE = SentenceEmbedder.distilled(StaticEmbeddings.bundled()).version();
  private static final EmbeddingModels CASCADE = new EmbeddingModels(TABLE, true);
  private static final EmbeddingModels OLD_DEFAULT = new EmbeddingModels(MINILM, false);

  private static float[] sum(int dims, float value) {
    float[] v = new float[dims];
    for (int k = 0; k < dims; k++) {
      v[k] = value * (k % 7 - 3);
    }
    return v;
  }

  /**
   * What a `minilm` run stored before models were recorded: a 384-dimensional sum, no model name (format 1
   * then; EventStateCodecTest reads the old formats' bytes as these states).
   */
  private static byte[] storedByMiniLm() {
    EventState e = new EventState("ev-old");
    e.articleCount = 6;
    e.centroid.put("volcano", 1.5);
    e.embedding = sum(384, 0.25f);
    e.embeddedArticles = 5;
    return EventStateCodec.encode(e);
  }

  @Test
  void anOldMiniLmStateBecomesTheCascadesFineSumAndItsTableSumStartsEmpty() {
    EventState e = EventStateCodec.decode(storedByMiniLm());
    assertThat(CASCADE.migrate(e)).isTrue();
    assertThat(e.fineEmbedding).containsExactly(sum(384, 0.25f));
    assertThat(e.fineEmbeddedArticles).isEqualTo(5);
    assertThat(e.embedding).isNull();
    assertThat(e.embeddedArticles).isZero();
    assertThat(e.embeddingModel).isEqualTo(TABLE);
    assertThat(e.articleCount).isEqualTo(6);
    assertThat(e.centroid).containsEntry("volcano", 1.5);
    // stored again, it names its model and is not migrated a second time
    byte[] again = EventStateCodec.encode(e);
    EventState back = EventStateCodec.decode(again);
    assertThat(CASCADE.migrate(back)).isFalse();
    assertThat(EventStateCodec.encode(back)).isEqualTo(again);
  }

  @Test
  void underMiniLmAnOldMiniLmStateOnlyRecordsItsModel() {
    EventState e = EventStateCodec.decode(storedByMiniLm());
    assertThat(OLD_DEFAULT.migrate(e)).isFalse();
    assertThat(e.embedding).containsExactly(sum(384, 0.25f));
    assertThat(e.embeddingModel).isEqualTo(MINILM);
  }

  @Test
  void aCascadeStateGoingBackToMiniLmKeepsItsFineSumAsTheSum() {
    EventState e = new EventState("ev-c");
    e.embedding = sum(StaticEmbeddings.bundled().dims(), 0.5f);
    e.embeddedArticles = 9;
    e.fineEmbedding = sum(384, 0.125f);
    e.fineEmbeddedArticles = 4;
    EventState old = EventStateCodec.decode(EventStateCodec.encode(e)); // no model recorded (format 2 then)
    assertThat(OLD_DEFAULT.migrate(old)).isTrue();
    assertThat(old.embedding).containsExactly(sum(384, 0.125f));
    assertThat(old.embeddedArticles).isEqualTo(4);
    assertThat(old.fineEmbedding).isNull();
    assertThat(old.fineEmbeddedArticles).isZero();
    EventState toStatic = EventStateCodec.decode(EventStateCodec.encode(e));
    assertThat(new EmbeddingModels(TABLE, false).migrate(toStatic)).isTrue();
    assertThat(toStatic.embedding).containsExactly(sum(StaticEmbeddings.bundled().dims(), 0.5f));
    assertThat(toStatic.fineEmbedding).isNull();
  }

  @Test
  void aSumOfAModelNoLongerInUseIsDroppedNotCompared() {
    EventState hybrid = new EventState("ev-h");
    hybrid.embedding = sum(512, 1f);
    hybrid.embeddedArticles = 3;
    assertThat(CASCADE.migrate(hybrid)).isTrue();
    assertThat(hybrid.embedding).isNull();
    assertThat(hybrid.fineEmbedding).isNull();
    assertThat(hybrid.fineEmbeddedArticles).isZero();
    EventState other = new EventState("ev-o");
    other.embedding = sum(384, 1f);
    other.embeddedArticles = 2;
    other.embeddingModel = "all-minilm-l6-v2-q/300";
    assertThat(CASCADE.migrate(other)).isTrue();
    assertThat(other.fineEmbedding).isNull();
    assertThat(other.embedding).isNull();
  }

  private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

  /** Unit vectors on an axis, as on the wire: what the synthetic "MiniLM" (8 wide) and table (4 wide) give. */
  private static float[] axis(int dims, int axis, float noise) {
    float[] v = new float[dims];
    v[axis] = 1;
    v[dims - 1] = noise;
    return EmbeddingCodec.decode(EmbeddingCodec.encode(v));
  }

  private static ClusterArticle article(String id, String title, float[] embedding, int minute) {
    return new ClusterArticle(id, title, title + " and more on it", null, null, T0.plusSeconds(60L * minute), null, List.of(),
        List.of(), embedding);
  }

  private static String eventOf(List<ClusterChange> changes, String articleId) {
    for (ClusterChange c : changes) {
      if (c instanceof ClusterChange.Assigned a && a.articleId().equals(articleId)) {
        return a.eventId();
      }
    }
    return null;
  }

  /**
   * Events clustered with MiniLM, stored, restored under the cascade: a related article joins its
   * old event, judged on MiniLM against the event's old sum (the table has none for it yet), and
   * the event has a table sum from then on.
   */
  @Test
  void anEventStoredUnderMiniLmTakesARelatedArticleUnderTheCascade() {
    Map<String, float[]> miniLm = new HashMap<>();
    List<ClusterArticle> before = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String id = "q" + i;
      miniLm.put(id, axis(8, i % 2, i * 0.05f));
      before.add(article(id, (i % 2 == 0 ? "Volcano erupts in Iceland " : "Parliament votes in Lisbon ") + i, miniLm.get(id), i));
    }
    InMemoryEventRepository repo = new InMemoryEventRepository();
    EventClusterer old = new EventClusterer(ClusterSettings.defaults().withEmbeddingModels(OLD_DEFAULT), repo);
    Map<String, String> eventOf = new HashMap<>();
    for (ClusterArticle a : before) {
      eventOf.put(a.id(), eventOf(old.add(a), a.id()));
    }
    assertThat(eventOf.get("q0")).isEqualTo(eventOf.get("q2")).isNotEqualTo(eventOf.get("q1"));
    InMemoryEventRepository restored = new InMemoryEventRepository();
    for (EventState e : repo.all()) {
      restored.put(EventStateCodec.decode(EventStateCodec.encode(e)));
      for (EventRepository.Member m : repo.members(e.id)) {
        restored.addMember(e.id, m);
      }
    }
    // the cascade's fine model is the old MiniLM: its vector of the new article is on the volcano's axis
    ClusterArticle related = article("q9", "Lava reaches Iceland town 9", axis(4, 2, 0f), 10);
    miniLm.put("q9", axis(8, 0, 0.1f));
    // no band and no warm-up: MiniLM runs only because the event has no table sum to judge it by
    Cascade cascade = new Cascade(a -> miniLm.get(a.id()), JoinModel.standard(), 0, 0);
    EventClusterer now = new EventClusterer(ClusterSettings.defaults().withCascade(cascade)
        .withEmbeddingModels(new EmbeddingModels("table-test", true)), restored);
    assertThat(now.migratedEvents()).isEqualTo(2);
    List<ClusterChange> changes = now.add(related);
    assertThat(eventOf(changes, "q9")).isEqualTo(eventOf.get("q0"));
    assertThat(now.fineEmbeddings()).isEqualTo(1);
    EventState grown = restored.get(eventOf.get("q0"));
    assertThat(grown.articleCount).isEqualTo(4);
    assertThat(grown.embeddingModel).isEqualTo("table-test");
    assertThat(grown.embedding).hasSize(4);
    assertThat(grown.embeddedArticles).isEqualTo(1);
    assertThat(grown.fineEmbedding).hasSize(8);
    assertThat(grown.fineEmbeddedArticles).isEqualTo(4);
  }
}
