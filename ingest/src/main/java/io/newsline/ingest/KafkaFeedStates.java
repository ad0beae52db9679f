package io.newsline.ingest;

import io.newsline.common.config.Settings;
import io.newsline.ingest.feed.FeedState;
import io.newsline.runtime.Topics;
import io.newsline.runtime.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the feed states back from the compacted ingest state topic at start-up: the latest
 * committed record per feed URL. They are written by {@link IngestService} in the same
 * transaction as the poll's articles.
 */
public final class KafkaFeedStates {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaFeedStates.class);

  private KafkaFeedStates() {}

  public static Map<String, FeedState> load(Settings settings) {
    String topic = new Topics(settings).ingestState();
    Map<String, Object> c = new HashMap<>(KafkaSettings.clientConfig(settings));
    c.put("isolation.level", "read_committed");
    c.put("enable.auto.commit", false);
    c.put("key.deserializer", ByteArrayDeserializer.class);
    c.put("value.deserializer", ByteArrayDeserializer.class);
    Map<String, FeedState> states = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
      List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
          if (key == null) {
            continue;
          }
          if (r.value() == null) {
            states.remove(key);
            continue;
          }
          try {
            states.put(key, FeedState.fromJson(r.value()));
          } catch (RuntimeException e) {
            LOG.warn("skipping unreadable state record for {} at {}-{}@{}: {}", key, r.topic(), r.partition(), r.offset(), e.getMessage());
          }
        }
      }
    }
    LOG.info("loaded the state of {} feeds from {}", states.size(), topic);
    return states;
  }
}
