package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.aggregate.AggregateStage;
import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.DeadLetter;
import io.newsline.avro.EventTimeline;
import io.newsline.enrich.EnrichStage;
import io.newsline.ingest.FileImporter;
import io.newsline.ingest.IngestService;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.deadletter.DeadLetters;
import io.newsline.runtime.ops.HealthCheck;
import io.newsline.runtime.streams.StreamsStage;
import io.newsline.runtime.testing.EmbeddedStack;
import io.newsline.runtime.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The three stages on a real in-process Kafka broker and schema registry: the five sample articles
 * go through ingest, enrich and aggregate, and the compacted timeline topic, read with a plain
 * consumer, holds one event with all five. A poison record lands in the dead-letter topic while
 * the stage keeps running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private EmbeddedStack stack;
  private StreamsStage enrich;
  private StreamsStage aggregate;
  private IngestService ingest;
  private TopicSerdes serdes;

  @BeforeAll
  void start() throws Exception {
    stack = EmbeddedStack.start(1);
    serdes = new TopicSerdes(KafkaSettings.clientConfig(stack.settings()));
    enrich = new EnrichStage().startStreams(stack.settings());
    aggregate = new AggregateStage().startStreams(stack.settings());
    ingest = new IngestService(stack.settings(), Instant::now);
    assertThat(enrich.awaitRunning(WAIT)).isTrue();
    assertThat(aggregate.awaitRunning(WAIT)).isTrue();
  }

  @AfterAll
  void stop() throws Exception {
    ingest.close();
    aggregate.close();
    enrich.close();
    stack.close();
  }

  @Test
  void theFiveSampleArticlesBecomeOneEventInTheCompactedTimelineTopic() {
    List<String> ids;
    try (FileImporter runner = new FileImporter(ingest)) {
      ids = runner.publishSamples().articles().stream().map(a -> a.getId()).toList();
    }
    assertThat(ids).hasSize(5);

    List<ConsumerRecord<byte[], byte[]>> assignments = TopicReader.readUntil(stack.bootstrapServers(),
        stack.topics().assignments(), rs -> keys(rs).containsAll(ids), WAIT);
    Set<String> events = new HashSet<>();
    for (var r : TopicReader.latestByKey(assignments).entrySet()) {
      if (ids.contains(r.getKey())) {
        ArticleAssignment a = serdes.assignments().deserializer().deserialize(stack.topics().assignments(), r.getValue());
        events.add(a.getEventId());
      }
    }
    assertThat(events).hasSize(1);
    String eventId = events.iterator().next();

    List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readUntil(stack.bootstrapServers(), stack.topics().events(),
        rs -> timeline(TopicReader.latestByKey(rs).get(eventId)) != null
            && timeline(TopicReader.latestByKey(rs).get(eventId)).getArticleCount() == 5, WAIT);
    EventTimeline t = timeline(TopicReader.latestByKey(records).get(eventId));
    assertThat(t.getArticles()).extracting(a -> a.getId()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(t.getTopEntities()).isNotEmpty();
    assertThat(t.getLabel()).isNotBlank();
  }

  @Test
  void aPoisonRecordIsDeadLetteredAndTheStageKeepsRunning() {
    // a schema id unknown to a registry that knows the topic's subject is the record's fault; a
    // registry without the subject has lost its schemas (a stage failure, retried): register it first
    ingest.publish(List.of(io.newsline.ingest.IncomingArticle.plainText("test", "before-poison",
        "The central bank kept its main interest rate unchanged on Thursday, its governor told reporters in Frankfurt.")));
    Map<String, Object> p = Map.of("bootstrap.servers", stack.bootstrapServers(), "enable.idempotence", true);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(stack.topics().raw(), "poison", new byte[] {0, 0, 0, 0, 42, 1, 2, 3}));
      producer.send(new ProducerRecord<>(stack.topics().raw(), "junk", "{\"text\": \"json, not Avro\"}".getBytes(StandardCharsets.UTF_8)));
    }
    List<ConsumerRecord<byte[], byte[]>> letters = TopicReader.readUntil(stack.bootstrapServers(), stack.topics().deadLetter(),
        rs -> keys(rs).containsAll(List.of("poison", "junk")), WAIT);
    ConsumerRecord<byte[], byte[]> poison = letters.stream().filter(r -> key(r).equals("poison")).findFirst().orElseThrow();
    assertThat(header(poison, DeadLetters.H_STAGE)).isEqualTo("enrich");
    assertThat(header(poison, DeadLetters.H_SOURCE_TOPIC)).isEqualTo(stack.topics().raw());
    assertThat(header(poison, DeadLetters.H_SOURCE_PARTITION)).isNotBlank();
    assertThat(header(poison, DeadLetters.H_SOURCE_OFFSET)).isNotBlank();
    assertThat(header(poison, DeadLetters.H_ERROR_CLASS)).isNotBlank();
    assertThat(header(poison, DeadLetters.H_REASON)).isEqualTo("undecodable");
    assertThat(header(poison, DeadLetters.H_ERROR_MESSAGE)).contains("42");
    DeadLetter dl = serdes.deadLetters().deserializer().deserialize(stack.topics().deadLetter(), poison.value());
    assertThat(dl.getSourceTopic()).isEqualTo(stack.topics().raw());

    // the stage is still running and still enriching
    assertThat(enrich.status().state()).isEqualTo(HealthCheck.State.UP);
    String id = ingest.publish(List.of(io.newsline.ingest.IncomingArticle.plainText("test", "after-poison",
        "Kremlin aide Yuri Ushakov said talks with Steve Witkoff in Moscow were useful."))).articles().get(0).getId();
    TopicReader.readUntil(stack.bootstrapServers(), stack.topics().enriched(), rs -> keys(rs).contains(id), WAIT);
    assertThat(keys(TopicReader.readUntil(stack.bootstrapServers(), stack.topics().enriched(), rs -> keys(rs).contains(id), WAIT))).contains(id);
  }

  private EventTimeline timeline(byte[] value) {
    return value == null ? null : serdes.events().deserializer().deserialize(stack.topics().events(), value);
  }

  private static Set<String> keys(List<ConsumerRecord<byte[], byte[]>> rs) {
    Set<String> k = new HashSet<>();
    rs.forEach(r -> k.add(key(r)));
    return k;
  }

  private static String key(ConsumerRecord<byte[], byte[]> r) {
    return r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
