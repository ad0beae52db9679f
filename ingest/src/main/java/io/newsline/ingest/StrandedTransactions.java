package io.newsline.ingest;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the transactions ingest's own producer id left open in the partitions it writes although
 * the transaction coordinator no longer tracks them (Kafka calls them hanging). A partition ends
 * every open batch of a producer id with that producer's next marker: the next transaction ingest
 * commits there would commit such a leftover with it, and an earlier, failed attempt of the same
 * articles would land a second time. Kafka leaves one when the only broker leading a partition is
 * fenced for a moment (a stall beyond broker.session.timeout.ms): the coordinator, finding no leader,
 * takes the partition for deleted and completes the transaction without its marker. Run right after
 * initTransactions, which has settled every transaction the coordinator knows of: whatever of ours
 * from an older epoch is still open then is stranded.
 */
final class StrandedTransactions {
  private static final Logger LOG = LoggerFactory.getLogger(StrandedTransactions.class);
  private static final long TIMEOUT_SECONDS = 30;
  private static final Set<TransactionState> SETTLED =
      EnumSet.of(TransactionState.EMPTY, TransactionState.COMPLETE_COMMIT, TransactionState.COMPLETE_ABORT);

  private StrandedTransactions() {}

  /**
   * Aborts them in the topics' partitions.
   *
   * @throws KafkaException when one is found but cannot be aborted (that needs the ClusterAction
   *     permission, as kafka-transactions.sh abort does): publishing on top of it would repeat articles
   */
  static void abort(Map<String, Object> client, String transactionalId, List<String> topics) {
    try (Admin admin = Admin.create(client)) {
      List<Stranded> stranded;
      try {
        stranded = find(admin, transactionalId, topics);
      } catch (AuthorizationException e) {
        // a secured cluster that lets ingest write but not look: go on as before the check, and say so
        LOG.warn("ingest: cannot look for transactions Kafka left open under its producer id ({}); grant Describe on the "
            + "transactional id and Read on {} to have them aborted", e.getMessage(), topics);
        return;
      }
      for (Stranded s : stranded) {
        LOG.warn("ingest: aborting a transaction of producer id {} (epoch {}) left open at {} offset {}, which the coordinator "
            + "no longer tracks: the next commit there would commit it too", s.state().producerId(), s.state().producerEpoch(),
            s.partition(), s.state().currentTransactionStartOffset().getAsLong());
        get(admin.abortTransaction(new AbortTransactionSpec(s.partition(), s.state().producerId(),
            (short) s.state().producerEpoch(), s.state().coordinatorEpoch().orElse(0))).all());
      }
    }
  }

  private record Stranded(TopicPartition partition, ProducerState state) {}

  private static List<Stranded> find(Admin admin, String transactionalId, List<String> topics) {
    TransactionDescription ours = get(admin.describeTransactions(List.of(transactionalId)).description(transactionalId));
    if (!SETTLED.contains(ours.state())) {
      return List.of(); // another producer with our id has begun since (and fences us): its transaction is its own
    }
    List<TopicPartition> partitions = new ArrayList<>();
    get(admin.describeTopics(topics).allTopicNames()).values().forEach(t -> t.partitions()
        .forEach(p -> partitions.add(new TopicPartition(t.name(), p.partition()))));
    List<Stranded> stranded = new ArrayList<>();
    for (Map.Entry<TopicPartition, PartitionProducerState> e : get(admin.describeProducers(partitions).all()).entrySet()) {
      for (ProducerState s : e.getValue().activeProducers()) {
        // an older epoch than the coordinator's: written before the coordinator settled our id
        if (s.producerId() == ours.producerId() && s.producerEpoch() < ours.producerEpoch()
            && s.currentTransactionStartOffset().isPresent()) {
          stranded.add(new Stranded(e.getKey(), s));
        }
      }
    }
    return stranded;
  }

  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while looking for stranded transactions", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaException("looking for stranded transactions took over " + TIMEOUT_SECONDS + " s", e);
    }
  }
}
