package io.newsline.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.testing.SyntheticNews;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.EventTimeline;
import io.newsline.common.config.Settings;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.TopicAdmin;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.TopicSpec;
import io.newsline.runtime.Topics;
import io.newsline.runtime.testing.EmbeddedStack;
import io.newsline.runtime.testing.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The scaling claim on a real three-broker cluster: the same enriched articles clustered by one
 * aggregate instance and by two instances of one application (the second joining while the first
 * is already working, so tasks and their stores move between instances) give the same compacted
 * events and assignments, and both equal one in-memory clusterer per clustering partition fed in
 * the reorder buffer's order (ingest time, input partition, input offset).
 */
class AggregateScalingIT {
  private static final int ARTICLES = 600;
  private static final int PARTITIONS = 4;
  private static final Duration WAIT = Duration.ofMinutes(4);
  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

  @Test
  void twoInstancesProduceTheSameEventsAsOne() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.start(3)) {
      ClusterSettings cluster = ClusterSettings.defaults();
      // released as the three input partitions progress: in position order, whatever the interleaving
      AggregateSettings topology = new AggregateSettings(PARTITIONS, true, Duration.ofSeconds(30), false, 3);
      List<EnrichedArticle> articles =
          new SyntheticNews(11, 8000, 600, 32).articles(ARTICLES, ARTICLES / 5, T0, Duration.ofDays(6), Duration.ofDays(1));
      Settings one = outputs(stack, "one");
      Settings two = outputs(stack, "two");
      TopicSerdes serdes = new TopicSerdes(KafkaSettings.clientConfig(stack.settings()));
      produce(stack, serdes, articles);

      List<KafkaStreams> running = new ArrayList<>();
      try {
        running.add(start(stack, one, "agg-one", cluster, topology, serdes));
        running.add(start(stack, two, "agg-two", cluster, topology, serdes));
        Thread.sleep(3000);
        running.add(start(stack, two, "agg-two", cluster, topology, serdes));

        ReferenceClustering expected = new ReferenceClustering(ReferenceClustering.inInputOrder(articles, 3), cluster, PARTITIONS);
        Result a = await(stack, one, serdes, expected);
        Result b = await(stack, two, serdes, expected);
        assertThat(a.assignments).hasSize(ARTICLES).isEqualTo(expected.assignments);
        assertThat(b.assignments).isEqualTo(a.assignments);
        assertThat(a.events).isEqualTo(render(expected.events));
        assertThat(b.events).isEqualTo(a.events);
        // the work really was spread: events in every clustering partition
        assertThat(articles.stream().map(x -> ClusteringPartitioner.partition(ClusteringPartitioner.key(x), PARTITIONS)).distinct().count())
            .isEqualTo(PARTITIONS);
      } finally {
        for (KafkaStreams s : running) {
          s.close(Duration.ofSeconds(20));
        }
      }
    }
  }

  private record Result(Map<String, String> assignments, Map<String, String> events) {}

  private static Settings outputs(EmbeddedStack stack, String run) throws Exception {
    Settings s = stack.settings().with(Map.of("topics.events", "events-" + run, "topics.assignments", "assignments-" + run));
    try (Admin admin = Admin.create(KafkaSettings.clientConfig(s))) {
      List<TopicSpec> specs = new Topics(s).all().stream()
          .filter(t -> t.name().equals("events-" + run) || t.name().equals("assignments-" + run)).toList();
      TopicAdmin.ensure(admin, specs);
    }
    return s;
  }

  private static void produce(EmbeddedStack stack, TopicSerdes serdes, List<EnrichedArticle> articles) {
    Map<String, Object> p = new java.util.HashMap<>(KafkaSettings.clientConfig(stack.settings()));
    p.put("enable.idempotence", true);
    try (KafkaProducer<String, EnrichedArticle> producer =
        new KafkaProducer<>(p, new StringSerializer(), serdes.enriched().serializer())) {
      for (EnrichedArticle a : articles) {
        producer.send(new ProducerRecord<>(stack.topics().enriched(), null, a.getPublishedAt().toEpochMilli(), a.getId(), a));
      }
      producer.flush();
    }
  }

  private static KafkaStreams start(EmbeddedStack stack, Settings s, String app, ClusterSettings cluster, AggregateSettings topology,
      TopicSerdes serdes) throws Exception {
    Properties props = KafkaSettings.streams("aggregate", s);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stack.newStateDir("aggregate-" + app).toString());
    props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    KafkaStreams streams = new KafkaStreams(AggregateTopology.build(new Topics(s), cluster, topology,
        serdes.enriched(), serdes.assignments(), serdes.events()), props);
    streams.start();
    return streams;
  }

  private static Result await(EmbeddedStack stack, Settings s, TopicSerdes serdes, ReferenceClustering expected) {
    Topics topics = new Topics(s);
    Map<String, String> wantedEvents = render(expected.events);
    List<ConsumerRecord<byte[], byte[]>> events = TopicReader.readUntil(stack.bootstrapServers(), topics.events(),
        rs -> render(TopicReader.latestByKey(rs), serdes, topics.events()).equals(wantedEvents), WAIT);
    List<ConsumerRecord<byte[], byte[]>> assignments = TopicReader.readUntil(stack.bootstrapServers(), topics.assignments(),
        rs -> TopicReader.latestByKey(rs).size() >= expected.assignments.size(), WAIT);
    Map<String, String> byArticle = new TreeMap<>();
    TopicReader.latestByKey(assignments).forEach((k, v) ->
        byArticle.put(k, serdes.assignments().deserializer().deserialize(topics.assignments(), v).getEventId()));
    return new Result(byArticle, render(TopicReader.latestByKey(events), serdes, topics.events()));
  }

  private static Map<String, String> render(Map<String, EventTimeline> events) {
    Map<String, String> out = new TreeMap<>();
    events.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  private static Map<String, String> render(Map<String, byte[]> latest, TopicSerdes serdes, String topic) {
    Map<String, String> out = new TreeMap<>();
    latest.forEach((k, v) -> out.put(k, v == null ? "null" : String.valueOf(serdes.events().deserializer().deserialize(topic, v))));
    return out;
  }
}
