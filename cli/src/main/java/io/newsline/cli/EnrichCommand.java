package io.newsline.cli;

import io.newsline.common.config.Settings;
import io.newsline.enrich.ArticleEnricher;
import io.newsline.enrich.topology.EnrichTopology;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.Topics;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.streams.StreamsStage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** newsline enrich --config FILE: the enrich stage as a service. */
@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = "Run the enrich stage (entities, stance, quotes) against a Kafka cluster and schema registry.")
final class EnrichCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    return StageProcess.runStreamsStage("enrich", config.load(), 8092, EnrichCommand::start);
  }

  static StreamsStage start(Settings s) {
    TopicSerdes serdes = new TopicSerdes(KafkaSettings.clientConfig(s));
    var topology = EnrichTopology.build(new Topics(s), serdes.raw(), serdes.enriched(), ArticleEnricher.standard());
    return new StreamsStage("enrich", topology, KafkaSettings.streams("enrich", s)).start();
  }
}
