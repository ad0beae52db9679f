package io.newsline.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.registry.RegisteredSchema;
import io.newsline.registry.SchemaNotFoundException;
import io.newsline.registry.SchemaRegistryClient;
import io.newsline.registry.SchemaRegistryException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistryClient} over the Confluent REST API on the JDK HTTP client.
 *
 * <p>Caches what cannot change: schemas by id (forever), ids by (subject, schema), and registered
 * versions by (subject, version). The latest version of a subject is reused only for {@link
 * RegistryClientConfig#latestTtl()}. Schemas parsed from the registry's text are shared by text, so
 * two ids with the same schema give the same {@link Schema} instance. Thread-safe.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
  /** Confluent's compatibility levels: a closed set in its API. */
  static final List<String> LEVELS = List.of("NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD",
      "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");

  private final RegistryClientConfig config;
  private final RegistryTransport transport;
  private final Map<String, Schema> parsedByText = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
  private final Map<SubjectVersion, RegisteredSchema> versions = new ConcurrentHashMap<>();
  private final Map<String, Expiring> latest = new ConcurrentHashMap<>();

  public RestSchemaRegistryClient(RegistryClientConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.transport = new RegistryTransport(config);
  }

  public RegistryClientConfig config() {
    return config;
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = transport.post(subjectPath(subject) + "/versions", schemaBody(schema));
    int id = requiredInt(answer, "id");
    // one GET per new (subject, schema): readers will decode with what the registry serves for the
    // id, so that (and not the schema sent) is what must match; cached from then on
    requireSameEncoding(schema, schemaById(id), id, subject);
    idsBySubjectSchema.put(key, id);
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = transport.get("/schemas/ids/" + id);
    Schema schema = parse(answer, "schema id " + id);
    schemasById.putIfAbsent(id, schema);
    return schema;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    Expiring cached = latest.get(subject);
    long now = System.nanoTime();
    if (cached != null && now - cached.fetchedAtNanos < config.latestTtl().toNanos()) {
      return cached.schema;
    }
    RegisteredSchema fresh = toRegistered(transport.get(subjectPath(subject) + "/versions/latest"));
    latest.put(subject, new Expiring(fresh, now));
    remember(fresh);
    return fresh;
  }

  @Override
  public RegisteredSchema version(String subject, int version) {
    SubjectVersion key = new SubjectVersion(subject, version);
    RegisteredSchema cached = versions.get(key);
    if (cached != null) {
      return cached;
    }
    RegisteredSchema fetched = toRegistered(transport.get(subjectPath(subject) + "/versions/" + version));
    remember(fetched);
    return fetched;
  }

  @Override
  public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
    JsonNode answer;
    try {
      answer = transport.post(subjectPath(subject), schemaBody(schema));
    } catch (SchemaNotFoundException notRegistered) {
      answer = null;
    }
    if (answer == null) {
      // Apicurio's ccompat API matches the exact schema text: the same schema registered with other
      // formatting (say, pretty-printed) is found only with normalize=true, a parameter of
      // Confluent's API too. A normalized match is used only if it encodes like the schema asked
      // about (Apicurio's normalization also sorts record fields by name).
      try {
        answer = transport.post(subjectPath(subject) + "?normalize=true", schemaBody(schema));
      } catch (SchemaNotFoundException notRegistered) {
        return Optional.empty();
      }
      RegisteredSchema found = toRegistered(answer);
      if (!sameEncoding(schema, found.schema())) {
        return Optional.empty();
      }
      return Optional.of(rememberLookup(subject, schema, found));
    }
    RegisteredSchema found = toRegistered(answer);
    requireSameEncoding(schema, found.schema(), found.id(), subject);
    return Optional.of(rememberLookup(subject, schema, found));
  }

  private RegisteredSchema rememberLookup(String subject, Schema schema, RegisteredSchema found) {
    idsBySubjectSchema.put(new SubjectSchema(subject, schema), found.id());
    remember(found);
    return found;
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    try {
      JsonNode answer = transport.post(
          "/compatibility" + subjectPath(subject) + "/versions/latest", schemaBody(schema));
      return answer.path("is_compatible").asBoolean(false);
    } catch (SchemaNotFoundException noSubjectYet) {
      // nothing registered yet: any schema may become version 1
      return true;
    }
  }

  @Override
  public List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    transport.get("/subjects").forEach(s -> subjects.add(s.asText()));
    return subjects;
  }

  @Override
  public List<Integer> versions(String subject) {
    List<Integer> list = new ArrayList<>();
    transport.get(subjectPath(subject) + "/versions").forEach(v -> list.add(v.asInt()));
    return list;
  }

  @Override
  public String compatibility(String subject) {
    if (subject == null) {
      return level(transport.get("/config"));
    }
    try {
      String level = level(transport.get("/config" + encodedSubject(subject) + "?defaultToGlobal=true"));
      if (level != null) {
        return level;
      }
    } catch (SchemaNotFoundException noSubjectLevel) {
      // Confluent answers 40408 (or 40401) when the subject has no level of its own
    }
    return level(transport.get("/config"));
  }

  @Override
  public void setCompatibility(String subject, String level) {
    String path = subject == null ? "/config" : "/config" + encodedSubject(subject);
    transport.put(path, Map.of("compatibility", checkedLevel(level)));
  }

  /**
   * The level in upper case, or Confluent's 42203 error without calling the registry when it is not
   * one of Confluent's seven levels. Confluent accepts any case and answers 422/42203 itself, but
   * Apicurio's ccompat API (2.4) takes only the upper-case names and answers anything else with
   * HTTP 500, which would be retried and reported as the registry being unavailable.
   */
  static String checkedLevel(String level) {
    String upper = level == null ? "" : level.trim().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(upper)) {
      throw new SchemaRegistryException("invalid compatibility level: " + level
          + " (expected one of " + String.join(", ", LEVELS) + ")", 422, 42203);
    }
    return upper;
  }

  /** Nothing to release: the JDK 17 HTTP client has no close, so shared clients stay usable. */
  @Override
  public void close() {}

  /** The registry URLs, without credentials: used in error messages. */
  @Override
  public String toString() {
    return config.urlList();
  }

  private void remember(RegisteredSchema s) {
    versions.putIfAbsent(new SubjectVersion(s.subject(), s.version()), s);
    schemasById.putIfAbsent(s.id(), s.schema());
  }

  private RegisteredSchema toRegistered(JsonNode answer) {
    int id = requiredInt(answer, "id");
    return new RegisteredSchema(
        answer.path("subject").asText(), requiredInt(answer, "version"), id,
        parse(answer, "schema id " + id));
  }

  /** The Avro schema in an answer's "schema" field, parsed once per distinct text. */
  private Schema parse(JsonNode answer, String what) {
    String type = answer.path("schemaType").asText("AVRO");
    if (!type.equalsIgnoreCase("AVRO")) {
      throw new SchemaRegistryException(what + " is a " + type + " schema, not AVRO", 200, -1);
    }
    JsonNode text = answer.get("schema");
    if (text == null || !text.isTextual()) {
      throw new SchemaRegistryException(
          "registry answer for " + what + " has no schema text: " + answer, 200, -1);
    }
    return parsedByText.computeIfAbsent(text.asText(), t -> {
      try {
        return new Schema.Parser().parse(t);
      } catch (SchemaParseException e) {
        throw new SchemaRegistryException(
            "registry returned " + what + " that is not valid Avro: " + e.getMessage(), 200, -1);
      }
    });
  }

  /**
   * Refuses an id whose schema would not decode what the schema sent encodes (a different parsing
   * canonical form: names, types or field order). A registry that serves schemas as they were
   * registered never does this; Apicurio's ccompat API with registry.ccompat.use-canonical-hash=true
   * (ENABLE_CCOMPAT_CANONICAL_HASH_MODE) does: it matches and serves schemas with their record
   * fields sorted by name, so bytes written with the id it gives would be decoded as garbage by
   * every reader.
   */
  private static void requireSameEncoding(Schema sent, Schema served, int id, String subject) {
    if (!sameEncoding(sent, served)) {
      String shown = served.toString();
      throw new SchemaRegistryException("registry answered schema id " + id + " for " + sent.getFullName()
          + " under subject " + subject + ", but serves a schema with a different binary encoding"
          + " (names, types or field order differ) under that id: "
          + (shown.length() <= 300 ? shown : shown.substring(0, 300) + "...")
          + "; an Apicurio registry must not run with registry.ccompat.use-canonical-hash=true", 200, -1);
    }
  }

  private static boolean sameEncoding(Schema a, Schema b) {
    return a == b || SchemaNormalization.parsingFingerprint64(a) == SchemaNormalization.parsingFingerprint64(b);
  }

  private static int requiredInt(JsonNode answer, String field) {
    JsonNode v = answer.get(field);
    if (v == null || !v.canConvertToInt()) {
      throw new SchemaRegistryException(
          "registry answer has no integer '" + field + "': " + answer, 200, -1);
    }
    return v.asInt();
  }

  private static String level(JsonNode answer) {
    JsonNode level = answer.hasNonNull("compatibilityLevel")
        ? answer.get("compatibilityLevel") : answer.get("compatibility");
    return level == null || level.isNull() ? null : level.asText();
  }

  private static Map<String, String> schemaBody(Schema schema) {
    // schemaType is omitted: AVRO is the default, and older registries reject the field
    return Map.of("schema", schema.toString());
  }

  private static String subjectPath(String subject) {
    return "/subjects" + encodedSubject(subject);
  }

  private static String encodedSubject(String subject) {
    Objects.requireNonNull(subject, "subject");
    return "/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private record SubjectSchema(String subject, Schema schema) {}

  private record SubjectVersion(String subject, int version) {}

  private record Expiring(RegisteredSchema schema, long fetchedAtNanos) {}
}
