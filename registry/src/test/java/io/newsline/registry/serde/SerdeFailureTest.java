package io.newsline.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.avro.RawArticle;
import io.newsline.registry.RegistryFailureException;
import io.newsline.registry.RegistryUnavailableException;
import io.newsline.registry.SchemaNotFoundException;
import io.newsline.registry.SchemaRegistryClient;
import io.newsline.registry.TestRecords;
import io.newsline.registry.client.RegistryClientConfig;
import io.newsline.registry.client.RestSchemaRegistryClient;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.InMemorySchemaStore;
import java.net.ConnectException;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the serdes say when the bytes or the registry are not as expected. */
class SerdeFailureTest {
  private EmbeddedSchemaRegistry registry;
  private SchemaRegistryClient client;

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0);
    client = new RestSchemaRegistryClient(fastFailing(registry.url()));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void unknownSchemaIdOnARegistryThatKnowsTheTopicIsTheRecordsFault() {
    client.register("t-value", RawArticle.getClassSchema());
    byte[] bytes = {0, 0, 0, 0, 42, 2, 'x'};

    assertThatThrownBy(() -> new AvroDeserializer<>(RawArticle.class, client).deserialize("t", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown schema id 42 (registry " + registry.url())
        .hasCauseInstanceOf(SchemaNotFoundException.class)
        .satisfies(e -> assertThat(RegistryFailureException.causes(e)).isFalse());
  }

  @Test
  void unknownSchemaIdOnARegistryWithoutTheTopicsSubjectIsTheRegistrysFailure() {
    byte[] bytes = {0, 0, 0, 0, 42, 2, 'x'};

    assertThatThrownBy(() -> new AvroDeserializer<>(RawArticle.class, client).deserialize("t", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("schema id 42 and subject t-value are both unknown")
        .hasCauseInstanceOf(RegistryFailureException.class);
  }

  @Test
  void bytesThatAreNotConfluentWireFormatAreRejectedClearly() {
    AvroDeserializer<RawArticle> deserializer = new AvroDeserializer<>(RawArticle.class, client);

    assertThatThrownBy(() -> deserializer.deserialize("t", "{\"id\":1}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessage("unknown magic byte 0x7b (not Confluent wire format)");
    assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("record too short: 3 byte(s)");
  }

  @Test
  void truncatedAvroPayloadIsASerializationError() {
    byte[] bytes = new AvroSerializer<>(RawArticle.class, client, false, true, false)
        .serialize("t", TestRecords.article("a"));
    byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);

    assertThatThrownBy(() -> new AvroDeserializer<>(RawArticle.class, client).deserialize("t", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot decode a record of topic t written with schema id");
  }

  @Test
  void aRecordThatCannotBeEncodedLeavesNothingBehindForTheNext() {
    AvroSerializer<RawArticle> serializer = new AvroSerializer<>(RawArticle.class, client, false, true, false);
    byte[] good = serializer.serialize("t", TestRecords.article("a"));
    RawArticle broken = TestRecords.article("b");
    broken.setText(null);

    assertThatThrownBy(() -> serializer.serialize("t", broken))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot encode RawArticle for topic t");
    assertThat(serializer.serialize("t", TestRecords.article("a"))).isEqualTo(good);
  }

  @Test
  void registryDownIsTransientAndRetriedFirst() {
    String url = registry.url();
    registry.close();
    AvroSerializer<RawArticle> serializer = new AvroSerializer<>(RawArticle.class, client, false, true, false);
    AvroDeserializer<RawArticle> deserializer = new AvroDeserializer<>(RawArticle.class, client);

    long start = System.nanoTime();
    assertThatThrownBy(() -> serializer.serialize("t", TestRecords.article("a")))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("schema registry unavailable: ")
        .hasMessageContaining(url)
        .hasMessageContaining("after 3 attempt(s)")
        .cause().isInstanceOf(RegistryUnavailableException.class);
    // two retries, waiting between 5 and 10 ms, then 10 and 20 ms (equal jitter)
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(15);

    assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 0, 0, 1, 0}))
        .isInstanceOf(SerializationException.class)
        .cause().isInstanceOf(RegistryUnavailableException.class)
        .cause().isInstanceOf(ConnectException.class);
  }

  static RegistryClientConfig fastFailing(String url) {
    return RegistryClientConfig.fromMap(Map.of(
        RegistryClientConfig.URL, url,
        RegistryClientConfig.RETRIES, "2",
        RegistryClientConfig.RETRY_BACKOFF_MS, "10",
        RegistryClientConfig.RETRY_BACKOFF_MAX_MS, "50",
        RegistryClientConfig.REQUEST_TIMEOUT_MS, "2000"));
  }
}
