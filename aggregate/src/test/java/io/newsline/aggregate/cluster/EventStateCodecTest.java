package io.newsline.aggregate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class EventStateCodecTest {
  @Test
  void aStoredEventReadsBackToTheSameBytes() {
    EventState e = new EventState("ev-1");
    e.firstSeen = 5;
    e.lastUpdated = 9;
    e.version = 3;
    e.mergedFrom.add("ev-0");
    e.articleCount = 80;
    e.centroid.put("volcano", 0.125);
    e.centroid.put("iceland", 1 / 3.0);
    e.termDocs.put("volcano", 2);
    e.entityArticles.put("loc:iceland", 2);
    e.provisionalOf = "ev-7";
    e.parentArticlesAtOpen = 4;
    e.anchorArticles.put("h:iceland", 2);
    e.leadArticles.put("h:iceland", 1);
    e.anchoredArticles = 2;
    e.fullArticles = 1;
    e.embedding = new float[] {0.1f, -0.2f};
    e.embeddedArticles = 2;
    for (int i = 0; i < 80; i++) {
      e.timeline.add(new ClusterArticle("a" + i, i == 3 ? "Volcano erupts" : null, "Lava flows near Reykjavik " + i, "outlet" + i,
          "https://x.example/" + i, Instant.ofEpochMilli(i), null,
          List.of(new ClusterArticle.ArticleEntity("loc:iceland" + i % 3, "Iceland", "LOCATION", 0.9, 2, "negative", -0.25)),
          List.of(new ClusterArticle.ArticleQuote(null, null, "the sky is red " + i % 7))), i, 10);
    }
    byte[] bytes = EventStateCodec.encode(e);
    EventState back = EventStateCodec.decode(bytes);
    assertThat(EventStateCodec.encode(back)).isEqualTo(bytes);
    assertThat(back.timeline.outlets.count()).isEqualTo(e.timeline.outlets.count());
    assertThat(back.timeline.label).isEqualTo("Volcano erupts");
    assertThat(back.centroid).isEqualTo(e.centroid);
    assertThat(back.embedding).containsExactly(0.1f, -0.2f);
    assertThat(back.provisionalOf).isEqualTo("ev-7");
    assertThat(back.parentArticlesAtOpen).isEqualTo(4);
    assertThat(back.anchorArticles).isEqualTo(e.anchorArticles);
    assertThat(back.leadArticles).isEqualTo(e.leadArticles);
    assertThat(back.fullArticles).isEqualTo(1);
    EventState empty = new EventState("ev-2");
    assertThat(EventStateCodec.encode(EventStateCodec.decode(EventStateCodec.encode(empty)))).isEqualTo(EventStateCodec.encode(empty));
  }

  /** The cascade's fine sum (format 2) reads back; an event without one keeps format 1's bytes. */
  @Test
  void theCascadesFineSumReadsBackAndOnlyItChangesTheFormat() {
    EventState e = new EventState("ev-3");
    e.embedding = new float[] {0.5f, 0.5f};
    e.embeddedArticles = 3;
    byte[] plain = EventStateCodec.encode(e);
    assertThat(plain[0]).isEqualTo((byte) EventStateCodec.FORMAT);
    assertThat(EventStateCodec.decode(plain).fineEmbedding).isNull();
    e.fineEmbedding = new float[] {0.25f, -0.75f, 1f};
    e.fineEmbeddedArticles = 2;
    byte[] fine = EventStateCodec.encode(e);
    assertThat(fine[0]).isEqualTo((byte) EventStateCodec.FORMAT_FINE);
    EventState back = EventStateCodec.decode(fine);
    assertThat(back.fineEmbedding).containsExactly(0.25f, -0.75f, 1f);
    assertThat(back.fineEmbeddedArticles).isEqualTo(2);
    assertThat(back.embedding).containsExactly(0.5f, 0.5f);
    assertThat(back.embeddedArticles).isEqualTo(3);
    assertThat(EventStateCodec.encode(back)).isEqualTo(fine);
  }

  /** The embedding model's name (format 3) reads back; states of formats 1 and 2 read with none. */
  @Test
  void theEmbeddingModelsNameReadsBackInFormat3() {
    EventState e = new EventState("ev-4");
    e.embedding = new float[] {0.5f, 0.5f};
    e.embeddedArticles = 1;
    e.embeddingModel = "static-abc/600";
    byte[] named = EventStateCodec.encode(e);
    assertThat(named[0]).isEqualTo((byte) EventStateCodec.FORMAT_MODEL);
    EventState back = EventStateCodec.decode(named);
    assertThat(back.embeddingModel).isEqualTo("static-abc/600");
    assertThat(back.fineEmbedding).isNull();
    assertThat(back.embedding).containsExactly(0.5f, 0.5f);
    assertThat(EventStateCodec.encode(back)).isEqualTo(named);
    e.embeddingModel = null;
    assertThat(EventStateCodec.decode(EventStateCodec.encode(e)).embeddingModel).isNull();
  }

  /**
   * The cascade's unembedded warm-up leads (format 4, after the timeline) read back; once embedded
   * (none left) the event is written in format 3 or 2 again, and those bytes still read.
   */
  @Test
  void theLazyWarmUpsLeadsReadBackAndOnlyTheyChangeTheFormat() {
    EventState e = new EventState("ev-5");
    e.fineLeads.add(new EventState.FineLead("a1", "Quake hits the coast. The quake struck at dawn"));
    e.fineLeads.add(new EventState.FineLead("a2", "Séisme sur la côte"));
    for (String model : new String[] {null, "static-abc/600"}) {
      e.embeddingModel = model;
      byte[] leads = EventStateCodec.encode(e);
      assertThat(leads[0]).isEqualTo((byte) EventStateCodec.FORMAT_LEADS);
      EventState back = EventStateCodec.decode(leads);
      assertThat(back.fineLeads).isEqualTo(e.fineLeads);
      assertThat(back.embeddingModel).isEqualTo(model);
      assertThat(back.fineEmbedding).isNull();
      assertThat(EventStateCodec.encode(back)).isEqualTo(leads);
    }
    e.fineLeads.clear();
    assertThat(EventStateCodec.encode(e)[0]).isEqualTo((byte) EventStateCodec.FORMAT_MODEL);
    e.embeddingModel = null;
    e.fineEmbedding = new float[] {0.5f, -0.5f};
    e.fineEmbeddedArticles = 2;
    byte[] fine = EventStateCodec.encode(e);
    assertThat(fine[0]).isEqualTo((byte) EventStateCodec.FORMAT_FINE);
    assertThat(EventStateCodec.decode(fine).fineLeads).isEmpty();
    assertThat(EventStateCodec.decode(fine).fineEmbedding).containsExactly(0.5f, -0.5f);
  }

  @Test
  void aMemberReadsBack() {
    EventRepository.Member m = new EventRepository.Member("a1", 42, null, "https://x.example/1", "Ünïcode headline");
    assertThat(EventStateCodec.decodeMember(EventStateCodec.encode(m))).isEqualTo(m);
  }

  /** A field added to the event state without being added to the codec would be lost on every restart. */
  @Test
  void theCodecCoversEveryStoredField() {
    assertThat(stored(EventState.class)).containsExactlyInAnyOrder("id", "status", "firstSeen", "lastUpdated", "version",
        "mergedFrom", "provisionalOf", "parentArticlesAtOpen", "articleCount", "centroid", "termDocs", "entityArticles",
        "anchorArticles", "leadArticles", "anchoredArticles", "fullArticles", "embedding", "embeddedArticles", "fineEmbedding", "fineEmbeddedArticles", "embeddingModel", "fineLeads", "timeline");
    assertThat(stored(TimelineState.class)).containsExactlyInAnyOrder("first", "label", "labelTime", "labelId", "recent",
        "entities", "stances", "quotes", "quotesSeen", "outlets", "entityIds");
    assertThat(stored(TimelineState.EntityTally.class)).containsExactlyInAnyOrder("name", "type", "articles", "mentions");
    assertThat(stored(TimelineState.StanceTally.class)).containsExactlyInAnyOrder("negative", "neutral", "positive", "scoreSum");
    assertThat(stored(TimelineState.QuoteTally.class)).containsExactlyInAnyOrder("speakerId", "speaker", "text", "firstOutlet",
        "firstSeen", "outlets", "articleIds", "articles");
    assertThat(Arrays.stream(TimelineState.Entry.class.getRecordComponents()).map(c -> c.getName()))
        .containsExactly("id", "outlet", "url", "title", "lead", "time", "stance");
  }

  private static Set<String> stored(Class<?> c) {
    Set<String> out = new TreeSet<>();
    for (Field f : c.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isPublic(m) && !Modifier.isStatic(m) && !Modifier.isTransient(m)) {
        out.add(f.getName());
      }
    }
    return out;
  }
}
