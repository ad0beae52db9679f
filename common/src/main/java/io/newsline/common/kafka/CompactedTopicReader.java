package io.newsline.common.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics the way their state is rebuilt from them: every partition assigned (no consumer
 * group, nothing committed), committed records only, from the beginning up to the end they have
 * when the read starts; or, after that, keeps following them. Raw bytes: the caller decodes, so
 * one unreadable record is the caller's to skip.
 *
 * <p>Used wherever a process loads state from a compacted topic (ingest's duplicate index and feed
 * states, the schema registry's store) or watches output topics (`newsline local`). It lives in
 * common because the registry, below the stage runtime, needs it too; every module that depends
 * on common already has kafka-clients.
 */
public final class CompactedTopicReader implements AutoCloseable {
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions = new ArrayList<>();
  private final List<String> topics;

  private CompactedTopicReader(Map<String, ?> clientConfig, List<String> topics) {
    Map<String, Object> c = new HashMap<>(clientConfig);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.topics = List.copyOf(topics);
    this.consumer = new KafkaConsumer<>(c);
    try {
      for (String t : topics) {
        partitionsOf(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  /**
   * The topic's partitions. A topic created a moment ago may not have reached this client's broker's
   * metadata yet: reading it as having no partitions would silently read nothing, ever (a registry
   * loading no schemas, a monitor never seeing assignments), so wait for it or fail clearly.
   */
  private List<PartitionInfo> partitionsOf(String topic) {
    long deadline = System.nanoTime() + METADATA_TIMEOUT.toNanos();
    while (true) {
      List<PartitionInfo> found = consumer.partitionsFor(topic, METADATA_TIMEOUT);
      if (found != null && !found.isEmpty()) {
        return found;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topic " + topic + " does not exist (its metadata did not reach this client within "
            + METADATA_TIMEOUT.toSeconds() + " s); create it first");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the metadata of topic " + topic, e);
      }
    }
  }

  /**
   * A reader of every partition of the topics, at their beginning.
   *
   * @param clientConfig bootstrap servers, security and any other consumer settings (e.g. client.id)
   */
  public static CompactedTopicReader open(Map<String, ?> clientConfig, String... topics) {
    return new CompactedTopicReader(clientConfig, List.of(topics));
  }

  /**
   * Starts each partition at most {@code offsets} before its current end instead of at its
   * beginning: for state that only ever needs the latest records.
   */
  public CompactedTopicReader fromLast(long offsets) {
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, METADATA_TIMEOUT);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
    partitions.forEach(tp -> consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - offsets)));
    return this;
  }

  /** Hands over every record up to the end the partitions have now, tombstones included; returns how many. */
  public long readToEnd(Consumer<ConsumerRecord<byte[], byte[]>> handler) {
    return readToEnd(handler, null);
  }

  /**
   * As {@link #readToEnd(Consumer)}, giving up after {@code timeout}.
   *
   * @throws TimeoutException when the end is not reached in time
   */
  public long readToEnd(Consumer<ConsumerRecord<byte[], byte[]>> handler, Duration timeout) {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    long n = 0;
    while (partitions.stream().anyMatch(tp -> consumer.position(tp, METADATA_TIMEOUT) < end.get(tp))) {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException("timed out reading " + String.join(", ", topics) + " to offsets " + end);
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        handler.accept(r);
        n++;
      }
    }
    return n;
  }

  /** Hands over what arrives within {@code timeout}: for readers that keep following the topics. */
  public void poll(Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
    consumer.poll(timeout).forEach(handler);
  }

  /**
   * How far each partition has been read: the offset of the next record to hand over (past
   * transaction markers and aborted records). From the thread that polls.
   */
  public Map<TopicPartition, Long> positions() {
    Map<TopicPartition, Long> at = new HashMap<>();
    partitions.forEach(tp -> at.put(tp, consumer.position(tp, METADATA_TIMEOUT)));
    return at;
  }

  /** Makes a {@link #poll} blocked in another thread return by throwing a WakeupException. */
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
