package io.newsline.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic as a dashboard does (read_committed, from the beginning) and keeps every committed
 * record, catching up on demand: the run's view of what the pipeline has published so far.
 */
final class TopicTail implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> parts;
  private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

  TopicTail(String bootstrap, String topic) {
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", bootstrap);
    c.put("isolation.level", "read_committed");
    c.put("key.deserializer", ByteArrayDeserializer.class);
    c.put("value.deserializer", ByteArrayDeserializer.class);
    c.put("max.partition.fetch.bytes", 8 * 1024 * 1024);
    consumer = new KafkaConsumer<>(c);
    parts = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
  }

  /** Reads up to what is committed now (the last stable offsets); returns every record read so far. */
  List<ConsumerRecord<byte[], byte[]>> catchUp(Duration timeout) {
    Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (parts.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read " + parts + " to its end within " + timeout);
      }
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    return records;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
