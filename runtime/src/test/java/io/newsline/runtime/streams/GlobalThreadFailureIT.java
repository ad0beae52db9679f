package io.newsline.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.ops.HealthCheck;
import io.newsline.runtime.testing.EmbeddedStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A failing global stream thread (the query stage's, e.g. when its topics are recreated under it)
 * stops the stage with health DOWN: Kafka Streams cannot replace a global thread, and asked to
 * (the answer for stream threads) it fails with a ClassCastException out of the thread.
 */
class GlobalThreadFailureIT {
  @Test
  void aFailedGlobalThreadStopsTheStageInsteadOfBeingReplaced() throws Exception {
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
    try (EmbeddedStack stack = EmbeddedStack.start(1)) {
      String topic = stack.topics().raw();
      StreamsBuilder b = new StreamsBuilder();
      b.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("failing"), Serdes.ByteArray(), Serdes.ByteArray())
              .withLoggingDisabled(), topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()),
          () -> new Processor<byte[], byte[], Void, Void>() {
            @Override
            public void process(Record<byte[], byte[]> r) {
              throw new IllegalStateException("a global store cannot take this record");
            }
          });
      Properties props = KafkaSettings.streams("global-test", stack.settings());
      // as the query stage has it: its stores' processors handle their records' faults themselves
      props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailProcessingExceptionHandler.class.getName());
      try (StreamsStage stage = new StreamsStage("global-test", b.build(), props)) {
        stage.start();
        assertThat(stage.awaitRunning(Duration.ofSeconds(60))).isTrue();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
            new ByteArraySerializer(), new ByteArraySerializer())) {
          p.send(new ProducerRecord<>(topic, new byte[] {1}, new byte[] {2})).get();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (stage.status().state() != HealthCheck.State.DOWN && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertThat(stage.status().state()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(stage.status().detail()).as("health says why").contains("global stream thread failed")
            .contains("a global store cannot take this record");
        Thread.sleep(500);
        assertThat(uncaught).isEmpty();
      }
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
  }
}
