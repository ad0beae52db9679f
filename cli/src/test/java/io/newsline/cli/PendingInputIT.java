package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.aggregate.topology.AggregateTopology;
import io.newsline.runtime.testing.EmbeddedStack;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@link PendingInput} on a real broker, the stages' consumer groups played by committed offsets:
 * the records after a group's offsets are waited for when they are data, never when they are
 * transaction markers, an aborted transaction or tombstones (a stage commits past none of those
 * when nothing follows them); a repartition topic counts as the stage's input; articles in
 * aggregate's reorder buffer are waited for, its bookkeeping keys are not.
 */
class PendingInputIT {
  private static final String ENRICH = "newsline-enrich";
  private static final String AGGREGATE = "newsline-aggregate";

  @Test
  void waitsForDataAfterTheCommittedOffsetsOnlyAndForTheReorderBuffer() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.start(1);
        Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()));
        PendingInput pending = new PendingInput(stack.settings(), Stages.ALL)) {
      String raw = stack.topics().raw();
      assertThat(pending.count(100)).isZero();
      assertThat(pending.drained()).isTrue();

      send(stack, true, new ProducerRecord<>(raw, 0, "a", "article"), new ProducerRecord<>(raw, 0, "b", null));
      awaitCount(pending, 1); // "a": the tombstone is no article
      assertThat(pending.drained()).isFalse();
      commit(admin, ENRICH, new TopicPartition(raw, 0), 1); // read "a"; a tombstone and a marker after it
      assertEventuallyDrained(pending);

      send(stack, false, new ProducerRecord<>(raw, 0, "c", "aborted"));
      assertEventuallyDrained(pending);
      assertThat(pending.count(100)).isZero();

      String repartition = AGGREGATE + "-clustering-repartition";
      admin.createTopics(List.of(new NewTopic(repartition, 1, (short) 1))).all().get();
      send(stack, true, new ProducerRecord<>(repartition, 0, "block", "article"));
      awaitCount(pending, 1);
      assertThat(pending.drained()).isFalse();
      commit(admin, AGGREGATE, new TopicPartition(repartition, 0), 1);
      assertEventuallyDrained(pending);

      String buffer = AggregateTopology.reorderBufferChangelog(AGGREGATE);
      admin.createTopics(List.of(new NewTopic(buffer, 1, (short) 1))).all().get();
      send(stack, true, new ProducerRecord<>(buffer, 0, "~input-0", "1700000000000"));
      assertEventuallyDrained(pending);
      send(stack, true, new ProducerRecord<>(buffer, 0, "0001700000000000 article", "article"));
      awaitCount(pending, 1);
      assertThat(pending.drained()).isFalse();
      send(stack, true, new ProducerRecord<>(buffer, 0, "0001700000000000 article", null));
      assertEventuallyDrained(pending);
    }
  }

  @SafeVarargs
  private static void send(EmbeddedStack stack, boolean commit, ProducerRecord<String, String>... records) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "pending-input-it");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (ProducerRecord<String, String> r : records) {
        producer.send(r);
      }
      if (commit) {
        producer.commitTransaction();
      } else {
        producer.abortTransaction();
      }
    }
  }

  private static void commit(Admin admin, String group, TopicPartition partition, long offset) throws Exception {
    admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(offset))).all().get();
  }

  /**
   * What was sent is counted within a few seconds: a commit returns before its markers make the
   * records readable.
   */
  private static void awaitCount(PendingInput pending, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (pending.count(100) != expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(pending.count(100)).isEqualTo(expected);
  }

  /** Drained within a few seconds, for the same reason. */
  private static void assertEventuallyDrained(PendingInput pending) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!pending.drained() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(pending.drained()).isTrue();
  }
}
