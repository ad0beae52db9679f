package io.newsline.registry.serde;

import io.newsline.registry.AvroCompatibility;
import io.newsline.registry.SchemaRegistryClient;
import io.newsline.registry.SchemaRegistryClients;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes Confluent wire-format Avro into specific records of one class. The writer schema is
 * fetched by the id in the bytes and resolved into the class's schema by Avro's rules, so data
 * written with older (or newer, compatible) schemas reads into the current class. Null bytes give
 * null (tombstones). Thread-safe.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
  private final WireDecoder<T> decoder;
  private volatile SchemaRegistryClient client;

  /** An unconfigured deserializer; {@link #configure} wires the registry from schema.registry.* settings. */
  public AvroDeserializer(Class<T> type) {
    Objects.requireNonNull(type, "type");
    SpecificData model = SpecificData.getForClass(type);
    Schema readerSchema = model.getSchema(type);
    TrustedClasses.trustReaderSchema(readerSchema);
    this.decoder = new WireDecoder<>("class " + type.getName(), (id, writer) -> {
      List<String> problems = AvroCompatibility.problems(readerSchema, writer);
      if (!problems.isEmpty()) {
        throw new SerializationException("data written with schema id " + id + " (" + writer.getFullName()
            + ") cannot be read as " + type.getName() + ": " + String.join("; ", problems));
      }
      return new SpecificDatumReader<>(writer, readerSchema, model);
    });
  }

  /** A configured deserializer on the given client. */
  public AvroDeserializer(Class<T> type, SchemaRegistryClient client) {
    this(type);
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.client = SchemaRegistryClients.forConfig(configs);
    decoder.clear();
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return decoder.decode(client, topic, data);
  }
}
