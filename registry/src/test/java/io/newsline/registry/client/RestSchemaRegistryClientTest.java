package io.newsline.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.newsline.avro.RawArticle;
import io.newsline.common.Json;
import io.newsline.common.http.Response;
import io.newsline.registry.IncompatibleSchemaException;
import io.newsline.registry.RegisteredSchema;
import io.newsline.registry.RegistryUnavailableException;
import io.newsline.registry.SchemaNotFoundException;
import io.newsline.registry.SchemaRegistryException;
import io.newsline.registry.TestRecords;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.InMemorySchemaStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {
  private EmbeddedSchemaRegistry registry;

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void registersLooksUpAndReadsVersions() {
    RestSchemaRegistryClient client = client(registry.url());
    Schema schema = RawArticle.getClassSchema();

    assertThat(client.lookup("a-value", schema)).isEmpty();
    assertThat(client.isCompatible("a-value", schema)).isTrue();
    int id = client.register("a-value", schema);

    assertThat(client.register("a-value", schema)).isEqualTo(id);
    assertThat(client.lookup("a-value", schema)).contains(new RegisteredSchema("a-value", 1, id, schema));
    assertThat(client.schemaById(id)).isEqualTo(schema);
    assertThat(client.latest("a-value").version()).isEqualTo(1);
    assertThat(client.version("a-value", 1).id()).isEqualTo(id);
    assertThat(client.subjects()).containsExactly("a-value");
    assertThat(client.versions("a-value")).containsExactly(1);
    assertThatThrownBy(() -> client.version("a-value", 9))
        .isInstanceOf(SchemaNotFoundException.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40402));
    assertThatThrownBy(() -> client.schemaById(999))
        .isInstanceOf(SchemaNotFoundException.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40403));
  }

  @Test
  void subjectsWithAnyCharactersAreEncoded() {
    RestSchemaRegistryClient client = client(registry.url());
    String subject = "odd subject/with+plus & ünïcode";

    int id = client.register(subject, RawArticle.getClassSchema());

    assertThat(client.subjects()).containsExactly(subject);
    assertThat(client.latest(subject).id()).isEqualTo(id);
  }

  @Test
  void compatibilityLevelsFallBackToTheGlobalOne() {
    RestSchemaRegistryClient client = client(registry.url());

    assertThat(client.compatibility(null)).isEqualTo("BACKWARD");
    assertThat(client.compatibility("s-value")).isEqualTo("BACKWARD");
    client.setCompatibility("s-value", "FULL_TRANSITIVE");
    client.setCompatibility(null, "NONE");

    assertThat(client.compatibility("s-value")).isEqualTo("FULL_TRANSITIVE");
    assertThat(client.compatibility("t-value")).isEqualTo("NONE");
    assertThatThrownBy(() -> client.setCompatibility(null, "SIDEWAYS"))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageStartingWith("invalid compatibility level: ");
  }

  @Test
  void subjectWithoutItsOwnLevelAnswering40408FallsBackToGlobal() {
    try (StubRegistry confluentLike = new StubRegistry(
        new StubRegistry.Route("GET", "/config/{subject}", n -> Response.json(404, Map.of("error_code", 40408,
            "message", "Subject 's' does not have subject-level compatibility configured"))),
        new StubRegistry.Route("GET", "/config", n -> Response.ok(Map.of("compatibilityLevel", "FULL"))))) {
      RestSchemaRegistryClient client = client(confluentLike.url());

      assertThat(client.compatibility("s")).isEqualTo("FULL");
      assertThat(confluentLike.requests).extracting(r -> r.path()).containsExactly("/config/s", "/config");
      assertThat(confluentLike.requests.get(0).query("defaultToGlobal")).isEqualTo("true");
    }
  }

  @Test
  void subjectUnknownToApicurioFallsBackToGlobal() {
    // Apicurio's ccompat API answers /config/{subject} of a subject it has never seen with 40401,
    // even with defaultToGlobal=true
    try (StubRegistry apicurioLike = new StubRegistry(
        new StubRegistry.Route("GET", "/config/{subject}", n -> Response.json(404, Map.of("error_code", 40401,
            "message", "No artifact with ID 's' in group 'null' was found."))),
        new StubRegistry.Route("GET", "/config", n -> Response.ok(Map.of("compatibilityLevel", "NONE"))))) {
      RestSchemaRegistryClient client = client(apicurioLike.url());

      assertThat(client.compatibility("s")).isEqualTo("NONE");
      assertThat(apicurioLike.requests).extracting(r -> r.path()).containsExactly("/config/s", "/config");
    }
  }

  @Test
  void compatibilityLevelsAreCheckedAndUpperCasedBeforeTheCall() {
    // Apicurio's ccompat API answers an unknown or lower-case level with HTTP 500 (a JSON binding
    // error), which must not be retried and reported as "registry unavailable"
    try (StubRegistry apicurioLike = new StubRegistry("PUT", "/config", n -> Response.json(500, Map.of(
        "error_code", 0, "message", "Cannot deserialize value of type `CompatibilityLevelDto$Level`")))) {
      RestSchemaRegistryClient client = client(apicurioLike.url());

      assertThatThrownBy(() -> client.setCompatibility(null, "SIDEWAYS"))
          .isInstanceOf(SchemaRegistryException.class)
          .isNotInstanceOf(RegistryUnavailableException.class)
          .hasMessageStartingWith("invalid compatibility level: SIDEWAYS (expected one of NONE, BACKWARD, ")
          .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(42203))
          .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(422));
      assertThatThrownBy(() -> client.setCompatibility("s", null)).isInstanceOf(SchemaRegistryException.class);
      assertThat(apicurioLike.requests).isEmpty();
    }
    try (StubRegistry ok = new StubRegistry("PUT", "/config/{subject}",
        n -> Response.ok(Map.of("compatibility", "FULL_TRANSITIVE")))) {
      client(ok.url()).setCompatibility("s", " full_transitive");

      assertThat(ok.requests.get(0).bodyText()).isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
    }
  }

  @Test
  void errorCodeZeroMeansNoCode() {
    // Apicurio's ccompat API sends "error_code": 0 with errors that have no Confluent code, e.g. 409
    try (StubRegistry apicurioLike = new StubRegistry("POST", "/subjects/{subject}/versions",
        n -> Response.json(409, Map.of("error_code", 0, "message",
            "Incompatible artifact: s [AVRO], num of incompatible diffs: {1}, list of diff types: [mood at /fields/14]")))) {
      RestSchemaRegistryClient client = client(apicurioLike.url());

      assertThatThrownBy(() -> client.register("s", RawArticle.getClassSchema()))
          .isInstanceOf(IncompatibleSchemaException.class)
          .hasMessageStartingWith("Incompatible artifact: s [AVRO]")
          .hasMessageNotContaining("error_code")
          .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(-1))
          .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(409));
      assertThat(apicurioLike.requests).hasSize(1);
    }
  }

  @Test
  void anIdThatServesADifferentlyEncodedSchemaIsRefused() {
    // Apicurio's ccompat API in canonical-hash mode: the id it gives serves the schema with its
    // record fields sorted by name, which encodes differently
    Schema sent = RawArticle.getClassSchema();
    Schema sorted = TestRecords.edited(sent, json -> {
      List<JsonNode> fields = new ArrayList<>();
      json.get("fields").forEach(fields::add);
      fields.sort(Comparator.comparing(f -> f.get("name").asText()));
      ((ArrayNode) json.get("fields")).removeAll().addAll(fields);
    });
    Map<String, Object> answer = Map.of("id", 1, "subject", "s", "version", 1, "schema", sorted.toString());
    try (StubRegistry canonicalMode = new StubRegistry(
        new StubRegistry.Route("POST", "/subjects/{subject}/versions", n -> Response.ok(Map.of("id", 1))),
        new StubRegistry.Route("POST", "/subjects/{subject}", n -> Response.ok(answer)),
        new StubRegistry.Route("GET", "/schemas/ids/{id}", n -> Response.ok(Map.of("schema", sorted.toString()))))) {
      RestSchemaRegistryClient client = client(canonicalMode.url());

      assertThatThrownBy(() -> client.register("s", sent))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageStartingWith("registry answered schema id 1 for io.newsline.avro.RawArticle under subject s,"
              + " but serves a schema with a different binary encoding");
      assertThatThrownBy(() -> client.lookup("s", sent))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageContaining("different binary encoding");
      // a schema that encodes like the one served is accepted
      assertThat(client.register("s", sorted)).isEqualTo(1);
      assertThat(client.lookup("s", sorted)).isPresent();
    }
  }

  @Test
  void lookupRetriesWithNormalizeForSchemasRegisteredWithOtherFormatting() {
    // Apicurio's ccompat API matches the exact text, unless normalize=true
    Schema schema = RawArticle.getClassSchema();
    Map<String, Object> pretty = Map.of("id", 4, "subject", "s", "version", 2,
        "schema", Json.parse(schema.toString()).toPrettyString());
    try (StubRegistry apicurioLike = new StubRegistry("POST", "/subjects/{subject}", n -> n == 1
        ? Response.json(404, Map.of("error_code", 40401, "message", "No artifact with ID 's' in group 'null' was found."))
        : Response.ok(pretty))) {
      RestSchemaRegistryClient client = client(apicurioLike.url());

      assertThat(client.lookup("s", schema)).contains(new RegisteredSchema("s", 2, 4, schema));
      assertThat(apicurioLike.requests).extracting(r -> r.query("normalize")).containsExactly(null, "true");
      assertThat(client.register("s", schema)).as("remembered").isEqualTo(4);
      assertThat(apicurioLike.requests).hasSize(2);
    }
    // a normalized match that encodes differently (Apicurio's normalization sorts fields) is no match
    Schema reordered = TestRecords.edited(schema, json -> {
      ArrayNode fields = (ArrayNode) json.get("fields");
      fields.add(fields.remove(0));
    });
    try (StubRegistry apicurioLike = new StubRegistry("POST", "/subjects/{subject}", n -> n == 1
        ? Response.json(404, Map.of("error_code", 40401, "message", "not found"))
        : Response.ok(Map.of("id", 5, "subject", "s", "version", 1, "schema", reordered.toString())))) {
      assertThat(client(apicurioLike.url()).lookup("s", schema)).isEmpty();
    }
  }

  @Test
  void failsOverToTheNextUrlWhenOneIsUnreachable() throws IOException {
    String dead = "http://127.0.0.1:" + freePort();
    RestSchemaRegistryClient client = client(dead + "," + registry.url());

    int id = client.register("f-value", RawArticle.getClassSchema());

    assertThat(client.schemaById(id)).isEqualTo(RawArticle.getClassSchema());
  }

  @Test
  void retriesServerErrorsThenGivesUpAsUnavailable() {
    try (StubRegistry failing = new StubRegistry("GET", "/schemas/ids/{id}",
        n -> Response.json(503, Map.of("error_code", 50003, "message", "Error while forwarding the request")))) {
      RestSchemaRegistryClient client = client(failing.url());

      assertThatThrownBy(() -> client.schemaById(1))
          .isInstanceOf(RegistryUnavailableException.class)
          .hasMessageContaining(failing.url())
          .hasMessageContaining("after 3 attempt(s)")
          .hasMessageContaining("Error while forwarding the request");
      assertThat(failing.requests).hasSize(3);
    }
  }

  @Test
  void retriesTooManyRequestsUntilItSucceeds() {
    try (StubRegistry busy = new StubRegistry(
        new StubRegistry.Route("POST", "/subjects/{subject}/versions",
            n -> n < 3 ? Response.error(429, "slow down") : Response.ok(Map.of("id", 7))),
        new StubRegistry.Route("GET", "/schemas/ids/{id}",
            n -> Response.ok(Map.of("schema", RawArticle.getClassSchema().toString()))))) {
      RestSchemaRegistryClient client = client(busy.url());

      assertThat(client.register("b-value", RawArticle.getClassSchema())).isEqualTo(7);
      assertThat(busy.requests).extracting(r -> r.method() + " " + r.path()).containsExactly(
          "POST /subjects/b-value/versions", "POST /subjects/b-value/versions",
          "POST /subjects/b-value/versions", "GET /schemas/ids/7");
      assertThat(busy.requests.get(0).header("Accept")).startsWith("application/vnd.schemaregistry.v1+json");
      assertThat(busy.requests.get(0).header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
      assertThat(busy.requests.get(0).bodyText()).isEqualTo(
          "{\"schema\":" + Json.write(RawArticle.getClassSchema().toString()) + "}");
    }
  }

  @Test
  void clientErrorsAreNotRetried() {
    try (StubRegistry invalid = new StubRegistry("POST", "/subjects/{subject}/versions",
        n -> Response.json(422, Map.of("error_code", 42201, "message", "Invalid schema: bad")))) {
      RestSchemaRegistryClient client = client(invalid.url());

      assertThatThrownBy(() -> client.register("x", RawArticle.getClassSchema()))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageStartingWith("invalid schema: Invalid schema: bad")
          .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(42201));
      assertThat(invalid.requests).hasSize(1);
    }
  }

  @Test
  void latestIsCachedOnlyForItsTimeToLive() {
    Map<String, Object> settings = Map.of(RegistryClientConfig.URL, registry.url(),
        RegistryClientConfig.LATEST_CACHE_TTL_MS, "0");
    RestSchemaRegistryClient noCache = new RestSchemaRegistryClient(RegistryClientConfig.fromMap(settings));
    RestSchemaRegistryClient cached = client(registry.url());
    noCache.register("l-value", TestRecords.withoutField(RawArticle.getClassSchema(), "duplicate_kind"));
    assertThat(cached.latest("l-value").version()).isEqualTo(1);

    noCache.register("l-value", RawArticle.getClassSchema());

    assertThat(noCache.latest("l-value").version()).isEqualTo(2);
    assertThat(cached.latest("l-value").version()).isEqualTo(1);
  }

  private static RestSchemaRegistryClient client(String urls) {
    return new RestSchemaRegistryClient(RegistryClientConfig.fromMap(Map.of(
        RegistryClientConfig.URL, urls,
        RegistryClientConfig.RETRIES, "2",
        RegistryClientConfig.RETRY_BACKOFF_MS, "5",
        RegistryClientConfig.RETRY_BACKOFF_MAX_MS, "20")));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
