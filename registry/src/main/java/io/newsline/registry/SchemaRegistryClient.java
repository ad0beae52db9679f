package io.newsline.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The Confluent Schema Registry REST API, as used by producers, consumers and tools. Tested against
 * newsline's embedded registry and Apicurio Registry 2.4's ccompat API (/apis/ccompat/v7; its
 * differences are listed in registry/README.md); meant for Confluent Schema Registry, Karapace and
 * Redpanda too. Implementations cache immutable answers (ids, registered versions) and retry
 * transient failures; errors are {@link SchemaRegistryException} subclasses with the registry's reason.
 */
public interface SchemaRegistryClient extends AutoCloseable {

  /**
   * Registers the schema under the subject (POST /subjects/{subject}/versions) and returns its global
   * id, after checking that the registry serves a schema with the same binary encoding under it.
   */
  int register(String subject, Schema schema);

  /** The writer schema with this global id (GET /schemas/ids/{id}). */
  Schema schemaById(int id);

  /** The latest version of the subject (GET /subjects/{subject}/versions/latest). */
  RegisteredSchema latest(String subject);

  /** One version of the subject (GET /subjects/{subject}/versions/{version}). */
  RegisteredSchema version(String subject, int version);

  /**
   * The registered version of this schema under the subject, if any (POST /subjects/{subject}, then
   * with ?normalize=true for registries that match the exact text, such as Apicurio).
   */
  Optional<RegisteredSchema> lookup(String subject, Schema schema);

  /** Whether the schema is compatible with the subject's latest version under its compatibility level. */
  boolean isCompatible(String subject, Schema schema);

  /** All subjects (GET /subjects). */
  List<String> subjects();

  /** Version numbers of a subject (GET /subjects/{subject}/versions). */
  List<Integer> versions(String subject);

  /**
   * Compatibility level of the subject, or the global level when subject is null (GET
   * /config[/{subject}]); a subject without its own level has the global one. Apicurio answers NONE
   * for a registered subject without its own level, whatever the global level it enforces there.
   */
  String compatibility(String subject);

  /** Sets the compatibility level of the subject, or the global level when subject is null (PUT /config[/{subject}]). */
  void setCompatibility(String subject, String level);

  @Override
  void close();
}
