package io.newsline.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.avro.DeadLetter;
import io.newsline.avro.RawArticle;
import io.newsline.common.Json;
import io.newsline.registry.TestRecords;
import io.newsline.registry.client.RegistryClientConfig;
import io.newsline.registry.client.RestSchemaRegistryClient;
import io.newsline.registry.serde.AvroDeserializer;
import io.newsline.registry.serde.AvroSerializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka-backed store against a real in-process broker: state survives a registry restart. */
class KafkaSchemaStoreIT {
  private static KafkaClusterTestKit cluster;
  private static Map<String, Object> kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    kafka = Map.of("bootstrap.servers", cluster.bootstrapServers());
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aRestartedRegistryServesTheSameIdsVersionsAndLevels() throws Exception {
    String topic = "_schemas";
    Schema v1 = TestRecords.withoutField(RawArticle.getClassSchema(), "duplicate_kind");
    int v1Id;
    int v2Id;
    int dlqId;
    byte[] written;
    try (EmbeddedSchemaRegistry first = EmbeddedSchemaRegistry.start(new KafkaSchemaStore(kafka, topic), "127.0.0.1", 0)) {
      RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientConfig.of(first.url()));
      v1Id = client.register("articles-value", v1);
      written = new AvroSerializer<>(RawArticle.class, client, false, true, false)
          .serialize("articles", TestRecords.article("persisted"));
      v2Id = client.version("articles-value", 2).id();
      dlqId = client.register("dlq-value", DeadLetter.getClassSchema());
      client.setCompatibility("dlq-value", "FULL");
      client.setCompatibility(null, "FORWARD");
      client.register("gone-value", TestRecords.withoutField(RawArticle.getClassSchema(), "byline"));
      deleteSubject(first.url(), "gone-value", false);
      deleteSubject(first.url(), "gone-value", true);
    }

    try (EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.start(new KafkaSchemaStore(kafka, topic), "127.0.0.1", 0)) {
      RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientConfig.of(second.url()));
      assertThat(client.subjects()).containsExactly("articles-value", "dlq-value");
      assertThat(client.versions("articles-value")).containsExactly(1, 2);
      assertThat(client.version("articles-value", 1).id()).isEqualTo(v1Id);
      assertThat(client.latest("articles-value").id()).isEqualTo(v2Id);
      assertThat(client.latest("dlq-value").id()).isEqualTo(dlqId);
      assertThat(client.schemaById(v2Id)).isEqualTo(RawArticle.getClassSchema());
      assertThat(client.compatibility("dlq-value")).isEqualTo("FULL");
      assertThat(client.compatibility(null)).isEqualTo("FORWARD");
      assertThat(new AvroDeserializer<>(RawArticle.class, client).deserialize("articles", written))
          .isEqualTo(TestRecords.article("persisted"));
      // idempotent after the restart; new ids continue after the highest one given, even
      // the hard-deleted id 4 of gone-value, whose record and tombstone are still in the topic
      assertThat(client.register("articles-value", v1)).isEqualTo(v1Id);
      assertThat(client.register("new-value", TestRecords.withoutField(RawArticle.getClassSchema(), "title")))
          .isEqualTo(5);
    }

    try (Admin admin = Admin.create(kafka)) {
      TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
      assertThat(description.partitions()).hasSize(1);
      assertThat(description.partitions().get(0).replicas()).hasSize(1);
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      assertThat(admin.describeConfigs(Set.of(resource)).all().get().get(resource).get("cleanup.policy").value())
          .isEqualTo("compact");
    }
    List<ConsumerRecord<byte[], byte[]>> records = readAll(topic);
    assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8))
        .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"articles-value\",\"version\":1,\"magic\":1}");
    assertThat(Json.parse(new String(records.get(0).value(), StandardCharsets.UTF_8)).fieldNames())
        .toIterable().containsExactly("subject", "version", "id", "schema", "deleted");
    assertThat(records).anySatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8))
        .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}"));
    assertThat(records).anySatisfy(r -> assertThat(r.value()).isNull());
  }

  @Test
  void refusesAnExistingTopicThatIsNotCompacted() throws Exception {
    try (Admin admin = Admin.create(kafka)) {
      admin.createTopics(List.of(new NewTopic("not-compacted", 1, (short) 1))).all().get();
    }

    assertThatThrownBy(() -> new KafkaSchemaStore(kafka, "not-compacted"))
        .isInstanceOf(SchemaStoreException.class)
        .hasMessageContaining("cleanup.policy=delete");
  }

  private static void deleteSubject(String url, String subject, boolean permanent) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url + "/subjects/" + subject + "?permanent=" + permanent))
            .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    TopicPartition partition = new TopicPartition(topic, 0);
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
        Map.of("bootstrap.servers", cluster.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(all::add);
      }
    }
    return all;
  }
}
