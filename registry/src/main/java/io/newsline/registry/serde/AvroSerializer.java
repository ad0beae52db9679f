package io.newsline.registry.serde;

import io.newsline.registry.AvroCompatibility;
import io.newsline.registry.RegisteredSchema;
import io.newsline.registry.SchemaNotFoundException;
import io.newsline.registry.SchemaRegistryClient;
import io.newsline.registry.SchemaRegistryClients;
import io.newsline.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes Avro specific records into Confluent's wire format, under the subject {@code
 * <topic>-key} or {@code <topic>-value}.
 *
 * <p>By default the record class's schema is registered (auto.register.schemas=true). With
 * auto.register.schemas=false it must already be registered; with use.latest.version=true the
 * subject's latest schema is used instead, and records are converted to it when it differs
 * structurally from the class's schema. The schema id is looked up once per topic. Output is
 * deterministic: the same record gives the same bytes. Null records serialize to null
 * (tombstones). Thread-safe.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";

  private final Class<T> type;
  private final Schema classSchema;
  private final SpecificData model;
  private final Map<String, RecordWriter<T>> writersByTopic = new ConcurrentHashMap<>();
  private volatile SchemaRegistryClient client;
  private volatile boolean isKey;
  private volatile boolean autoRegister = true;
  private volatile boolean useLatestVersion;

  /** An unconfigured serializer; {@link #configure} wires the registry from schema.registry.* settings. */
  public AvroSerializer(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
    this.model = SpecificData.getForClass(type);
    this.classSchema = model.getSchema(type);
  }

  /** A configured serializer on the given client. */
  public AvroSerializer(Class<T> type, SchemaRegistryClient client, boolean isKey, boolean autoRegister,
      boolean useLatestVersion) {
    this(type);
    this.client = Objects.requireNonNull(client, "client");
    this.isKey = isKey;
    this.autoRegister = autoRegister;
    this.useLatestVersion = useLatestVersion;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.client = SchemaRegistryClients.forConfig(configs);
    this.isKey = isKey;
    this.autoRegister = SerdeConfig.bool(configs, AUTO_REGISTER_SCHEMAS, true);
    this.useLatestVersion = SerdeConfig.bool(configs, USE_LATEST_VERSION, false);
    writersByTopic.clear();
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    RecordWriter<T> writer = writersByTopic.get(topic);
    if (writer == null) {
      writer = writerFor(topic);
      writersByTopic.put(topic, writer);
    }
    try {
      Codecs.Output out = Codecs.output();
      writer.write(record, out.encoder);
      return out.finish(writer.schemaId());
    } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
      throw new SerializationException("cannot encode " + type.getSimpleName() + " for topic "
          + topic + " with schema id " + writer.schemaId() + ": " + e, e);
    }
  }

  private RecordWriter<T> writerFor(String topic) {
    SchemaRegistryClient registry = client;
    if (registry == null) {
      throw new IllegalStateException("AvroSerializer for " + type.getName()
          + " is not configured: call configure(...) or pass a SchemaRegistryClient");
    }
    String subject = TopicNameStrategy.subject(topic, isKey);
    try {
      if (useLatestVersion) {
        return writerForLatest(registry.latest(subject), subject);
      }
      if (autoRegister) {
        return new RecordWriter.Direct<>(registry.register(subject, classSchema), classSchema, model);
      }
      return registry.lookup(subject, classSchema)
          .map(found -> new RecordWriter.Direct<T>(found.id(), classSchema, model))
          .orElseThrow(() -> new SerializationException("the schema of " + type.getName()
              + " is not registered under subject " + subject + " (registry " + registry
              + ") and " + AUTO_REGISTER_SCHEMAS + "=false"));
    } catch (SchemaNotFoundException e) {
      throw new SerializationException("no schema registered under subject " + subject
          + " (registry " + registry + "), needed by " + USE_LATEST_VERSION + "=true", e);
    } catch (SchemaRegistryException e) {
      throw SerdeErrors.fromRegistry("subject " + subject + ", class " + type.getName(), e);
    }
  }

  /** Writes with the latest schema: directly when it matches the class, else by conversion. */
  private RecordWriter<T> writerForLatest(RegisteredSchema latest, String subject) {
    Schema target = latest.schema();
    if (SchemaNormalization.parsingFingerprint64(target) == SchemaNormalization.parsingFingerprint64(classSchema)) {
      return new RecordWriter.Direct<>(latest.id(), classSchema, model);
    }
    SchemaPairCompatibility fit = SchemaCompatibility.checkReaderWriterCompatibility(target, classSchema);
    if (fit.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      throw new SerializationException("the latest schema of subject " + subject + " (version "
          + latest.version() + ", id " + latest.id() + ") cannot hold records of " + type.getName()
          + ": " + String.join("; ", AvroCompatibility.describe(fit)));
    }
    return new RecordWriter.Converting<>(latest.id(), classSchema, target, model);
  }
}
