package io.newsline.aggregate.topology;

import io.newsline.aggregate.cluster.ClusterArticle;
import io.newsline.aggregate.cluster.ClusterArticles;
import io.newsline.aggregate.cluster.ClusterChange;
import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.cluster.EventClusterer;
import io.newsline.aggregate.timeline.TimelineBuilder;
import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.EnrichedArticle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One clustering partition: a reorder buffer in front of an {@link EventClusterer}.
 *
 * <p>Articles reach a clustering partition from every upstream task, interleaved however those
 * tasks happen to run, and online clustering depends on order. The buffer (a persistent store, so
 * it moves with the task) holds each article until the partition's stream time (the latest article
 * time seen) is more than the grace period past it, then feeds the clusterer in (time, article id)
 * order. The result is a function of the set of articles and their times, not of the instances,
 * threads or rebalances, as long as no article arrives later than the grace period. When no article
 * has arrived for the idle period (wall clock) the whole buffer is flushed, so the tail of a
 * backfill or a quiet stream is not held back forever.
 *
 * <p>Outputs: assignments (key article id) and timelines (key event id, null value for an event
 * merged away).
 */
final class ClusteringProcessor implements Processor<String, EnrichedArticle, String, ClusterOutput> {
  static final String STORE = "active-events";
  static final String BUFFER = "pending-articles";
  private static final String STREAM_TIME = "~stream-time";

  private final ClusterSettings settings;
  private final AggregateSettings topology;
  private final Serde<EnrichedArticle> serde;
  private String subjectTopic;
  private ProcessorContext<String, ClusterOutput> context;
  private EventClusterer clusterer;
  private KeyValueStore<String, byte[]> buffer;
  private long streamTime = Long.MIN_VALUE;
  private long lastArrival;
  private boolean pending;

  ClusteringProcessor(ClusterSettings settings, AggregateSettings topology, Serde<EnrichedArticle> serde) {
    this.settings = settings;
    this.topology = topology;
    this.serde = serde;
  }

  @Override
  public void init(ProcessorContext<String, ClusterOutput> context) {
    this.context = context;
    KeyValueStore<String, byte[]> store = context.getStateStore(STORE);
    this.clusterer = new EventClusterer(settings, new StoreEventRepository(store));
    this.buffer = context.getStateStore(BUFFER);
    // buffered articles use the topic serde (registry schema ids), so they survive schema evolution
    this.subjectTopic = context.applicationId() + "-" + AggregateTopology.REPARTITION + "-repartition";
    byte[] t = buffer.get(STREAM_TIME);
    streamTime = t == null ? Long.MIN_VALUE : Long.parseLong(new String(t, java.nio.charset.StandardCharsets.US_ASCII));
    try (KeyValueIterator<String, byte[]> it = buffer.all()) {
      pending = it.hasNext() && !it.peekNextKey().startsWith("~");
    }
    lastArrival = context.currentSystemTimeMs();
    if (!topology.reorderGrace().isZero()) {
      Duration every = topology.reorderIdle().dividedBy(2);
      context.schedule(every.isZero() ? Duration.ofMillis(100) : every, PunctuationType.WALL_CLOCK_TIME, this::idleFlush);
    }
  }

  @Override
  public void process(Record<String, EnrichedArticle> record) {
    EnrichedArticle article = record.value();
    if (topology.reorderGrace().isZero()) {
      cluster(ClusterArticles.from(article));
      return;
    }
    long time = (article.getPublishedAt() != null ? article.getPublishedAt() : article.getIngestedAt()).toEpochMilli();
    buffer.put(bufferKey(time, article.getId()), write(article));
    pending = true;
    lastArrival = context.currentSystemTimeMs();
    if (time > streamTime) {
      streamTime = time;
      buffer.put(STREAM_TIME, Long.toString(streamTime).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    drain(streamTime - topology.reorderGrace().toMillis());
  }

  private void idleFlush(long now) {
    if (pending && now - lastArrival >= topology.reorderIdle().toMillis()) {
      drain(Long.MAX_VALUE);
    }
  }

  /** Clusters every buffered article with time at most the cutoff, in (time, id) order. */
  private void drain(long cutoff) {
    List<KeyValue<String, byte[]>> ready = new ArrayList<>();
    boolean more = false;
    try (KeyValueIterator<String, byte[]> it = buffer.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        if (kv.key.startsWith("~")) {
          break;
        }
        if (timeOf(kv.key) > cutoff) {
          more = true;
          break;
        }
        ready.add(kv);
      }
    }
    for (KeyValue<String, byte[]> kv : ready) {
      buffer.delete(kv.key);
      cluster(ClusterArticles.from(read(kv.value)));
    }
    pending = more;
  }

  private void cluster(ClusterArticle a) {
    long ts = a.time().toEpochMilli();
    for (ClusterChange change : clusterer.add(a)) {
      if (change instanceof ClusterChange.Assigned as) {
        ArticleAssignment assignment = new ArticleAssignment(
            as.articleId(), as.eventId(), Instant.ofEpochMilli(as.time()), as.similarity(), as.reason());
        context.forward(new Record<>(as.articleId(), new ClusterOutput(assignment, null), ts));
      } else if (change instanceof ClusterChange.EventChanged e) {
        context.forward(new Record<>(e.event().id, new ClusterOutput(null, TimelineBuilder.build(e.event())), ts));
      } else if (change instanceof ClusterChange.EventRemoved r) {
        context.forward(new Record<>(r.eventId(), new ClusterOutput(null, null), ts));
      }
    }
  }

  /** Sorts by time (sign bit flipped so negative times order correctly), then article id. */
  static String bufferKey(long time, String id) {
    return String.format("%016x|%s", time ^ Long.MIN_VALUE, id);
  }

  static long timeOf(String key) {
    return Long.parseUnsignedLong(key.substring(0, 16), 16) ^ Long.MIN_VALUE;
  }

  private byte[] write(EnrichedArticle a) {
    return serde.serializer().serialize(subjectTopic, a);
  }

  private EnrichedArticle read(byte[] b) {
    return serde.deserializer().deserialize(subjectTopic, b);
  }
}
