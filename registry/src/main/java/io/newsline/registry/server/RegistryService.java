package io.newsline.registry.server;

import static io.newsline.registry.server.RegistryError.INCOMPATIBLE;
import static io.newsline.registry.server.RegistryError.INVALID_COMPATIBILITY_LEVEL;
import static io.newsline.registry.server.RegistryError.INVALID_SCHEMA;
import static io.newsline.registry.server.RegistryError.INVALID_VERSION;
import static io.newsline.registry.server.RegistryError.SCHEMA_NOT_FOUND;
import static io.newsline.registry.server.RegistryError.SUBJECT_LEVEL_NOT_CONFIGURED;
import static io.newsline.registry.server.RegistryError.SUBJECT_NOT_FOUND;
import static io.newsline.registry.server.RegistryError.SUBJECT_NOT_SOFT_DELETED;
import static io.newsline.registry.server.RegistryError.SUBJECT_SOFT_DELETED;
import static io.newsline.registry.server.RegistryError.VERSION_NOT_FOUND;
import static io.newsline.registry.server.RegistryError.VERSION_NOT_SOFT_DELETED;
import static io.newsline.registry.server.RegistryError.VERSION_SOFT_DELETED;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.registry.server.CompatibilityLevel.VersionedSchema;
import java.util.List;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * The registry's rules over a {@link SchemaStore}: global ids shared by identical schemas,
 * per-subject versions, compatibility checks, soft and hard deletes, with Confluent's error codes.
 * Calls are serialised (one writer), which keeps id and version assignment simple.
 */
final class RegistryService {
  static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;

  private final SchemaStore store;

  RegistryService(SchemaStore store) {
    this.store = store;
  }

  /** Registers the schema (idempotent) and returns its global id. */
  synchronized int register(String subject, JsonNode request) {
    Schema schema = parseRequest(request);
    String text = schema.toString();
    List<StoredSchema> live = live(subject);
    Optional<StoredSchema> same = live.stream().filter(s -> s.schema().equals(text)).findFirst();
    if (same.isPresent()) {
      return same.get().id();
    }
    CompatibilityLevel level = level(subject);
    List<String> problems = level.problems(schema, parsed(live));
    if (!problems.isEmpty()) {
      throw new RegistryError(INCOMPATIBLE, "Schema being registered is incompatible with an earlier"
          + " schema for subject \"" + subject + "\" (compatibility " + level + "), details: " + problems);
    }
    int id = store.idOf(text).orElse(store.maxId() + 1);
    int version = store.versions(subject).stream().mapToInt(StoredSchema::version).max().orElse(0) + 1;
    store.put(new StoredSchema(subject, version, id, text, false));
    return id;
  }

  /** The version of the subject that holds exactly this schema. */
  synchronized StoredSchema lookup(String subject, JsonNode request, boolean includeDeleted) {
    String text = parseRequest(request).toString();
    List<StoredSchema> versions = visible(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw subjectNotFound(subject);
    }
    return versions.stream().filter(s -> s.schema().equals(text)).reduce((a, b) -> b)
        .orElseThrow(() -> new RegistryError(SCHEMA_NOT_FOUND, "Schema not found"));
  }

  synchronized List<String> subjects(boolean includeDeleted) {
    return store.subjects().stream().filter(s -> !visible(s, includeDeleted).isEmpty()).toList();
  }

  synchronized List<Integer> versionNumbers(String subject, boolean includeDeleted) {
    List<StoredSchema> versions = visible(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw subjectNotFound(subject);
    }
    return versions.stream().map(StoredSchema::version).toList();
  }

  /** One version: a number, or "latest" / -1 for the newest live one. */
  synchronized StoredSchema version(String subject, String version, boolean includeDeleted) {
    List<StoredSchema> versions = visible(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw subjectNotFound(subject);
    }
    int v = parseVersion(version);
    if (v == -1) {
      List<StoredSchema> live = live(subject);
      if (live.isEmpty()) {
        throw subjectNotFound(subject);
      }
      return live.get(live.size() - 1);
    }
    return versions.stream().filter(s -> s.version() == v).findFirst()
        .orElseThrow(() -> new RegistryError(VERSION_NOT_FOUND, "Version " + v + " not found."));
  }

  synchronized String schemaById(int id) {
    return store.schemaById(id)
        .orElseThrow(() -> new RegistryError(SCHEMA_NOT_FOUND, "Schema " + id + " not found"));
  }

  synchronized List<StoredSchema> versionsWithId(int id, boolean includeDeleted) {
    schemaById(id);
    return store.versionsWithId(id).stream().filter(s -> includeDeleted || !s.deleted()).toList();
  }

  /** Soft-deletes every live version, or removes a soft-deleted subject for good; returns the versions. */
  synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
    List<StoredSchema> all = store.versions(subject);
    List<StoredSchema> live = live(subject);
    if (all.isEmpty()) {
      throw subjectNotFound(subject);
    }
    if (permanent) {
      if (!live.isEmpty()) {
        throw new RegistryError(SUBJECT_NOT_SOFT_DELETED, "Subject '" + subject
            + "' was not deleted first before being permanently deleted");
      }
      all.forEach(s -> store.remove(subject, s.version()));
      return all.stream().map(StoredSchema::version).toList();
    }
    if (live.isEmpty()) {
      throw new RegistryError(SUBJECT_SOFT_DELETED, "Subject '" + subject
          + "' was soft deleted. Set permanent=true to delete permanently");
    }
    live.forEach(s -> store.put(s.asDeleted()));
    return live.stream().map(StoredSchema::version).toList();
  }

  /** Soft-deletes one version, or removes a soft-deleted one for good; returns its number. */
  synchronized int deleteVersion(String subject, String version, boolean permanent) {
    StoredSchema target = version(subject, version, true);
    if (permanent) {
      if (!target.deleted()) {
        throw new RegistryError(VERSION_NOT_SOFT_DELETED, "Subject '" + subject + "' Version "
            + target.version() + " was not deleted first before being permanently deleted");
      }
      store.remove(subject, target.version());
    } else {
      if (target.deleted()) {
        throw new RegistryError(VERSION_SOFT_DELETED, "Subject '" + subject + "' Version "
            + target.version() + " was soft deleted. Set permanent=true to delete permanently");
      }
      store.put(target.asDeleted());
    }
    return target.version();
  }

  /** Why the schema may not follow the given version ("latest" checks all live versions when transitive). */
  synchronized List<String> compatibilityProblems(String subject, String version, JsonNode request) {
    Schema schema = parseRequest(request);
    List<StoredSchema> live = live(subject);
    if (live.isEmpty()) {
      throw subjectNotFound(subject);
    }
    CompatibilityLevel level = level(subject);
    int v = parseVersion(version);
    List<StoredSchema> against;
    if (v == -1) {
      against = live;
    } else {
      StoredSchema one = live.stream().filter(s -> s.version() == v).findFirst()
          .orElseThrow(() -> new RegistryError(VERSION_NOT_FOUND, "Version " + v + " not found."));
      against = List.of(one);
    }
    return level.problems(schema, parsed(against));
  }

  synchronized CompatibilityLevel level(String subject) {
    return store.compatibility(subject)
        .or(() -> store.compatibility(null))
        .flatMap(CompatibilityLevel::parse)
        .orElse(DEFAULT_LEVEL);
  }

  /** The subject's own level; the global one when asked to fall back; else 40408. */
  synchronized CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
    Optional<String> own = store.compatibility(subject);
    if (own.isEmpty() && !defaultToGlobal) {
      throw new RegistryError(SUBJECT_LEVEL_NOT_CONFIGURED,
          "Subject '" + subject + "' does not have subject-level compatibility configured");
    }
    return own.flatMap(CompatibilityLevel::parse).orElseGet(() -> level(null));
  }

  synchronized CompatibilityLevel setLevel(String subject, JsonNode request) {
    String text = request == null ? null : request.path("compatibility").asText(null);
    CompatibilityLevel level = CompatibilityLevel.parse(text).orElseThrow(() -> new RegistryError(
        INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level '" + text + "'. Valid values are"
            + " none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive"));
    store.setCompatibility(subject, level.name());
    return level;
  }

  synchronized CompatibilityLevel deleteSubjectLevel(String subject) {
    CompatibilityLevel previous = subjectLevel(subject, false);
    store.removeCompatibility(subject);
    return previous;
  }

  private List<StoredSchema> live(String subject) {
    return visible(subject, false);
  }

  private List<StoredSchema> visible(String subject, boolean includeDeleted) {
    return store.versions(subject).stream().filter(s -> includeDeleted || !s.deleted()).toList();
  }

  private static List<VersionedSchema> parsed(List<StoredSchema> versions) {
    return versions.stream().map(s -> new VersionedSchema(s.version(), new Schema.Parser().parse(s.schema()))).toList();
  }

  /** The Avro schema of a register/lookup/compatibility request body: {"schema": "...", "schemaType"?}. */
  static Schema parseRequest(JsonNode request) {
    if (request == null || !request.isObject()) {
      throw new RegistryError(INVALID_SCHEMA, "Request body must be a JSON object with a \"schema\" field");
    }
    String type = request.path("schemaType").asText("AVRO");
    if (!type.equalsIgnoreCase("AVRO")) {
      throw new RegistryError(INVALID_SCHEMA, "unsupported schema type " + type + ": this registry only keeps AVRO");
    }
    JsonNode references = request.get("references");
    if (references != null && references.isArray() && !references.isEmpty()) {
      throw new RegistryError(INVALID_SCHEMA, "schema references are not supported by this registry");
    }
    JsonNode text = request.get("schema");
    if (text == null || !text.isTextual() || text.asText().isBlank()) {
      throw new RegistryError(INVALID_SCHEMA, "Empty schema");
    }
    try {
      return new Schema.Parser().parse(text.asText());
    } catch (AvroRuntimeException e) {
      throw new RegistryError(INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
    }
  }

  private static int parseVersion(String version) {
    if (version.equals("latest")) {
      return -1;
    }
    try {
      int v = Integer.parseInt(version);
      if (v == -1 || v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw new RegistryError(INVALID_VERSION, "The specified version '" + version + "' is not a valid"
        + " version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
  }

  private static RegistryError subjectNotFound(String subject) {
    return new RegistryError(SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }
}
