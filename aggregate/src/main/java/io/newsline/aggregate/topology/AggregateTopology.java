package io.newsline.aggregate.topology;

import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.EventTimeline;
import io.newsline.embedding.SentenceEmbedder;
import io.newsline.runtime.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;

/**
 * enriched articles -> (input position stamped; embedding filled in when missing) -> repartition by blocking key into
 * {@link AggregateSettings#partitions()} clustering partitions -> reorder buffer and clustering,
 * one {@link io.newsline.aggregate.cluster.EventClusterer} per partition -> assignments
 * (compacted, key article id) and event timelines (compacted, key event id; tombstone when merged
 * away). Clustering state, memberships and the reorder buffer live in persistent stores with changelogs, so a
 * task resumes where it stopped on whichever instance it moves to. See docs/aggregate.md.
 */
public final class AggregateTopology {
  static final String REPARTITION = "clustering";

  private AggregateTopology() {}

  /**
   * The changelog of the reorder buffer of the aggregate application {@code applicationId}: the keys
   * it holds (not deleted) that are {@linkplain #isBufferedArticle buffered articles} are the articles
   * aggregate has read and not yet clustered.
   */
  public static String reorderBufferChangelog(String applicationId) {
    return applicationId + "-" + ClusteringProcessor.BUFFER + "-changelog";
  }

  /**
   * Whether a key of the reorder buffer is an article's: {@link ClusteringProcessor}'s own keys (the
   * input partitions' progress) start with "~", after every article's.
   */
  public static boolean isBufferedArticle(String bufferKey) {
    return !bufferKey.startsWith("~");
  }

  public static Topology build(Topics topics, ClusterSettings settings, Serde<EnrichedArticle> enriched,
      Serde<ArticleAssignment> assignments, Serde<EventTimeline> events) {
    return build(topics, settings, AggregateSettings.defaults(), enriched, assignments, events);
  }

  public static Topology build(Topics topics, ClusterSettings settings, AggregateSettings topology,
      Serde<EnrichedArticle> enriched, Serde<ArticleAssignment> assignments, Serde<EventTimeline> events) {
    StreamsBuilder b = new StreamsBuilder();
    // events and the buffer are cached: an event updated several times, or an article buffered and
    // released, within one commit interval writes its changelog once (or not at all)
    b.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ClusteringProcessor.STORE), Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
    b.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ClusteringProcessor.MEMBERS), Serdes.String(), Serdes.ByteArray()));
    b.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ClusteringProcessor.BUFFER), Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
    int partitions = topology.partitions();
    StreamPartitioner<String, EnrichedArticle> byBlock =
        (topic, key, value, n) -> java.util.Optional.of(java.util.Set.of(ClusteringPartitioner.partition(key, n)));
    KStream<String, EnrichedArticle> in =
        b.stream(topics.enriched(), Consumed.with(Serdes.String(), enriched).withName("enriched-articles"))
            .filter((id, a) -> a != null, Named.as("skip-tombstones"))
            // before anything keeps time by the article: a date in the future must not move a clock
            .processValues(() -> new TrustedTimes(topology.futureSkew()), Named.as("trusted-times"))
            .processValues(InputPosition::new, Named.as("input-position"));
    if (topology.embedMissing()) {
      in = in.mapValues(a -> SentenceEmbedder.shared().fill(a), Named.as("embed-missing"));
    }
    KStream<String, ClusterOutput> out = in
        .selectKey((id, a) -> ClusteringPartitioner.key(a), Named.as("blocking-key"))
        .repartition(Repartitioned.<String, EnrichedArticle>as(REPARTITION)
            .withKeySerde(Serdes.String()).withValueSerde(enriched)
            .withNumberOfPartitions(partitions).withStreamPartitioner(byBlock))
        .process(() -> new ClusteringProcessor(settings, topology, enriched), Named.as("cluster"),
            ClusteringProcessor.STORE, ClusteringProcessor.MEMBERS, ClusteringProcessor.BUFFER);
    out.filter((k, o) -> o.isAssignment(), Named.as("assignments"))
        .mapValues(ClusterOutput::assignment, Named.as("assignment-values"))
        .to(topics.assignments(), Produced.with(Serdes.String(), assignments).withName("assignments-sink"));
    out.filter((k, o) -> !o.isAssignment(), Named.as("events"))
        .mapValues(ClusterOutput::event, Named.as("event-values"))
        .to(topics.events(), Produced.with(Serdes.String(), events).withName("events-sink"));
    return b.build();
  }
}
