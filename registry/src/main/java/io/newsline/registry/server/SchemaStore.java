package io.newsline.registry.server;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where the embedded registry keeps subjects, versions, ids and compatibility levels. A store only
 * keeps data; the registry's rules (ids, versions, compatibility, soft deletes) live in the server.
 * The server calls a store from one thread at a time; writes must be durable when they return.
 */
public interface SchemaStore extends AutoCloseable {

  /** Subjects with at least one stored version (soft-deleted ones included), sorted. */
  List<String> subjects();

  /** Every stored version of the subject, soft-deleted ones included, by ascending version. */
  List<StoredSchema> versions(String subject);

  /** Every stored version, in any subject, that has this id. */
  List<StoredSchema> versionsWithId(int id);

  /** The schema text with this id. */
  Optional<String> schemaById(int id);

  /** The id already given to exactly this schema text. */
  OptionalInt idOf(String schema);

  /** The highest id given so far, 0 when none. */
  int maxId();

  /** The compatibility level set for the subject, or the global one when subject is null. */
  Optional<String> compatibility(String subject);

  /** Adds a version, or replaces it (a soft delete stores it again with deleted=true). */
  void put(StoredSchema schema);

  /** Removes a version for good (hard delete). */
  void remove(String subject, int version);

  /** Sets the compatibility level of the subject, or the global one when subject is null. */
  void setCompatibility(String subject, String level);

  /** Removes the subject's own compatibility level, so the global one applies. */
  void removeCompatibility(String subject);

  @Override
  void close();
}
