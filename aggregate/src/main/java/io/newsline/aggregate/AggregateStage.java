package io.newsline.aggregate;

import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.topology.AggregateSettings;
import io.newsline.aggregate.topology.AggregateTopology;
import io.newsline.common.config.Settings;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.Topics;
import io.newsline.runtime.streams.TopologyStage;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.Topology;

/** The aggregate stage: enriched articles in, event assignments and event timelines out. */
public final class AggregateStage implements TopologyStage {
  @Override
  public String name() {
    return "aggregate";
  }

  @Override
  public String description() {
    return "Run the aggregate stage (event clustering, timelines) against a Kafka cluster and schema registry.";
  }

  @Override
  public int defaultPort() {
    return 8093;
  }

  @Override
  public List<String> inputs(Topics topics) {
    return List.of(topics.enriched());
  }

  @Override
  public List<String> outputs(Topics topics) {
    return List.of(topics.assignments(), topics.events(), topics.deadLetter());
  }

  @Override
  public Topology topology(Settings s) {
    TopicSerdes serdes = TopicSerdes.from(s);
    return AggregateTopology.build(new Topics(s), ClusterSettings.from(s),
        AggregateSettings.from(s).withInputPartitions(inputPartitions(s)), serdes.enriched(), serdes.assignments(), serdes.events());
  }

  /**
   * Partitions of the enriched topic, which the reorder buffer waits for: read from the broker, or
   * the configured {@code topics.partitions} when the topic is not there yet.
   */
  static int inputPartitions(Settings s) {
    String topic = new Topics(s).enriched();
    try (Admin admin = Admin.create(KafkaSettings.clientConfig(s))) {
      return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
    } catch (ExecutionException | TimeoutException e) {
      return s.getInt("topics.partitions", 3);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the partitions of " + topic, e);
    }
  }
}
