package io.newsline.runtime.testing;

import io.newsline.common.kafka.CompactedTopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a topic the way a dashboard would: a plain read_committed consumer from the beginning.
 * Keeps reading until the condition on what was read holds or the timeout passes.
 */
public final class TopicReader {
  private TopicReader() {}

  public static List<ConsumerRecord<byte[], byte[]>> readUntil(String bootstrap, String topic,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done, Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (CompactedTopicReader reader = CompactedTopicReader.open(Map.of("bootstrap.servers", bootstrap), topic)) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(out) && System.nanoTime() < deadline) {
        reader.poll(Duration.ofMillis(200), out::add);
      }
    }
    return out;
  }

  /** Everything committed in the topic now: reads from the beginning to the end offsets (the last stable ones). */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (CompactedTopicReader reader = CompactedTopicReader.open(Map.of("bootstrap.servers", bootstrap), topic)) {
      reader.readToEnd(out::add, timeout);
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
