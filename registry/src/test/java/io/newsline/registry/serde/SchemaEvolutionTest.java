package io.newsline.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.avro.RawArticle;
import io.newsline.registry.IncompatibleSchemaException;
import io.newsline.registry.SchemaRegistryClient;
import io.newsline.registry.TestRecords;
import io.newsline.registry.client.RegistryClientConfig;
import io.newsline.registry.client.RestSchemaRegistryClient;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.InMemorySchemaStore;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Compatibility rules at registration, and Avro schema resolution when reading older data. */
class SchemaEvolutionTest {
  private static final String TOPIC = "newsline.articles.raw";
  private static final String SUBJECT = TOPIC + "-value";

  private EmbeddedSchemaRegistry registry;
  private SchemaRegistryClient client;

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0);
    client = new RestSchemaRegistryClient(RegistryClientConfig.of(registry.url()));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void aNewRequiredFieldWithoutDefaultBreaksBackwardCompatibility() {
    // version 1 has no simhash; the current class adds it as a required long without default
    client.register(SUBJECT, TestRecords.withoutField(RawArticle.getClassSchema(), "simhash"));
    AvroSerializer<RawArticle> serializer = new AvroSerializer<>(RawArticle.class, client, false, true, false);

    assertThat(client.isCompatible(SUBJECT, RawArticle.getClassSchema())).isFalse();
    assertThatThrownBy(() -> client.register(SUBJECT, RawArticle.getClassSchema()))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
        .hasMessageContaining("simhash");
    assertThatThrownBy(() -> serializer.serialize(TOPIC, TestRecords.article("a")))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("schema rejected by registry as incompatible: ")
        .hasMessageContaining("simhash")
        .hasCauseInstanceOf(IncompatibleSchemaException.class);
    assertThat(client.versions(SUBJECT)).containsExactly(1);
  }

  @Test
  void aNewFieldWithDefaultRegistersAsVersionTwoAndOldDataStillReads() {
    // version 1 lacks duplicate_kind, which the current class has with default null
    Schema v1 = TestRecords.withoutField(RawArticle.getClassSchema(), "duplicate_kind");
    int v1Id = client.register(SUBJECT, v1);
    byte[] oldBytes = TestRecords.wireBytes(v1Id, oldArticle(v1));

    byte[] newBytes = new AvroSerializer<>(RawArticle.class, client, false, true, false)
        .serialize(TOPIC, TestRecords.article("new"));

    assertThat(client.versions(SUBJECT)).containsExactly(1, 2);
    assertThat(WireFormat.schemaId(newBytes)).isEqualTo(client.version(SUBJECT, 2).id()).isNotEqualTo(v1Id);
    AvroDeserializer<RawArticle> reader = new AvroDeserializer<>(RawArticle.class, client);
    RawArticle old = reader.deserialize(TOPIC, oldBytes);
    assertThat(old.getId()).isEqualTo("old");
    assertThat(old.getDuplicateKind()).isNull();
    assertThat(old.getIngestedAt()).isEqualTo(Instant.ofEpochMilli(1000));
    assertThat(reader.deserialize(TOPIC, newBytes)).isEqualTo(TestRecords.article("new"));
  }

  @Test
  void dataWrittenWithAnOlderSchemaReadsIntoTheCurrentClass() {
    // an older writer without title and byline: the reader fills in their defaults
    Schema older = TestRecords.withoutField(
        TestRecords.withoutField(RawArticle.getClassSchema(), "title"), "byline");
    int olderId = client.register("other-value", older);
    GenericRecord written = oldArticle(older);

    RawArticle read = new AvroDeserializer<>(RawArticle.class, client)
        .deserialize("other", TestRecords.wireBytes(olderId, written));

    assertThat(read.getTitle()).isNull();
    assertThat(read.getByline()).isNull();
    assertThat(read.getText()).isEqualTo("old text");
    assertThat(read.getSimhash()).isEqualTo(7L);
  }

  @Test
  void dataTheClassCannotReadIsRejectedBeforeDecoding() {
    // a writer without content_hash: the class has no default for it
    Schema older = TestRecords.withoutField(RawArticle.getClassSchema(), "content_hash");
    client.setCompatibility(null, "NONE");
    int id = client.register("loose-value", older);
    GenericRecord record = new GenericData.Record(older);
    older.getFields().forEach(f -> record.put(f.name(), f.hasDefaultValue() ? null : sample(f)));

    assertThatThrownBy(() -> new AvroDeserializer<>(RawArticle.class, client)
            .deserialize("loose", TestRecords.wireBytes(id, record)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot be read as io.newsline.avro.RawArticle")
        .hasMessageContaining("content_hash");
  }

  private static Object sample(Schema.Field f) {
    return switch (f.schema().getType()) {
      case LONG -> 1L;
      default -> "x";
    };
  }

  private static GenericRecord oldArticle(Schema schema) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("id", "old");
    r.put("source_type", "folder");
    r.put("text", "old text");
    r.put("ingested_at", 1000L);
    r.put("content_hash", "cd".repeat(32));
    r.put("simhash", 7L);
    return r;
  }
}
