package io.newsline.registry.serde;

import io.newsline.registry.SchemaRegistryClient;
import io.newsline.registry.SchemaRegistryClients;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes Confluent wire-format Avro into {@link GenericRecord}s with the writer's own schema:
 * for tools that print or inspect topics without the generated classes. Thread-safe.
 */
public final class GenericAvroDeserializer implements Deserializer<GenericRecord> {
  private final WireDecoder<GenericRecord> decoder =
      new WireDecoder<>("a generic record", (id, writer) -> new GenericDatumReader<>(writer, writer, GenericData.get()));
  private volatile SchemaRegistryClient client;

  /** An unconfigured deserializer; {@link #configure} wires the registry from schema.registry.* settings. */
  public GenericAvroDeserializer() {}

  /** A configured deserializer on the given client. */
  public GenericAvroDeserializer(SchemaRegistryClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.client = SchemaRegistryClients.forConfig(configs);
    decoder.clear();
  }

  @Override
  public GenericRecord deserialize(String topic, byte[] data) {
    return decoder.decode(client, topic, data);
  }
}
