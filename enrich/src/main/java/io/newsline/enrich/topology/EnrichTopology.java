package io.newsline.enrich.topology;

import io.micrometer.core.instrument.Counter;
import io.newsline.runtime.ops.NewslineMetrics;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.RawArticle;
import io.newsline.enrich.ArticleEnricher;
import io.newsline.enrich.EnrichedArticles;
import io.newsline.runtime.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * raw articles -> enrich -> enriched articles, keyed by article id. Stateless, so it scales with the
 * raw topic's partitions. Records that fail to decode or enrich go to the dead-letter topic through
 * the stage's error handlers.
 */
public final class EnrichTopology {
  /** newsline_records_total{stage="enrich", outcome="enriched"} (dead letters count in newsline_dead_letters_total). */
  private static final Counter ENRICHED = NewslineMetrics.records("enrich", "enriched");

  private EnrichTopology() {}

  public static Topology build(Topics topics, Serde<RawArticle> raw, Serde<EnrichedArticle> enriched, ArticleEnricher enricher) {
    StreamsBuilder b = new StreamsBuilder();
    b.stream(topics.raw(), Consumed.with(Serdes.String(), raw).withName("raw-articles"))
        .filter((id, article) -> article != null, Named.as("skip-tombstones"))
        .mapValues(article -> {
          EnrichedArticle out = EnrichedArticles.enrich(article, enricher);
          ENRICHED.increment();
          return out;
        }, Named.as("enrich"))
        .to(topics.enriched(), Produced.with(Serdes.String(), enriched).withName("enriched-articles"));
    return b.build();
  }
}
