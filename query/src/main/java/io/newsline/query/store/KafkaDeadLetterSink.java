package io.newsline.query.store;

import io.newsline.avro.DeadLetter;
import io.newsline.runtime.deadletter.DeadLetters;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the query stage's dead letters with an idempotent producer of its own, created on the
 * first one: the stage reads only, and Kafka Streams cannot dead-letter from a global store.
 */
public final class KafkaDeadLetterSink implements RecordDecoder.DeadLetterSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaDeadLetterSink.class);

  private final Map<String, Object> clientConfig;
  private final DeadLetters deadLetters;
  private KafkaProducer<byte[], byte[]> producer;

  public KafkaDeadLetterSink(Map<String, Object> clientConfig, String topic, Serializer<DeadLetter> serializer) {
    this.clientConfig = clientConfig;
    this.deadLetters = new DeadLetters("query", topic, serializer);
  }

  @Override
  public synchronized void send(Throwable error, String topic, int partition, long offset, byte[] key, byte[] value) {
    if (producer == null) {
      Map<String, Object> c = new HashMap<>(clientConfig);
      c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      c.put(ProducerConfig.ACKS_CONFIG, "all");
      producer = new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
    }
    producer.send(deadLetters.fromRecord(error, topic, partition, offset, key, value), (md, e) -> {
      if (e != null) {
        LOG.error("could not write the dead letter for {}-{}@{}: {}", topic, partition, offset, e.toString());
      }
    });
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close();
    }
  }
}
