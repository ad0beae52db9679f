package io.newsline.registry.serde;

import io.newsline.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka Serde for Avro specific records in Confluent's wire format (magic byte 0, 4-byte big-endian
 * schema id, Avro binary), subjects by TopicNameStrategy (topic-key / topic-value). See {@link
 * AvroSerializer} and {@link AvroDeserializer}. Kafka Streams does not configure serdes passed to
 * the DSL: use {@link #of} or the client constructor there.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
  private final AvroSerializer<T> serializer;
  private final AvroDeserializer<T> deserializer;

  /** An unconfigured serde; {@link #configure} wires the registry from schema.registry.* settings. */
  public AvroSerde(Class<T> type) {
    this.serializer = new AvroSerializer<>(type);
    this.deserializer = new AvroDeserializer<>(type);
  }

  /** A configured serde on the given client. */
  public AvroSerde(Class<T> type, SchemaRegistryClient client, boolean isKey, boolean autoRegister) {
    this.serializer = new AvroSerializer<>(type, client, isKey, autoRegister, false);
    this.deserializer = new AvroDeserializer<>(type, client);
  }

  /** A configured serde from settings (schema.registry.url, auto.register.schemas, use.latest.version, ...). */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, Map<String, ?> config, boolean isKey) {
    AvroSerde<T> s = new AvroSerde<>(type);
    s.configure(config, isKey);
    return s;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
