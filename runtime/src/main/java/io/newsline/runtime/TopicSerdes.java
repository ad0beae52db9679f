package io.newsline.runtime;

import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.DeadLetter;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.EventTimeline;
import io.newsline.avro.RawArticle;
import io.newsline.registry.serde.AvroSerde;
import java.util.Map;

/** The value serdes of the pipeline's topics, all on one registry configuration. */
public final class TopicSerdes {
  private final Map<String, ?> config;

  public TopicSerdes(Map<String, ?> registryAndClientConfig) {
    this.config = Map.copyOf(registryAndClientConfig);
  }

  public AvroSerde<RawArticle> raw() {
    return AvroSerde.of(RawArticle.class, config, false);
  }

  public AvroSerde<EnrichedArticle> enriched() {
    return AvroSerde.of(EnrichedArticle.class, config, false);
  }

  public AvroSerde<ArticleAssignment> assignments() {
    return AvroSerde.of(ArticleAssignment.class, config, false);
  }

  public AvroSerde<EventTimeline> events() {
    return AvroSerde.of(EventTimeline.class, config, false);
  }

  public AvroSerde<DeadLetter> deadLetters() {
    return AvroSerde.of(DeadLetter.class, config, false);
  }
}
