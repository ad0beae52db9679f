package io.newsline.runtime.streams;

import io.newsline.common.config.Settings;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.stage.Stage;
import io.newsline.runtime.stage.StageContext;
import java.util.Optional;
import org.apache.kafka.streams.Topology;

/**
 * A stage that is one Kafka Streams application: it defines its topology from the settings, and
 * gets the rest alike with every other such stage: exactly-once settings, dead-letter handlers,
 * health, metrics, graceful close (see {@link StreamsStage}) and a reset that replays its input
 * ({@link StreamsReset}). A stage that serves HTTP as well overrides {@link #start} to mount its
 * routes on {@code context.ops()} next to the application it starts.
 */
public interface TopologyStage extends Stage {
  /** The stage's topology for these settings (topic names, serdes, knobs). */
  Topology topology(Settings settings);

  @Override
  default StreamsStage start(StageContext context) {
    StreamsStage stage = context.closer().register(streams(context.settings()));
    context.ops().register(stage);
    return stage.start();
  }

  @Override
  default Optional<Reset> reset() {
    return Optional.of(new StreamsReset(name()));
  }

  /** Starts the application on its own, without an HTTP server (tests and tools); the caller closes it. */
  default StreamsStage startStreams(Settings settings) {
    return streams(settings).start();
  }

  private StreamsStage streams(Settings settings) {
    return new StreamsStage(name(), topology(settings), KafkaSettings.streams(name(), settings));
  }
}
