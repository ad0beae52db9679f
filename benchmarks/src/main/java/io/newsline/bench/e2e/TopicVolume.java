package io.newsline.bench.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a pipeline wrote to each of its topics (public, changelog, repartition): records, offsets
 * taken by transaction markers (offsets that no record holds; aborted records are counted as
 * records), key + value bytes as the clients serialised them, and the bytes of the broker's log
 * (batch headers and compression included). Read after the run from the beginning, uncommitted
 * records included, so it sees everything that was written.
 */
final class TopicVolume {
  private TopicVolume() {}

  /**
   * Per topic: offsets written (records and markers), offsets deleted before the count (Streams
   * purges what it has consumed from its repartition topics), records and markers among the rest,
   * their payload bytes (key + value), log bytes of what is left.
   */
  record Volume(long offsets, long purged, long records, long markers, long payloadBytes, long logBytes) {}

  /** The volume of every topic whose name starts with {@code prefix}, by topic name. */
  static Map<String, Volume> of(String bootstrap, String prefix) throws Exception {
    Map<String, Volume> out = new TreeMap<>();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Set<String> topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith(prefix)).collect(Collectors.toSet());
      Map<String, Long> logBytes = logBytes(admin, topics);
      Map<String, Object> c = new HashMap<>();
      c.put("bootstrap.servers", bootstrap);
      c.put("isolation.level", "read_uncommitted");
      c.put("key.deserializer", ByteArrayDeserializer.class);
      c.put("value.deserializer", ByteArrayDeserializer.class);
      c.put("enable.auto.commit", "false");
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
        for (String topic : topics) {
          out.put(topic, volume(consumer, topic, logBytes.getOrDefault(topic, 0L)));
        }
      }
    }
    return out;
  }

  private static Volume volume(KafkaConsumer<byte[], byte[]> consumer, String topic, long logBytes) {
    List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts);
    Map<TopicPartition, Long> end = consumer.endOffsets(parts);
    long purged = parts.stream().mapToLong(begin::get).sum();
    long offsets = parts.stream().mapToLong(end::get).sum();
    long records = 0;
    long bytes = 0;
    long idle = System.nanoTime();
    while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      var batch = consumer.poll(Duration.ofMillis(200));
      for (ConsumerRecord<byte[], byte[]> r : batch) {
        records++;
        bytes += Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
      }
      if (!batch.isEmpty()) {
        idle = System.nanoTime();
      } else if (System.nanoTime() - idle > 10e9) {
        break; // the rest of the log is markers
      }
    }
    return new Volume(offsets, purged, records, offsets - purged - records, bytes, logBytes);
  }

  private static Map<String, Long> logBytes(Admin admin, Set<String> topics) throws Exception {
    Map<String, Long> out = new HashMap<>();
    var brokers = admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList();
    admin.describeLogDirs(brokers).allDescriptions().get().values().forEach(dirs -> dirs.values().forEach(dir -> {
      for (Map.Entry<TopicPartition, ReplicaInfo> e : dir.replicaInfos().entrySet()) {
        if (topics.contains(e.getKey().topic())) {
          out.merge(e.getKey().topic(), e.getValue().size(), Long::sum);
        }
      }
    }));
    return out;
  }
}
