package io.newsline.runtime.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic the way a dashboard would: a plain read_committed consumer from the beginning.
 * Keeps reading until the condition on what was read holds or the timeout passes.
 */
public final class TopicReader {
  private TopicReader() {}

  public static List<ConsumerRecord<byte[], byte[]>> readUntil(String bootstrap, String topic,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout) {
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", bootstrap);
    c.put("isolation.level", "read_committed");
    c.put("key.deserializer", ByteArrayDeserializer.class);
    c.put("value.deserializer", ByteArrayDeserializer.class);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
      List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(out) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** The compacted view: latest value per key (null for tombstones), in first-seen key order. */
  public static Map<String, byte[]> latestByKey(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, byte[]> latest = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      latest.put(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8), r.value());
    }
    return latest;
  }
}
