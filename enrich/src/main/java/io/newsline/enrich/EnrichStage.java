package io.newsline.enrich;

import io.newsline.common.config.Settings;
import io.newsline.enrich.topology.EnrichTopology;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.Topics;
import io.newsline.runtime.streams.TopologyStage;
import java.util.List;
import org.apache.kafka.streams.Topology;

/** The enrich stage: raw articles in, enriched articles (entities, stance, quotes, embedding) out. */
public final class EnrichStage implements TopologyStage {
  @Override
  public String name() {
    return "enrich";
  }

  @Override
  public String description() {
    return "Run the enrich stage (entities, stance, quotes) against a Kafka cluster and schema registry.";
  }

  @Override
  public int defaultPort() {
    return 8092;
  }

  @Override
  public List<String> inputs(Topics topics) {
    return List.of(topics.raw());
  }

  @Override
  public List<String> outputs(Topics topics) {
    return List.of(topics.enriched(), topics.deadLetter());
  }

  @Override
  public Topology topology(Settings s) {
    TopicSerdes serdes = TopicSerdes.from(s);
    return EnrichTopology.build(new Topics(s), serdes.raw(), serdes.enriched(), ArticleEnricher.standard());
  }
}
