package io.newsline.query.store;

import io.newsline.query.model.EventsTopic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events topic as the broker describes it (an admin client): its topic id and the latest
 * offsets of its partitions. The id of the latest answer is remembered, so list answers and
 * stream messages carry it without a round trip (the stage asks once it has started). The admin
 * client is its owner's (the query stage shares one between this and {@link TopicIncarnations}).
 */
public final class BrokerEventsTopic implements EventsTopic {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerEventsTopic.class);

  private final Admin admin;
  private final String topic;
  private final Duration timeout;
  private volatile String knownId;

  public BrokerEventsTopic(Admin admin, String topic, Duration timeout) {
    this.admin = admin;
    this.topic = topic;
    this.timeout = timeout;
  }

  @Override
  public String knownId() {
    return knownId;
  }

  @Override
  public State current() {
    try {
      TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      d.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      long[] end = new long[d.partitions().size()];
      ends.forEach((tp, info) -> end[tp.partition()] = info.offset());
      String id = d.topicId().toString();
      knownId = id;
      return new State(id, end);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      LOG.warn("query: cannot describe {} ({}); a position ahead of this instance is taken as lag", topic, e.toString());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

}
