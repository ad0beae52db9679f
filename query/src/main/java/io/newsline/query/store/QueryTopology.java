package io.newsline.query.store;

import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.EventTimeline;
import io.newsline.query.model.EventIndex;
import io.newsline.runtime.Topics;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.Stores;

/**
 * The query stage's topology: three global stores, each fed from all partitions of a compacted
 * topic, so every instance holds everything and answers every request (full materialisation; see
 * docs/query.md for the choice and its limit). Values are raw bytes to Kafka Streams: the
 * processors decode them, so a record that cannot be decoded is dead-lettered, not fatal.
 */
public final class QueryTopology {
  public static final String EVENTS_STORE = "query-events";
  public static final String ARTICLES_STORE = "query-articles";
  public static final String ASSIGNMENTS_STORE = "query-assignments";

  private QueryTopology() {}

  /** Decoders for the three value types. */
  public record Deserializers(Deserializer<EventTimeline> events, Deserializer<EnrichedArticle> articles,
      Deserializer<ArticleAssignment> assignments) {}

  public static Topology build(Topics topics, EventIndex index, Deserializers d, RecordDecoder decoder) {
    StreamsBuilder b = new StreamsBuilder();
    AtomicBoolean loaded = new AtomicBoolean();
    b.addGlobalStore(store(EVENTS_STORE), topics.events(), Consumed.with(Serdes.String(), Serdes.ByteArray()),
        () -> new EventsProcessor(index, d.events(), decoder, loaded));
    b.addGlobalStore(store(ARTICLES_STORE), topics.enriched(), Consumed.with(Serdes.String(), Serdes.ByteArray()),
        () -> new DecodingProcessor<>(ARTICLES_STORE, d.articles(), decoder, (article, value) -> value));
    b.addGlobalStore(store(ASSIGNMENTS_STORE), topics.assignments(), Consumed.with(Serdes.String(), Serdes.ByteArray()),
        () -> new DecodingProcessor<>(ASSIGNMENTS_STORE, d.assignments(), decoder,
            (assignment, value) -> StoreProcessor.bytes(assignment.getEventId())));
    return b.build();
  }

  private static org.apache.kafka.streams.state.StoreBuilder<?> store(String name) {
    // a global store is restored from its source topic: no changelog
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled();
  }
}
