package io.newsline.runtime;

import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.DeadLetter;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.EventTimeline;
import io.newsline.avro.RawArticle;
import io.newsline.common.config.Settings;
import io.newsline.registry.serde.AvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of the pipeline's topics, all on one registry configuration. Their serializers
 * refuse values larger than the topics take ({@link RecordSizeLimit}), so an oversized output is
 * the record's error (a dead letter) and not a failed transaction.
 */
public final class TopicSerdes {
  private final Map<String, ?> config;
  private final int maxValueBytes;

  public TopicSerdes(Map<String, ?> registryAndClientConfig) {
    this(registryAndClientConfig, Topics.DEFAULT_MAX_MESSAGE_BYTES);
  }

  public TopicSerdes(Map<String, ?> registryAndClientConfig, int maxMessageBytes) {
    this.config = Map.copyOf(registryAndClientConfig);
    this.maxValueBytes = RecordSizeLimit.maxValueBytes(maxMessageBytes);
  }

  /** The serdes a stage with these settings reads and writes with (registry settings, topics.max.message.bytes). */
  public static TopicSerdes from(Settings settings) {
    return new TopicSerdes(KafkaSettings.clientConfig(settings), Topics.maxMessageBytes(settings));
  }

  public Serde<RawArticle> raw() {
    return limited(RawArticle.class);
  }

  public Serde<EnrichedArticle> enriched() {
    return limited(EnrichedArticle.class);
  }

  public Serde<ArticleAssignment> assignments() {
    return limited(ArticleAssignment.class);
  }

  public Serde<EventTimeline> events() {
    return limited(EventTimeline.class);
  }

  private <T extends SpecificRecord> Serde<T> limited(Class<T> type) {
    return RecordSizeLimit.limit(AvroSerde.of(type, config, false), maxValueBytes);
  }

  public AvroSerde<DeadLetter> deadLetters() {
    return AvroSerde.of(DeadLetter.class, config, false);
  }
}
