package io.newsline.registry.serde;

import io.newsline.registry.RegistryFailureException;
import io.newsline.registry.SchemaNotFoundException;
import io.newsline.registry.SchemaRegistryClient;
import io.newsline.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes Confluent wire-format bytes: reads the schema id, fetches the writer schema once per id
 * and keeps one Avro reader per (writer id, thread), since Avro readers are not documented as
 * thread-safe. Shared by the specific and the generic deserializer.
 */
final class WireDecoder<T> {
  /** Makes the reader for data written with {@code writer}; throws SerializationException when it cannot. */
  interface ReaderFactory<T> {
    DatumReader<T> create(int schemaId, Schema writer);
  }

  private final String target;
  private final ReaderFactory<T> factory;
  private final Map<Integer, ThreadLocal<DatumReader<T>>> readersById = new ConcurrentHashMap<>();

  /** @param target what records are decoded into, for messages (e.g. a class name) */
  WireDecoder(String target, ReaderFactory<T> factory) {
    this.target = target;
    this.factory = factory;
  }

  T decode(SchemaRegistryClient client, String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int id = WireFormat.schemaId(data);
    DatumReader<T> reader = readerFor(client, topic, id);
    try {
      return reader.read(null, Codecs.decoder(data, WireFormat.HEADER_SIZE));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot decode a record of topic " + topic
          + " written with schema id " + id + " into " + target + ": " + e, e);
    }
  }

  void clear() {
    readersById.clear();
  }

  private DatumReader<T> readerFor(SchemaRegistryClient client, String topic, int id) {
    ThreadLocal<DatumReader<T>> perThread = readersById.get(id);
    if (perThread == null) {
      Schema writer = writerSchema(client, topic, id);
      DatumReader<T> first = factory.create(id, writer);
      perThread = ThreadLocal.withInitial(() -> factory.create(id, writer));
      perThread.set(first);
      readersById.put(id, perThread);
    }
    return perThread.get();
  }

  private Schema writerSchema(SchemaRegistryClient client, String topic, int id) {
    if (client == null) {
      throw new IllegalStateException("deserializer for " + target
          + " is not configured: call configure(...) or pass a SchemaRegistryClient");
    }
    try {
      return client.schemaById(id);
    } catch (SchemaNotFoundException e) {
      throw unknownId(client, topic, id, e);
    } catch (SchemaRegistryException e) {
      throw SerdeErrors.fromRegistry("fetching schema id " + id + " for topic " + topic, e);
    }
  }

  /**
   * A schema id the registry does not know is the record's fault (corrupt bytes, or written against
   * another registry) only if the registry demonstrably serves this topic, i.e. knows its subject.
   * A registry without the subject has lost its schemas (its _schemas topic) or is not the one the
   * producers used: every record would fail the same way, so that is a failure of the registry,
   * which the stage retries instead of dead-lettering the whole topic.
   */
  private static SerializationException unknownId(SchemaRegistryClient client, String topic, int id, SchemaNotFoundException e) {
    String subject = TopicNameStrategy.subject(topic, false);
    try {
      client.latest(subject);
    } catch (SchemaNotFoundException noSubject) {
      return SerdeErrors.fromRegistry("topic " + topic, new RegistryFailureException("schema id " + id + " and subject "
          + subject + " are both unknown to registry " + client + ": it has lost its schemas or is not the registry the "
          + "producers used", e.httpStatus(), e.errorCode(), e));
    } catch (SchemaRegistryException registryFailed) {
      return SerdeErrors.fromRegistry("checking subject " + subject + " after unknown schema id " + id, registryFailed);
    }
    return new SerializationException(
        "unknown schema id " + id + " (registry " + client + " knows subject " + subject + " but not this id; topic " + topic + ")", e);
  }
}
