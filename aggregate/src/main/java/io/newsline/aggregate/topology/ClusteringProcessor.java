package io.newsline.aggregate.topology;

import io.newsline.aggregate.cluster.ClusterArticles;
import io.newsline.aggregate.cluster.ClusterChange;
import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.cluster.EventClusterer;
import io.newsline.aggregate.timeline.TimelineBuilder;
import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.EnrichedArticle;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Thin adapter from Kafka Streams to {@link EventClusterer}: feeds it each enriched article and
 * forwards the resulting assignments (key: article id) and timelines (key: event id).
 */
final class ClusteringProcessor implements Processor<String, EnrichedArticle, String, ClusterOutput> {
  static final String STORE = "active-events";

  private final ClusterSettings settings;
  private ProcessorContext<String, ClusterOutput> context;
  private EventClusterer clusterer;

  ClusteringProcessor(ClusterSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, ClusterOutput> context) {
    this.context = context;
    KeyValueStore<String, byte[]> store = context.getStateStore(STORE);
    this.clusterer = new EventClusterer(settings, new StoreEventRepository(store));
  }

  @Override
  public void process(Record<String, EnrichedArticle> record) {
    for (ClusterChange change : clusterer.add(ClusterArticles.from(record.value()))) {
      if (change instanceof ClusterChange.Assigned a) {
        ArticleAssignment assignment = new ArticleAssignment(
            a.articleId(), a.eventId(), Instant.ofEpochMilli(a.time()), a.similarity(), a.reason());
        context.forward(record.withKey(a.articleId()).withValue(new ClusterOutput(assignment, null)));
      } else if (change instanceof ClusterChange.EventChanged e) {
        context.forward(record.withKey(e.event().id).withValue(new ClusterOutput(null, TimelineBuilder.build(e.event()))));
      } else if (change instanceof ClusterChange.EventRemoved r) {
        context.forward(record.withKey(r.eventId()).withValue(new ClusterOutput(null, null)));
      }
    }
  }
}
