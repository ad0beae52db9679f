package io.newsline.cli;

import io.newsline.aggregate.AggregateStage;
import io.newsline.aggregate.topology.AggregateTopology;
import io.newsline.common.config.Settings;
import io.newsline.common.kafka.CompactedTopicReader;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.Topics;
import io.newsline.runtime.stage.Stage;
import io.newsline.runtime.streams.TopologyStage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pipeline still has to process, whichever start put it in: for each Kafka Streams stage,
 * in pipeline order, the records of its input and repartition topics after the offsets its consumer
 * group committed; then the articles waiting in aggregate's reorder buffer.
 *
 * <p>By offsets and records, not by article ids: a tombstone the stages skip, a duplicate, an article
 * dead-lettered under another key all count as processed once the stage that dropped them has
 * committed past them, so nothing dropped on purpose is waited for. The records between a committed
 * offset and the end are read (committed ones only) rather than counted by offsets: the end can lie
 * past transaction markers and aborted records, which a stage never commits past when nothing
 * follows them.
 *
 * <p>A transaction's records become readable a moment after its commit returns (its markers are
 * written then), and under exactly-once a stage's committed offsets can be visible before its
 * outputs are: no transaction may be completing when a step reads where its input ends, so that
 * whatever was committed before (ingest's, the stage upstream's) is there.
 */
final class PendingInput implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PendingInput.class);
  /** Per question to the cluster: the in-process broker answers in milliseconds unless it is in trouble. */
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int TIMEOUT_MS = (int) TIMEOUT.toMillis();
  private static final Duration POLL = Duration.ofMillis(100);
  private static final List<TransactionState> COMPLETING =
      List.of(TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> scanner;
  private final Map<String, Object> clientConfig;
  /** Consumer group (application id) -> the topics the stage reads, in pipeline order. */
  private final Map<String, List<String>> inputs = new LinkedHashMap<>();
  private final String bufferChangelog;
  /** Opened once the changelog exists (aggregate creates it at its first start). */
  private CompactedTopicReader buffer;
  private final Set<String> buffered = new HashSet<>();

  PendingInput(Settings settings, List<Stage> stages) {
    Topics topics = new Topics(settings);
    String aggregate = null;
    for (Stage stage : stages) {
      if (stage instanceof TopologyStage) {
        String group = KafkaSettings.streams(stage.name(), settings).getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        inputs.put(group, stage.inputs(topics));
        aggregate = stage instanceof AggregateStage ? group : aggregate;
      }
    }
    this.bufferChangelog = aggregate == null ? null : AggregateTopology.reorderBufferChangelog(aggregate);
    this.clientConfig = KafkaSettings.clientConfig(settings);
    Map<String, Object> c = new HashMap<>(clientConfig);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // as the stages: a purged start reads from the first left
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    // only ever looks for the first unprocessed record: small fetches
    c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
    c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 256 * 1024);
    this.admin = Admin.create(clientConfig);
    this.scanner = new KafkaConsumer<>(c);
  }

  /**
   * Articles still to process, at most {@code limit}; -1 when the cluster did not answer in time.
   * Exact while the stages stand still (before they start): each record waits in one place.
   */
  long count(long limit) {
    try {
      long n = 0;
      for (Map.Entry<String, List<String>> group : steps().entrySet()) {
        for (String topic : group.getValue()) {
          n += unprocessed(group.getKey(), topic, limit - n);
          if (n >= limit) {
            return limit;
          }
        }
      }
      return Math.min(limit, n + bufferedArticles());
    } catch (KafkaException | ExecutionException e) {
      LOG.debug("could not count the input still to process", e);
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Whether every record on every stage's input, committed before this call, has been processed and
   * its outputs are readable. False when the cluster does not answer in time (asked again later).
   */
  boolean drained() throws InterruptedException {
    try {
      for (Map.Entry<String, List<String>> group : steps().entrySet()) {
        for (String topic : group.getValue()) {
          if (completing() || unprocessed(group.getKey(), topic, 1) > 0) {
            return false;
          }
        }
      }
      return !completing() && bufferedArticles() == 0;
    } catch (KafkaException | ExecutionException e) {
      LOG.debug("could not tell whether the input is processed; asking again", e);
      return false;
    }
  }

  /** Whether a reader at these positions has read everything committed to those partitions by now. */
  boolean readUpToNow(Map<TopicPartition, Long> positions) {
    try {
      Map<TopicPartition, Long> end = scanner.endOffsets(positions.keySet(), TIMEOUT);
      return positions.entrySet().stream().allMatch(p -> p.getValue() >= end.get(p.getKey()));
    } catch (KafkaException e) {
      LOG.debug("could not read the end offsets; asking again", e);
      return false;
    }
  }

  /** The stages' groups with their input topics and then their repartition topics (made by the stage at its first start). */
  private Map<String, List<String>> steps() throws ExecutionException, InterruptedException {
    Set<String> existing = topicNames();
    Map<String, List<String>> steps = new LinkedHashMap<>();
    inputs.forEach((group, topics) -> {
      List<String> all = new ArrayList<>(topics);
      existing.stream().filter(t -> t.startsWith(group + "-") && t.endsWith("-repartition")).sorted().forEach(all::add);
      steps.put(group, all);
    });
    return steps;
  }

  /** Data records (tombstones aside) of the topic after the group's committed offsets, up to the end it has now; at most {@code limit}. */
  private long unprocessed(String group, String topic, long limit) throws ExecutionException, InterruptedException {
    List<PartitionInfo> infos = scanner.partitionsFor(topic, TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      return 0;
    }
    List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    // the end first: whatever the group commits after this is counted in, never missed
    Map<TopicPartition, Long> end = scanner.endOffsets(partitions, TIMEOUT);
    Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
    Map<TopicPartition, Long> begin = scanner.beginningOffsets(partitions, TIMEOUT);
    Map<TopicPartition, Long> from = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndMetadata c = committed.get(tp);
      long start = Math.max(begin.get(tp), c == null ? 0 : c.offset());
      if (start < end.get(tp)) {
        from.put(tp, start);
      }
    }
    return from.isEmpty() ? 0 : records(from, end, limit);
  }

  private Map<TopicPartition, OffsetAndMetadata> committed(String group) throws ExecutionException, InterruptedException {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets = answer(
          admin.listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions().timeoutMs(TIMEOUT_MS))
              .partitionsToOffsetAndMetadata(), "consumer group " + group);
      return offsets == null ? Map.of() : offsets;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return Map.of(); // the stage has not committed anything yet
      }
      throw e;
    }
  }

  private Set<String> topicNames() throws ExecutionException, InterruptedException {
    return answer(admin.listTopics(new ListTopicsOptions().timeoutMs(TIMEOUT_MS)).names(), "the topics");
  }

  /**
   * The admin client's answer within {@link #TIMEOUT}, not its 60 s default: {@code local} asks
   * between stops, and a broker in trouble must not hold Ctrl-C for a minute.
   */
  private static <T> T answer(KafkaFuture<T> future, String about) throws ExecutionException, InterruptedException {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new TimeoutException("no answer about " + about + " in " + TIMEOUT.toSeconds() + " s", e);
    }
  }

  /** Reads the partitions from the given offsets to the given ends; counts data records, at most {@code limit}. */
  private long records(Map<TopicPartition, Long> from, Map<TopicPartition, Long> end, long limit) {
    scanner.resume(scanner.paused());
    scanner.assign(from.keySet());
    from.forEach(scanner::seek);
    Set<TopicPartition> open = new HashSet<>(from.keySet());
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    long n = 0;
    while (!open.isEmpty()) {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException("timed out reading " + open + " up to " + end);
      }
      for (ConsumerRecord<byte[], byte[]> r : scanner.poll(POLL)) {
        if (r.value() != null && r.offset() < end.get(new TopicPartition(r.topic(), r.partition())) && ++n >= limit) {
          return n;
        }
      }
      List<TopicPartition> done = open.stream().filter(tp -> scanner.position(tp, TIMEOUT) >= end.get(tp)).toList();
      done.forEach(open::remove);
      scanner.pause(done);
    }
    return n;
  }

  /** Whether any transaction is between its commit (or abort) and its markers. */
  private boolean completing() throws ExecutionException, InterruptedException {
    return !answer(admin.listTransactions(new ListTransactionsOptions().filterStates(COMPLETING).timeoutMs(TIMEOUT_MS)).all(),
        "the transactions").isEmpty();
  }

  /** Articles in aggregate's reorder buffer, by its changelog read up to its end now. */
  private int bufferedArticles() throws ExecutionException, InterruptedException {
    if (bufferChangelog == null) {
      return 0;
    }
    if (buffer == null) {
      if (!topicNames().contains(bufferChangelog)) {
        return 0; // aggregate has not started yet: it buffered nothing
      }
      buffer = CompactedTopicReader.open(clientConfig, bufferChangelog);
    }
    buffer.readToEnd(r -> {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      if (r.value() == null) {
        buffered.remove(key);
      } else if (AggregateTopology.isBufferedArticle(key)) {
        buffered.add(key);
      }
    }, TIMEOUT);
    return buffered.size();
  }

  @Override
  public void close() {
    if (buffer != null) {
      buffer.close();
    }
    scanner.close();
    admin.close(Duration.ofSeconds(5));
  }
}
