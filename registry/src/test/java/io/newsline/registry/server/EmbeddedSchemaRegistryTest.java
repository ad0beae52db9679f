package io.newsline.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.avro.DeadLetter;
import io.newsline.avro.RawArticle;
import io.newsline.common.Json;
import io.newsline.registry.TestRecords;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Confluent REST API as seen by any HTTP client: paths, bodies, status and error codes. */
class EmbeddedSchemaRegistryTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String RAW = RawArticle.getClassSchema().toString();
  private static final String V1 = TestRecords.withoutField(RawArticle.getClassSchema(), "duplicate_kind").toString();

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
  void registrationIsIdempotentAndIdsAreGlobal() {
    Reply first = post("/subjects/a-value/versions", Map.of("schema", RAW));
    Reply again = post("/subjects/a-value/versions", Map.of("schema", RAW, "schemaType", "AVRO"));
    Reply otherSubject = post("/subjects/b-value/versions", Map.of("schema", RAW));
    Reply otherSchema = post("/subjects/c-value/versions", Map.of("schema", DeadLetter.getClassSchema().toString()));

    assertThat(first.status).isEqualTo(200);
    assertThat(first.contentType).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(first.json().get("id").asInt()).isEqualTo(1);
    assertThat(again.json().get("id").asInt()).isEqualTo(1);
    assertThat(otherSubject.json().get("id").asInt()).isEqualTo(1);
    assertThat(otherSchema.json().get("id").asInt()).isEqualTo(2);
    assertThat(get("/subjects/a-value/versions").body).isEqualTo("[1]");
    assertThat(get("/subjects").body).isEqualTo("[\"a-value\",\"b-value\",\"c-value\"]");
    assertThat(get("/schemas/ids/1/subjects").body).isEqualTo("[\"a-value\",\"b-value\"]");
    assertThat(get("/schemas/ids/1/versions").json().get(1).get("subject").asText()).isEqualTo("b-value");
  }

  @Test
  void versionsAndSchemasCanBeRead() {
    post("/subjects/a-value/versions", Map.of("schema", V1));
    post("/subjects/a-value/versions", Map.of("schema", RAW));

    JsonNode latest = get("/subjects/a-value/versions/latest").json();
    assertThat(latest.get("subject").asText()).isEqualTo("a-value");
    assertThat(latest.get("version").asInt()).isEqualTo(2);
    assertThat(latest.get("id").asInt()).isEqualTo(2);
    assertThat(new Schema.Parser().parse(latest.get("schema").asText())).isEqualTo(RawArticle.getClassSchema());
    assertThat(get("/subjects/a-value/versions/-1").json().get("version").asInt()).isEqualTo(2);
    assertThat(get("/subjects/a-value/versions/1").json().get("id").asInt()).isEqualTo(1);
    assertThat(get("/subjects/a-value/versions/1/schema").body).isEqualTo(V1);
    assertThat(get("/schemas/ids/2").json().get("schema").asText()).isEqualTo(RAW);
    assertThat(get("/schemas/ids/2?subject=a-value").status).isEqualTo(200);
    assertThat(get("/schemas/ids/2/schema").body).isEqualTo(RAW);
    assertThat(get("/schemas/types").body).isEqualTo("[\"AVRO\"]");
    assertThat(get("/").body).isEqualTo("{}");
    assertThat(get("/mode").json().get("mode").asText()).isEqualTo("READWRITE");

    JsonNode found = post("/subjects/a-value", Map.of("schema", V1)).json();
    assertThat(found.get("version").asInt()).isEqualTo(1);
    assertThat(found.get("id").asInt()).isEqualTo(1);
  }

  @Test
  void missingThingsAnswerConfluentErrorCodes() {
    post("/subjects/a-value/versions", Map.of("schema", V1));

    assertError(get("/subjects/nope/versions"), 404, 40401);
    assertError(get("/subjects/nope/versions/latest"), 404, 40401);
    assertError(get("/subjects/a-value/versions/7"), 404, 40402);
    assertError(get("/subjects/a-value/versions/zero"), 422, 42202);
    assertError(get("/subjects/a-value/versions/0"), 422, 42202);
    assertError(get("/schemas/ids/99"), 404, 40403);
    assertError(post("/subjects/nope", Map.of("schema", RAW)), 404, 40401);
    assertError(post("/subjects/a-value", Map.of("schema", RAW)), 404, 40403);
    assertError(get("/config/a-value"), 404, 40408);
  }

  @Test
  void invalidSchemasAreRejectedWith42201() {
    assertError(post("/subjects/x/versions", Map.of("schema", "{\"type\": \"record\", \"name\": \"X\"")), 422, 42201);
    assertError(post("/subjects/x/versions", Map.of("schema", "{\"type\": \"recrd\", \"name\": \"X\"}")), 422, 42201);
    assertError(post("/subjects/x/versions", Map.of("schema", "syntax = \"proto3\";", "schemaType", "PROTOBUF")), 422, 42201);
    assertThat(post("/subjects/x/versions", Map.of("schemaType", "JSON", "schema", "{}")).json().get("message").asText())
        .contains("unsupported schema type JSON");
    assertError(post("/subjects/x/versions", Map.of()), 422, 42201);
  }

  @Test
  void incompatibleSchemasGet409WithReasonsAndCompatibilityChecksExplain() {
    String withoutSimhash = TestRecords.withoutField(RawArticle.getClassSchema(), "simhash").toString();
    post("/subjects/s/versions", Map.of("schema", withoutSimhash));

    Reply rejected = post("/subjects/s/versions", Map.of("schema", RAW));
    assertError(rejected, 409, 409);
    assertThat(rejected.json().get("message").asText())
        .contains("incompatible with an earlier schema for subject \"s\"")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("simhash");

    JsonNode check = post("/compatibility/subjects/s/versions/latest?verbose=true", Map.of("schema", RAW)).json();
    assertThat(check.get("is_compatible").asBoolean()).isFalse();
    assertThat(check.get("messages").get(0).asText()).contains("simhash");
    assertThat(post("/compatibility/subjects/s/versions/1", Map.of("schema", withoutSimhash)).body)
        .isEqualTo("{\"is_compatible\":true}");
    assertError(post("/compatibility/subjects/none/versions/latest", Map.of("schema", RAW)), 404, 40401);

    put("/config/s", Map.of("compatibility", "NONE"));
    assertThat(post("/subjects/s/versions", Map.of("schema", RAW)).status).isEqualTo(200);
  }

  @Test
  void forwardAndTransitiveLevelsCheckTheRightDirectionAndVersions() {
    Schema base = RawArticle.getClassSchema();
    Schema withRequired = TestRecords.withField(base, "region", "string", null);
    put("/config", Map.of("compatibility", "FORWARD"));
    post("/subjects/f/versions", Map.of("schema", base.toString()));

    // FORWARD: the old schema must read new data; a new required field is fine, removing one is not
    assertThat(post("/subjects/f/versions", Map.of("schema", withRequired.toString())).status).isEqualTo(200);
    Reply removed = post("/subjects/f/versions",
        Map.of("schema", TestRecords.withoutField(withRequired, "text").toString()));
    assertError(removed, 409, 409);
    assertThat(removed.json().get("message").asText()).contains("version 2 cannot read data written with the new schema");

    // BACKWARD_TRANSITIVE checks every version, BACKWARD only the latest
    Schema v1 = TestRecords.withField(base, "a", "string", null);
    Schema v2 = base;
    Schema v3 = TestRecords.withField(base, "a", "int", 0);
    put("/config/t", Map.of("compatibility", "BACKWARD"));
    post("/subjects/t/versions", Map.of("schema", v1.toString()));
    post("/subjects/t/versions", Map.of("schema", v2.toString()));
    assertThat(post("/compatibility/subjects/t/versions/latest", Map.of("schema", v3.toString())).body)
        .isEqualTo("{\"is_compatible\":true}");
    put("/config/t", Map.of("compatibility", "BACKWARD_TRANSITIVE"));
    assertThat(post("/compatibility/subjects/t/versions/latest", Map.of("schema", v3.toString())).body)
        .isEqualTo("{\"is_compatible\":false}");
  }

  @Test
  void configIsReadAndWrittenLikeConfluent() {
    assertThat(get("/config").body).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    assertThat(put("/config", Map.of("compatibility", "full")).body).isEqualTo("{\"compatibility\":\"FULL\"}");
    assertThat(get("/config/s?defaultToGlobal=true").body).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(put("/config/s", Map.of("compatibility", "NONE")).body).isEqualTo("{\"compatibility\":\"NONE\"}");
    assertThat(get("/config/s").body).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
    assertThat(delete("/config/s").body).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
    assertError(get("/config/s"), 404, 40408);
    assertError(put("/config", Map.of("compatibility", "SIDEWAYS")), 422, 42203);
  }

  @Test
  void softThenHardDeletes() {
    post("/subjects/d/versions", Map.of("schema", V1));
    post("/subjects/d/versions", Map.of("schema", RAW));

    assertError(delete("/subjects/d/versions/2?permanent=true"), 404, 40407);
    assertThat(delete("/subjects/d/versions/2").body).isEqualTo("2");
    assertError(delete("/subjects/d/versions/2"), 404, 40406);
    assertThat(get("/subjects/d/versions").body).isEqualTo("[1]");
    assertThat(get("/subjects/d/versions?deleted=true").body).isEqualTo("[1,2]");
    assertThat(get("/subjects/d/versions/latest").json().get("version").asInt()).isEqualTo(1);
    assertThat(get("/subjects/d/versions/2?deleted=true").json().get("id").asInt()).isEqualTo(2);
    assertThat(delete("/subjects/d/versions/2?permanent=true").body).isEqualTo("2");
    assertThat(get("/subjects/d/versions?deleted=true").body).isEqualTo("[1]");

    assertError(delete("/subjects/d?permanent=true"), 404, 40405);
    assertThat(delete("/subjects/d").body).isEqualTo("[1]");
    assertError(delete("/subjects/d"), 404, 40404);
    assertThat(get("/subjects").body).isEqualTo("[]");
    assertThat(get("/subjects?deleted=true").body).isEqualTo("[\"d\"]");
    // a soft-deleted schema keeps its id: registering it again gives a new version with the same id
    JsonNode again = post("/subjects/e/versions", Map.of("schema", V1)).json();
    assertThat(again.get("id").asInt()).isEqualTo(1);
    assertThat(delete("/subjects/d?permanent=true").body).isEqualTo("[1]");
    assertError(get("/subjects/d/versions?deleted=true"), 404, 40401);
    // a permanently deleted id is never given out again
    assertThat(post("/subjects/g/versions", Map.of("schema", TestRecords.withoutField(
        RawArticle.getClassSchema(), "byline").toString())).json().get("id").asInt()).isEqualTo(3);
  }

  @Test
  void basicAuthProtectsEveryRoute() {
    try (EmbeddedSchemaRegistry secured = EmbeddedSchemaRegistry.builder(new InMemorySchemaStore())
        .basicAuth(Map.of("u", "p")).start()) {
      HttpResponse<String> denied = send(HttpRequest.newBuilder(URI.create(secured.url() + "/subjects")).GET().build());
      HttpResponse<String> allowed = send(HttpRequest.newBuilder(URI.create(secured.url() + "/subjects"))
          .header("Authorization", "Basic dTpw").GET().build());

      assertThat(denied.statusCode()).isEqualTo(401);
      assertThat(denied.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"schema-registry\"");
      assertThat(allowed.statusCode()).isEqualTo(200);
    }
  }

  private static void assertError(Reply reply, int status, int errorCode) {
    assertThat(reply.status).as(reply.body).isEqualTo(status);
    assertThat(reply.json().get("error_code").asInt()).as(reply.body).isEqualTo(errorCode);
    assertThat(reply.contentType).isEqualTo("application/vnd.schemaregistry.v1+json");
  }

  private Reply get(String path) {
    return call("GET", path, null);
  }

  private Reply post(String path, Object body) {
    return call("POST", path, body);
  }

  private Reply put(String path, Object body) {
    return call("PUT", path, body);
  }

  private Reply delete(String path) {
    return call("DELETE", path, null);
  }

  private Reply call(String method, String path, Object body) {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(Json.write(body));
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(registry.url() + path))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .method(method, publisher).build());
    return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private record Reply(int status, String contentType, String body) {
    JsonNode json() {
      return Json.parse(body);
    }
  }
}
