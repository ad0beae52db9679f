package io.newsline.aggregate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class EventStateCodecTest {
  @Test
  void aStoredEventReadsBackToTheSameBytes() {
    for (EventState e : List.of(StoredStates.full(), StoredStates.fine(), StoredStates.named(), StoredStates.withLeads(), new EventState("ev-2"))) {
      byte[] bytes = EventStateCodec.encode(e);
      assertThat(bytes[0]).isEqualTo((byte) EventStateCodec.FORMAT_COMPACT);
      EventState back = EventStateCodec.decode(bytes);
      assertThat(EventStateCodec.encode(back)).isEqualTo(bytes);
      assertSame(back, e);
    }
  }

  /**
   * States stored by the version before format 5 (formats 1 to 4, written by its codec from the same
   * {@link StoredStates}) read back as the states they were, and are written in format 5 from then on.
   */
  @Test
  void aStateStoredInAnOlderFormatReadsBackAsTheSameState() throws IOException {
    Map<String, EventState> states = Map.of("full", StoredStates.full(), "fine", StoredStates.fine(), "named", StoredStates.named(),
        "withLeads", StoredStates.withLeads());
    Map<String, Integer> formats = Map.of("full", EventStateCodec.FORMAT, "fine", EventStateCodec.FORMAT_FINE, "named",
        EventStateCodec.FORMAT_MODEL, "withLeads", EventStateCodec.FORMAT_LEADS);
    Map<String, byte[]> stored = storedByTheVersionBefore();
    assertThat(stored.keySet()).isEqualTo(states.keySet());
    for (Map.Entry<String, byte[]> s : stored.entrySet()) {
      assertThat(s.getValue()[0]).as(s.getKey()).isEqualTo(formats.get(s.getKey()).byteValue());
      EventState back = EventStateCodec.decode(s.getValue());
      assertSame(back, states.get(s.getKey()));
      assertThat(EventStateCodec.encode(back)).as(s.getKey()).isEqualTo(EventStateCodec.encode(states.get(s.getKey())));
    }
    // formats 1 and 2 had no model name: read as none (EmbeddingModels tells the model from the sum)
    assertThat(EventStateCodec.decode(stored.get("fine")).embeddingModel).isNull();
    assertThat(EventStateCodec.decode(stored.get("full")).fineEmbedding).isNull();
  }

  /** Format 5 is smaller: variable-length numbers and keys after the previous key's shared prefix. */
  @Test
  void theCompactFormatIsSmallerThanTheFixedWidthOne() throws IOException {
    byte[] before = storedByTheVersionBefore().get("full");
    assertThat(EventStateCodec.encode(StoredStates.full()).length).isLessThan(before.length * 3 / 4);
  }

  @Test
  void aFormatFromAnotherVersionIsRefusedWithWhatToDo() {
    byte[] b = EventStateCodec.encode(StoredStates.fine());
    b[0] = 6;
    assertThatThrownBy(() -> EventStateCodec.decode(b)).hasMessageContaining("format 6").hasMessageContaining("reset the aggregate stage");
  }

  private static Map<String, byte[]> storedByTheVersionBefore() throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (InputStream in = EventStateCodecTest.class.getResourceAsStream("stored-event-states.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] f = line.split(" ");
          out.put(f[0], Base64.getDecoder().decode(f[1]));
        }
      }
    }
    return out;
  }

  /** Every stored field equal (doubles and floats to the bit). */
  private static void assertSame(EventState back, EventState e) {
    assertThat(back).usingRecursiveComparison().ignoringFields("timeline.quotes").isEqualTo(e);
    assertThat(back.timeline.quotes).usingRecursiveFieldByFieldElementComparatorOnFields("speakerId", "speaker", "text", "firstOutlet",
        "firstSeen", "outlets", "articleIds", "articles").isEqualTo(e.timeline.quotes);
    assertThat(back.timeline.outlets.count()).isEqualTo(e.timeline.outlets.count());
    assertThat(back.timeline.entityIds.count()).isEqualTo(e.timeline.entityIds.count());
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
