package io.newsline.aggregate.topology;

import io.newsline.aggregate.cluster.ClusterArticles;
import io.newsline.aggregate.cluster.ClusterChange;
import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.cluster.EventClusterer;
import io.newsline.aggregate.cluster.InMemoryEventRepository;
import io.newsline.aggregate.timeline.TimelineBuilder;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.EventTimeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the topology must publish: one clusterer per partition, fed in the given order. */
final class ReferenceClustering {
  final Map<String, String> assignments = new TreeMap<>();
  final Map<String, EventTimeline> events = new TreeMap<>();

  ReferenceClustering(List<EnrichedArticle> articles, ClusterSettings settings, int partitions) {
    List<EventClusterer> clusterers = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      clusterers.add(new EventClusterer(settings, new InMemoryEventRepository()));
    }
    for (EnrichedArticle a : articles) {
      int p = ClusteringPartitioner.partition(ClusteringPartitioner.key(a), partitions);
      for (ClusterChange c : clusterers.get(p).add(ClusterArticles.from(a))) {
        if (c instanceof ClusterChange.Assigned as) {
          assignments.put(as.articleId(), as.eventId());
        } else if (c instanceof ClusterChange.EventChanged e) {
          events.put(e.event().id, TimelineBuilder.build(e.event()));
        } else if (c instanceof ClusterChange.EventRemoved r) {
          events.put(r.eventId(), null);
        }
      }
    }
  }

  /**
   * The articles in the order the reorder buffer releases them, when they were written in this order
   * to an input topic of {@code inputPartitions} partitions by key (Kafka's default partitioner):
   * by (order time, id) as {@link InputProgress} gives them.
   */
  static List<EnrichedArticle> inInputOrder(List<EnrichedArticle> articles, int inputPartitions) {
    InputProgress progress = new InputProgress(inputPartitions);
    TreeMap<String, EnrichedArticle> byPosition = new TreeMap<>();
    for (EnrichedArticle a : articles) {
      byte[] key = a.getId().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      int p = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(key)) % inputPartitions;
      long ingested = a.getIngestedAt().toEpochMilli();
      long time = a.getPublishedAt() == null ? ingested : a.getPublishedAt().toEpochMilli();
      byPosition.put(InputProgress.key(progress.advance(p, time, ingested), a.getId()), a);
    }
    return new ArrayList<>(byPosition.values());
  }
}
