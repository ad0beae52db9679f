package io.newsline.bench.e2e;

import io.newsline.avro.RawArticle;
import io.newsline.common.config.Settings;
import io.newsline.common.kafka.CompactedTopicReader;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.Topics;
import io.newsline.runtime.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the raw, enriched and assignment topics with read_committed, as a dashboard would: when each
 * article's assignment (committed in the same transaction as its event's timeline update) became
 * readable, and the article's ingested_at from the raw topic. Thread-safe accessors.
 */
final class Monitor implements AutoCloseable {
  private final CompactedTopicReader reader;
  private final Deserializer<RawArticle> raw;
  private final String rawTopic;
  private final String enrichedTopic;
  private final java.util.Set<String> enriched = new java.util.HashSet<>();
  private final Thread thread;
  private final Map<String, Long> ingestedAt = new HashMap<>();
  /** Articles assigned but whose raw record was not read yet: id -> when the assignment was read. */
  private final Map<String, Long> waiting = new HashMap<>();
  private final Map<String, Long> visibleAt = new HashMap<>();
  private final List<long[]> latencies = new ArrayList<>(); // {visible at, latency ms}
  private volatile boolean running = true;

  Monitor(Settings settings) {
    Topics topics = new Topics(settings);
    this.rawTopic = topics.raw();
    this.enrichedTopic = topics.enriched();
    Map<String, Object> c = new HashMap<>(KafkaSettings.clientConfig(settings));
    c.put("fetch.max.wait.ms", 100); // as the query stage's readers
    this.raw = new TopicSerdes(KafkaSettings.clientConfig(settings)).raw().deserializer();
    this.reader = CompactedTopicReader.open(c, topics.raw(), topics.enriched(), topics.assignments());
    this.thread = new Thread(this::loop, "e2e-monitor");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (running) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        reader.poll(Duration.ofMillis(100), records::add);
        long now = System.currentTimeMillis(); // when the batch became readable
        for (ConsumerRecord<byte[], byte[]> r : records) {
          apply(r, now);
        }
      }
    } catch (WakeupException e) {
      // closing
    }
  }

  private synchronized void apply(ConsumerRecord<byte[], byte[]> r, long now) {
    if (r.key() == null || r.value() == null) {
      return;
    }
    String id = new String(r.key(), StandardCharsets.UTF_8);
    if (r.topic().equals(enrichedTopic)) {
      enriched.add(id);
    } else if (r.topic().equals(rawTopic)) {
      long t = raw.deserialize(r.topic(), r.value()).getIngestedAt().toEpochMilli();
      ingestedAt.putIfAbsent(id, t);
      Long seen = waiting.remove(id);
      if (seen != null) {
        latencies.add(new long[] {seen, seen - t});
      }
    } else if (!visibleAt.containsKey(id)) {
      visibleAt.put(id, now);
      Long t = ingestedAt.get(id);
      if (t != null) {
        latencies.add(new long[] {now, now - t});
      } else {
        waiting.put(id, now);
      }
    }
  }

  /** Distinct articles enriched. */
  synchronized int enriched() {
    return enriched.size();
  }

  /** Distinct articles with a committed assignment. */
  synchronized int assigned() {
    return visibleAt.size();
  }

  /** {visible at, latency ms} of every article measured so far, in the order they became visible. */
  synchronized List<long[]> latencies() {
    return new ArrayList<>(latencies);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    reader.wakeup();
    thread.join(5000);
    reader.close();
  }
}
