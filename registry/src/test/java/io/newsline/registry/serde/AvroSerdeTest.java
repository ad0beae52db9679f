package io.newsline.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.avro.DeadLetter;
import io.newsline.avro.RawArticle;
import io.newsline.registry.SchemaRegistryClient;
import io.newsline.registry.SchemaRegistryClients;
import io.newsline.registry.TestRecords;
import io.newsline.registry.client.RegistryClientConfig;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.InMemorySchemaStore;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Round trips of real newsline records through the embedded registry over HTTP. */
class AvroSerdeTest {
  private EmbeddedSchemaRegistry registry;
  private SchemaRegistryClient client;

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0);
    client = SchemaRegistryClients.forConfig(Map.of(RegistryClientConfig.URL, registry.url()));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void valuesRoundTripInConfluentWireFormat() {
    AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class, client, false, true);
    RawArticle article = TestRecords.article("a1");

    byte[] bytes = serde.serializer().serialize("newsline.articles.raw", article);

    int id = client.latest("newsline.articles.raw-value").id();
    assertThat(bytes[0]).isEqualTo((byte) 0);
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
    assertThat(serde.deserializer().deserialize("newsline.articles.raw", bytes)).isEqualTo(article);
  }

  @Test
  void sameRecordGivesSameBytes() {
    AvroSerializer<RawArticle> one = new AvroSerializer<>(RawArticle.class, client, false, true, false);
    AvroSerializer<RawArticle> other = new AvroSerializer<>(RawArticle.class, client, false, true, false);

    byte[] first = one.serialize("t", TestRecords.article("a1"));
    byte[] again = one.serialize("t", TestRecords.article("a1"));
    byte[] fromOther = other.serialize("t", TestRecords.article("a1"));

    assertThat(again).isEqualTo(first);
    assertThat(fromOther).isEqualTo(first);
    assertThat(one.serialize("t", TestRecords.article("a2"))).isNotEqualTo(first);
  }

  @Test
  void keysUseTheKeySubjectAndIdenticalSchemasShareOneId() {
    AvroSerde<RawArticle> keys = new AvroSerde<>(RawArticle.class, client, true, true);
    AvroSerde<RawArticle> values = new AvroSerde<>(RawArticle.class, client, false, true);

    byte[] key = keys.serializer().serialize("t", TestRecords.article("k"));
    byte[] value = values.serializer().serialize("t", TestRecords.article("v"));

    assertThat(client.subjects()).containsExactlyInAnyOrder("t-key", "t-value");
    assertThat(WireFormat.schemaId(key)).isEqualTo(WireFormat.schemaId(value));
  }

  @Test
  void nullsAreTombstones() {
    AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class, client, false, true);

    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void serdeFromSettingsSharesTheClientAndReadsBytesAndLogicalTypes() {
    Map<String, Object> settings = Map.of(
        RegistryClientConfig.URL, registry.url(), "bootstrap.servers", "ignored:9092");
    AvroSerde<DeadLetter> serde = AvroSerde.of(DeadLetter.class, settings, false);
    DeadLetter letter = TestRecords.deadLetter();

    byte[] bytes = serde.serializer().serialize("newsline.dlq", letter);
    DeadLetter back = serde.deserializer().deserialize("newsline.dlq", bytes);

    assertThat(back).isEqualTo(letter);
    assertThat(back.getFailedAt()).isEqualTo(letter.getFailedAt());
    assertThat(SchemaRegistryClients.forConfig(settings)).isSameAs(client);
  }

  @Test
  void genericDeserializerReadsWithTheWriterSchema() {
    byte[] bytes = new AvroSerde<>(RawArticle.class, client, false, true).serializer()
        .serialize("t", TestRecords.article("g1"));

    GenericRecord record = new GenericAvroDeserializer(client).deserialize("t", bytes);

    assertThat(record.getSchema().getFullName()).isEqualTo("io.newsline.avro.RawArticle");
    assertThat(record.get("id")).hasToString("g1");
    assertThat(record.get("simhash")).isEqualTo(0x0123_4567_89ab_cdefL);
  }

  @Test
  void withoutAutoRegisterTheSchemaMustExist() {
    AvroSerializer<RawArticle> strict = new AvroSerializer<>(RawArticle.class, client, false, false, false);

    assertThatThrownBy(() -> strict.serialize("t", TestRecords.article("x")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("not registered under subject t-value")
        .hasMessageContaining("auto.register.schemas=false");

    int id = client.register("t-value", RawArticle.getClassSchema());
    assertThat(WireFormat.schemaId(strict.serialize("t", TestRecords.article("x")))).isEqualTo(id);
  }

  @Test
  void useLatestVersionWritesWithTheLatestSchemaConvertingWhenItDiffers() {
    // the latest schema has an extra field with a default: records are converted to it
    int latestId = client.register("t-value",
        TestRecords.withField(RawArticle.getClassSchema(), "region", "string", "unknown"));
    AvroSerializer<RawArticle> latest = new AvroSerializer<>(RawArticle.class, client, false, false, true);

    byte[] bytes = latest.serialize("t", TestRecords.article("l1"));

    assertThat(WireFormat.schemaId(bytes)).isEqualTo(latestId);
    GenericRecord written = new GenericAvroDeserializer(client).deserialize("t", bytes);
    assertThat(written.get("region")).hasToString("unknown");
    assertThat(written.get("id")).hasToString("l1");
    assertThat(new AvroDeserializer<>(RawArticle.class, client).deserialize("t", bytes))
        .isEqualTo(TestRecords.article("l1"));
  }

  @Test
  void useLatestVersionWithTheSameStructureWritesDirectly() {
    int id = client.register("t-value", RawArticle.getClassSchema());
    AvroSerializer<RawArticle> latest = new AvroSerializer<>(RawArticle.class, client, false, false, true);
    AvroSerializer<RawArticle> plain = new AvroSerializer<>(RawArticle.class, client, false, true, false);

    byte[] bytes = latest.serialize("t", TestRecords.article("s"));

    assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
    assertThat(Arrays.equals(bytes, plain.serialize("t", TestRecords.article("s")))).isTrue();
  }
}
