package io.newsline.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The Confluent Schema Registry REST API, as used by producers, consumers and tools. Works against
 * Confluent Schema Registry, Apicurio's ccompat API, Karapace, Redpanda and newsline's embedded
 * registry. Implementations cache immutable answers (ids, registered versions) and retry transient
 * failures; errors are {@link SchemaRegistryException} subclasses with the registry's reason.
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /** Registers the schema under the subject (POST /subjects/{subject}/versions) and returns its global id. */
  int register(String subject, Schema schema);

  /** The writer schema with this global id (GET /schemas/ids/{id}). */
  Schema schemaById(int id);

  /** The latest version of the subject (GET /subjects/{subject}/versions/latest). */
  RegisteredSchema latest(String subject);

  /** One version of the subject (GET /subjects/{subject}/versions/{version}). */
  RegisteredSchema version(String subject, int version);

  /** The registered version of exactly this schema under the subject, if any (POST /subjects/{subject}). */
  Optional<RegisteredSchema> lookup(String subject, Schema schema);

  /** Whether the schema is compatible with the subject's latest version under its compatibility level. */
  boolean isCompatible(String subject, Schema schema);

  /** All subjects (GET /subjects). */
  List<String> subjects();

  /** Version numbers of a subject (GET /subjects/{subject}/versions). */
  List<Integer> versions(String subject);

  /** Compatibility level of the subject, or the global level when subject is null (GET /config[/{subject}]). */
  String compatibility(String subject);

  /** Sets the compatibility level of the subject, or the global level when subject is null (PUT /config[/{subject}]). */
  void setCompatibility(String subject, String level);

  @Override
  void close();
}
