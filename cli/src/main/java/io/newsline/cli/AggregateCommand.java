package io.newsline.cli;

import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.topology.AggregateSettings;
import io.newsline.aggregate.topology.AggregateTopology;
import io.newsline.common.config.Settings;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.Topics;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.streams.StreamsStage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** newsline aggregate --config FILE: the aggregate stage as a service. */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
    description = "Run the aggregate stage (event clustering, timelines) against a Kafka cluster and schema registry.")
final class AggregateCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    return StageProcess.runStreamsStage("aggregate", config.load(), 8093, AggregateCommand::start);
  }

  static StreamsStage start(Settings s) {
    TopicSerdes serdes = new TopicSerdes(KafkaSettings.clientConfig(s));
    var topology = AggregateTopology.build(new Topics(s), ClusterSettings.from(s), AggregateSettings.from(s),
        serdes.enriched(), serdes.assignments(), serdes.events());
    return new StreamsStage("aggregate", topology, KafkaSettings.streams("aggregate", s)).start();
  }
}
