package io.newsline.runtime.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A partition as the broker holds it, for failure messages about transactions: every offset up to
 * the high watermark, each data record with its key, creation time and whether a read_committed
 * reader got it, and the control records (commit and abort markers, which no consumer is handed)
 * as the offsets in between; then the broker's producer state (ids, epochs, open transaction).
 */
public final class PartitionLayout {
  private PartitionLayout() {}

  /**
   * @param committed the partition's offsets a read_committed reader returned
   */
  public static String describe(String bootstrap, TopicPartition tp, Set<Long> committed, Duration timeout) {
    StringBuilder out = new StringBuilder("\n").append(tp).append(" as the broker holds it:");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
            "isolation.level", "read_uncommitted"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      long next = 0;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (consumer.position(tp) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          next = controlRecords(out, next, r.offset());
          out.append("\n  ").append(r.offset()).append(' ').append(new String(r.key(), StandardCharsets.UTF_8))
              .append(" created ").append(Instant.ofEpochMilli(r.timestamp()))
              .append(committed.contains(r.offset()) ? " committed" : " aborted or open");
          next = r.offset() + 1;
        }
      }
      controlRecords(out, next, end);
      out.append("\n  producers: ").append(admin.describeProducers(List.of(tp)).partitionResult(tp)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS).activeProducers());
    } catch (Exception e) {
      out.append("\n  (could not read it: ").append(e).append(')');
    }
    return out.toString();
  }

  private static long controlRecords(StringBuilder out, long from, long to) {
    for (long o = from; o < to; o++) {
      out.append("\n  ").append(o).append(" control record (transaction marker)");
    }
    return to;
  }
}
