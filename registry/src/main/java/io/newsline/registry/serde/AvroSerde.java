package io.newsline.registry.serde;

import io.newsline.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka Serde for Avro specific records in Confluent's wire format (magic byte 0, 4-byte big-endian
 * schema id, Avro binary), subjects by TopicNameStrategy (topic-key / topic-value). STUB.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  /** An unconfigured serde; {@link #configure} wires the registry from schema.registry.* settings. */
  public AvroSerde(Class<T> type) {}

  /** A configured serde on the given client. */
  public AvroSerde(Class<T> type, SchemaRegistryClient client, boolean isKey, boolean autoRegister) {}

  /** A configured serde from settings (schema.registry.url, auto.register.schemas, ...). */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type, Map<String, ?> config, boolean isKey) {
    AvroSerde<T> s = new AvroSerde<>(type);
    s.configure(config, isKey);
    return s;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {}

  @Override
  public Serializer<T> serializer() {
    throw new UnsupportedOperationException("stub");
  }

  @Override
  public Deserializer<T> deserializer() {
    throw new UnsupportedOperationException("stub");
  }
}
