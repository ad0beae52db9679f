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

  /** The articles sorted as the reorder buffer releases them: by time, then id. */
  static List<EnrichedArticle> inTimeOrder(List<EnrichedArticle> articles) {
    List<EnrichedArticle> out = new ArrayList<>(articles);
    out.sort((x, y) -> {
      int c = time(x).compareTo(time(y));
      return c != 0 ? c : x.getId().compareTo(y.getId());
    });
    return out;
  }

  private static java.time.Instant time(EnrichedArticle a) {
    return a.getPublishedAt() != null ? a.getPublishedAt() : a.getIngestedAt();
  }
}
