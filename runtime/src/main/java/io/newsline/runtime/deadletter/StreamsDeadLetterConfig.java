package io.newsline.runtime.deadletter;

import io.newsline.avro.DeadLetter;
import io.newsline.registry.RegistryFailureException;
import io.newsline.registry.serde.AvroSerde;
import java.util.Map;

/**
 * What the Kafka Streams error handlers need, read from the Streams config they are given
 * (newsline.stage, newsline.topic.deadletter and the schema.registry.* settings).
 */
final class StreamsDeadLetterConfig {
  static final String STAGE = "newsline.stage";
  static final String TOPIC = "newsline.topic.deadletter";

  private StreamsDeadLetterConfig() {}

  static DeadLetters deadLetters(Map<String, ?> configs) {
    String stage = String.valueOf(configs.get(STAGE));
    String topic = String.valueOf(configs.get(TOPIC));
    AvroSerde<DeadLetter> serde = AvroSerde.of(DeadLetter.class, configs, false);
    return new DeadLetters(stage, topic, serde.serializer());
  }

  /**
   * Failures of the registry (unreachable, credentials refused, schemas lost) are not the record's
   * fault: the task fails and retries instead of dead-lettering good records.
   */
  static boolean isStageFailure(Throwable e) {
    return RegistryFailureException.causes(e);
  }
}
