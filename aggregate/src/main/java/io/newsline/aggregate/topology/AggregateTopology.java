package io.newsline.aggregate.topology;

import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.EventTimeline;
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
import org.apache.kafka.streams.state.Stores;

/**
 * enriched articles -> clustering -> assignments (compacted, key article id) and event timelines
 * (compacted, key event id; tombstone when merged away). Clustering state lives in a persistent
 * store with a changelog, so a restarted instance resumes where it stopped.
 */
public final class AggregateTopology {
  /** All articles of one clustering partition meet in one task; see README "Scaling aggregate". */
  static final String CLUSTER_KEY = "all";

  private AggregateTopology() {}

  public static Topology build(Topics topics, ClusterSettings settings, Serde<EnrichedArticle> enriched,
      Serde<ArticleAssignment> assignments, Serde<EventTimeline> events) {
    StreamsBuilder b = new StreamsBuilder();
    b.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ClusteringProcessor.STORE), Serdes.String(), Serdes.ByteArray()));
    KStream<String, ClusterOutput> out =
        b.stream(topics.enriched(), Consumed.with(Serdes.String(), enriched).withName("enriched-articles"))
            .filter((id, a) -> a != null, Named.as("skip-tombstones"))
            .selectKey((id, a) -> CLUSTER_KEY, Named.as("to-cluster-partition"))
            .repartition(Repartitioned.<String, EnrichedArticle>as("clustering")
                .withKeySerde(Serdes.String()).withValueSerde(enriched).withNumberOfPartitions(1))
            .process(() -> new ClusteringProcessor(settings), Named.as("cluster"), ClusteringProcessor.STORE);
    out.filter((k, o) -> o.isAssignment(), Named.as("assignments"))
        .mapValues(ClusterOutput::assignment, Named.as("assignment-values"))
        .to(topics.assignments(), Produced.with(Serdes.String(), assignments).withName("assignments-sink"));
    out.filter((k, o) -> !o.isAssignment(), Named.as("events"))
        .mapValues(ClusterOutput::event, Named.as("event-values"))
        .to(topics.events(), Produced.with(Serdes.String(), events).withName("events-sink"));
    return b.build();
  }
}
