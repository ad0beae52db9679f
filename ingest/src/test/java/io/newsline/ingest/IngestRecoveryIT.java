package io.newsline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.common.config.Settings;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.InMemorySchemaStore;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.TopicAdmin;
import io.newsline.runtime.Topics;
import io.newsline.runtime.ops.HealthCheck;
import io.newsline.runtime.testing.BrokerProcesses;
import io.newsline.runtime.testing.EmbeddedStack;
import io.newsline.runtime.testing.PartitionLayout;
import io.newsline.runtime.testing.StrandedTransaction;
import io.newsline.runtime.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest's transactions under faults, on real brokers: a producer fenced by another with the same
 * transactional id, a restarted ingest meeting the transaction its predecessor left open, and a
 * broker that stops answering while a commit is in flight (a separate broker process, paused with
 * SIGSTOP). Each time ingest reports DOWN while it cannot publish, recovers by itself, and every
 * article lands in the raw topic exactly once.
 */
class IngestRecoveryIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void aFencedIngestReportsDownAndRecoversWithoutLosingOrRepeatingArticles() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.start(1)) {
      Settings s = stack.settings(); // the default transactional id: the same for the same settings
      try (IngestService first = new IngestService(s, Instant::now)) {
        first.publish(List.of(article("fence-1")));
        try (IngestService second = new IngestService(s, Instant::now)) { // fences the first
          second.publish(List.of(article("fence-2")));
          assertThatThrownBy(() -> first.publish(List.of(article("fence-3"))));
          assertThat(first.status().state()).isEqualTo(HealthCheck.State.DOWN);
          assertThat(first.status().detail()).contains("fenced");
        }
        // the caller retries: the first recovers (a new producer, state read again) and publishes
        assertThat(first.publish(List.of(article("fence-3"), article("fence-2"))).articles()).extracting(a -> a.getId())
            .containsExactly("push:fence-3");
        assertThat(first.status().state()).isEqualTo(HealthCheck.State.UP);
      }
      assertExactlyOnce(stack.bootstrapServers(), stack.topics().raw(), List.of("push:fence-1", "push:fence-2", "push:fence-3"));
    }
  }

  @Test
  void aRestartedIngestSettlesTheTransactionItsPredecessorLeftOpen() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.start(1)) {
      Settings s = stack.settings();
      // a process killed in the middle of a transaction: its transaction stays open, blocking read_committed readers
      Map<String, Object> p = new HashMap<>(IngestService.producerConfig(KafkaSettings.clientConfig(s)));
      p.put("transactional.id", IngestService.transactionalId(s, "service"));
      KafkaProducer<byte[], byte[]> killed = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
      killed.initTransactions();
      killed.beginTransaction();
      killed.send(new ProducerRecord<>(stack.topics().raw(), "half".getBytes(), "never committed".getBytes())).get();
      try (IngestService restarted = new IngestService(s, Instant::now)) {
        restarted.publish(List.of(article("after-restart")));
      }
      // well within transaction.timeout.ms (60 s), even on a loaded machine: the restart aborted the open transaction at once
      Map<String, byte[]> raw = TopicReader.latestByKey(TopicReader.readUntil(stack.bootstrapServers(), stack.topics().raw(),
          rs -> TopicReader.latestByKey(rs).containsKey("push:after-restart"), Duration.ofSeconds(30)));
      assertThat(raw).containsKey("push:after-restart").doesNotContainKey("half");
      killed.close(Duration.ZERO);
    }
  }

  @Test
  void aTransactionOfOursTheCoordinatorLostTrackOfIsAbortedNotCommittedWithOurNext() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.start(1)) {
      Settings s = stack.settings();
      String raw = stack.topics().raw();
      // a stale write of an earlier attempt, open under our producer id in every raw partition: the
      // partition where the next article lands would end it with that article's commit marker
      List<TopicPartition> partitions = IntStream.range(0, Topics.partitions(s)).mapToObj(i -> new TopicPartition(raw, i)).toList();
      StrandedTransaction.leave(stack.bootstrapServers(), IngestService.transactionalId(s, "service"), partitions, "push:stranded");
      try (IngestService service = new IngestService(s, Instant::now)) {
        service.publish(List.of(article("after-stranded")));
      }
      Map<String, byte[]> committed = TopicReader.latestByKey(TopicReader.readUntil(stack.bootstrapServers(), raw,
          rs -> TopicReader.latestByKey(rs).containsKey("push:after-stranded"), WAIT));
      assertThat(committed).containsKey("push:after-stranded").doesNotContainKey("push:stranded");
      assertThat(TopicReader.readAll(stack.bootstrapServers(), raw, WAIT)).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
          .containsExactly("push:after-stranded"); // and no partition is left blocked by it
    }
  }

  @Test
  void aCommitThatTimesOutIsRetriedAndABrokerDownForLongerMakesIngestDownUntilItRecovers(@TempDir Path dir) throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (BrokerProcesses brokers = BrokerProcesses.start(1, dir.resolve("kafka"), BrokerProcesses.ownClassPath(), Duration.ofMinutes(3));
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0)) {
      Settings s = Settings.of(Map.of("bootstrap.servers", brokers.bootstrapServers(), "schema.registry.url", registry.url(),
          "topics.replication.factor", "1", "max.block.ms", "3000", "request.timeout.ms", "2000", "delivery.timeout.ms", "6000"));
      TopicAdmin.ensureAll(s);
      // the broker stops answering while the transaction is being published, for `pause` ms
      AtomicInteger pauseNextTransactionMs = new AtomicInteger();
      Supplier<Instant> clock = () -> {
        int pause = pauseNextTransactionMs.getAndSet(0);
        if (pause > 0) {
          try {
            brokers.pause(0);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          timer.schedule(() -> {
            brokers.resume(0);
            return null;
          }, pause, TimeUnit.MILLISECONDS);
        }
        return Instant.now();
      };
      try (IngestService service = new IngestService(s, clock)) {
        service.publish(List.of(article("before")));

        // shorter than the commit's attempts: the timed-out commit is retried and succeeds
        pauseNextTransactionMs.set(4500);
        assertThat(service.publish(List.of(article("short-1"), article("short-2"))).articles()).hasSize(2);
        assertThat(service.status().state()).isEqualTo(HealthCheck.State.UP);

        // longer than every attempt: the transaction fails, ingest is DOWN, then recovers and the retry lands once
        pauseNextTransactionMs.set(20_000);
        List<IncomingArticle> articles = List.of(article("long-1"), article("long-2"));
        assertThatThrownBy(() -> service.publish(articles));
        assertThat(service.status().state()).isEqualTo(HealthCheck.State.DOWN);
        retryUntilPublished(service, articles);
        assertThat(service.status().state()).isEqualTo(HealthCheck.State.UP);
      }
      assertExactlyOnce(brokers.bootstrapServers(), new Topics(s).raw(), List.of("push:before", "push:short-1", "push:short-2", "push:long-1", "push:long-2"));
    } finally {
      timer.shutdownNow();
    }
  }

  /** What a feed or a push client does: try the same articles again until it is accepted. */
  private static void retryUntilPublished(IngestService service, List<IncomingArticle> articles) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      try {
        service.publish(articles);
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(2000);
      }
    }
  }

  /**
   * Every id once in the raw topic (read_committed), however often its transaction was tried. A
   * failure says where each copy is and when the client created it (which attempt wrote it), and
   * lays out the partitions that hold extra copies as the broker has them.
   */
  private static void assertExactlyOnce(String bootstrap, String topic, List<String> ids) {
    // commitTransaction returns once the commit is decided; the markers that make the last records
    // readable (read_committed) follow, so first wait until every id is there, then read to the end
    TopicReader.readUntil(bootstrap, topic,
        rs -> TopicReader.latestByKey(rs).keySet().containsAll(ids), WAIT);
    List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(bootstrap, topic, WAIT);
    Map<String, List<ConsumerRecord<byte[], byte[]>>> copies = new HashMap<>();
    records.forEach(r -> copies.computeIfAbsent(new String(r.key(), StandardCharsets.UTF_8), k -> new ArrayList<>()).add(r));
    ids.forEach(id -> {
      List<ConsumerRecord<byte[], byte[]>> of = copies.getOrDefault(id, List.of());
      if (of.size() != 1) {
        Set<TopicPartition> partitions = of.stream().map(r -> new TopicPartition(r.topic(), r.partition())).collect(Collectors.toSet());
        throw new AssertionError(id + " is in the raw topic " + of.size() + " times: " + of.stream().map(IngestRecoveryIT::where).toList()
            + partitions.stream().map(tp -> PartitionLayout.describe(bootstrap, tp, committedOffsets(records, tp), WAIT)).collect(Collectors.joining()));
      }
    });
  }

  private static Set<Long> committedOffsets(List<ConsumerRecord<byte[], byte[]>> records, TopicPartition tp) {
    return records.stream().filter(r -> r.partition() == tp.partition()).map(ConsumerRecord::offset).collect(Collectors.toSet());
  }

  private static String where(ConsumerRecord<byte[], byte[]> r) {
    return "partition " + r.partition() + " offset " + r.offset() + " created " + Instant.ofEpochMilli(r.timestamp());
  }

  private static IncomingArticle article(String id) {
    return new IncomingArticle("push", "recovery-it", id, null, null, "Title " + id, IngestKafkaIT.text(id.hashCode()), null, false);
  }
}
