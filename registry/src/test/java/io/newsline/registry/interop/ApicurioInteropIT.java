package io.newsline.registry.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.DeadLetter;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.Entity;
import io.newsline.avro.EntityCount;
import io.newsline.avro.EntityStance;
import io.newsline.avro.EventTimeline;
import io.newsline.avro.Mention;
import io.newsline.avro.OutletStance;
import io.newsline.avro.Quote;
import io.newsline.avro.RawArticle;
import io.newsline.avro.Span;
import io.newsline.avro.StanceSummary;
import io.newsline.avro.TimelineArticle;
import io.newsline.avro.TimelineQuote;
import io.newsline.common.Json;
import io.newsline.registry.IncompatibleSchemaException;
import io.newsline.registry.RegisteredSchema;
import io.newsline.registry.RegistryUnavailableException;
import io.newsline.registry.SchemaNotFoundException;
import io.newsline.registry.SchemaRegistryClient;
import io.newsline.registry.SchemaRegistryException;
import io.newsline.registry.TestRecords;
import io.newsline.registry.client.RegistryClientConfig;
import io.newsline.registry.client.RestSchemaRegistryClient;
import io.newsline.registry.serde.AvroDeserializer;
import io.newsline.registry.serde.AvroSerde;
import io.newsline.registry.serde.AvroSerializer;
import io.newsline.registry.serde.GenericAvroDeserializer;
import io.newsline.registry.serde.TopicNameStrategy;
import io.newsline.registry.serde.WireFormat;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.InMemorySchemaStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * newsline's registry client and serdes against a second, independent implementation of the
 * Confluent Schema Registry API: Apicurio Registry 2.4.2's ccompat API (/apis/ccompat/v7), run as a
 * child JVM with in-memory storage. Skipped until registry/src/test/apicurio/install.sh has built it.
 *
 * <p>Where Apicurio answers differently from Confluent, the assertions say so (see registry/README.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ApicurioInteropIT {
  private static final List<Class<? extends SpecificRecord>> RECORDS = List.of(
      RawArticle.class, EnrichedArticle.class, EventTimeline.class, ArticleAssignment.class, DeadLetter.class);

  private static final String NOT_BUILT = "Apicurio Registry 2.4.2 is not built: run registry/src/test/apicurio/install.sh"
      + " (or set NEWSLINE_APICURIO_HOME / -Dnewsline.apicurio.home to where it is)";

  private ApicurioRegistryProcess apicurio;
  private Path home;
  private Path workDir;
  private long startedAt;

  @BeforeAll
  void startApicurio() throws Exception {
    var installed = ApicurioRegistryProcess.installed();
    if (installed.isEmpty()) {
      // every test is skipped, with the reason (an assumption here would hide it from the report)
      System.out.println("ApicurioInteropIT: skipped, " + NOT_BUILT);
      return;
    }
    home = installed.get();
    startedAt = System.nanoTime();
    workDir = Files.createDirectories(Path.of("target", "apicurio-it").toAbsolutePath());
    apicurio = ApicurioRegistryProcess.start(home, workDir, "default");
    // the registry answering is the one built: Apicurio's own system info
    JsonNode info = Json.parse(http("GET", apicurio.baseUrl() + "/apis/registry/v2/system/info", null, Map.of()));
    assertThat(info.path("version").asText()).isEqualTo("2.4.2.Final");
    System.out.printf("ApicurioInteropIT: Apicurio Registry 2.4.2 ready at %s after %d ms%n",
        apicurio.ccompatUrl(), apicurio.startedIn().toMillis());
  }

  @BeforeEach
  void requireApicurio() {
    assumeTrue(apicurio != null, NOT_BUILT);
  }

  @AfterAll
  void stopApicurio() {
    if (apicurio != null) {
      apicurio.close();
      System.out.printf("ApicurioInteropIT: done in %d ms (Apicurio log: %s)%n",
          Duration.ofNanos(System.nanoTime() - startedAt).toMillis(), workDir);
    }
  }

  // ---- 1. the client's API, with the project's real schemas ----

  @Test
  void registersLooksUpAndReadsTheProjectsSchemas() {
    SchemaRegistryClient client = client();
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (Class<? extends SpecificRecord> type : RECORDS) {
      Schema schema = SpecificData.get().getSchema(type);
      String subject = TopicNameStrategy.subject("it.api." + type.getSimpleName(), false);

      int id = client.register(subject, schema);
      ids.put(subject, id);

      // a client with empty caches, so that every answer below comes from Apicurio
      SchemaRegistryClient fresh = client();
      assertThat(fresh.register(subject, schema)).as("registering again").isEqualTo(id);
      assertThat(fresh.lookup(subject, schema)).contains(new RegisteredSchema(subject, 1, id, schema));
      assertThat(fresh.schemaById(id)).isEqualTo(schema);
      assertThat(fresh.latest(subject)).isEqualTo(new RegisteredSchema(subject, 1, id, schema));
      assertThat(fresh.version(subject, 1)).isEqualTo(new RegisteredSchema(subject, 1, id, schema));
      assertThat(fresh.versions(subject)).containsExactly(1);
    }
    assertThat(ids.values()).as("one id per schema").doesNotHaveDuplicates();
    assertThat(client().subjects()).containsAll(ids.keySet());

    // as in Confluent, an id names a schema, not a subject: the same schema elsewhere keeps its id
    String keySubject = TopicNameStrategy.subject("it.api.other", true);
    assertThat(client().register(keySubject, RawArticle.getClassSchema()))
        .isEqualTo(ids.get("it.api.RawArticle-value"));
    assertThat(client().lookup(keySubject, RawArticle.getClassSchema()).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void unknownIdsVersionsSubjectsAndSchemasAreNotFound() {
    SchemaRegistryClient client = client();
    String subject = "it.errors-value";
    client.register(subject, ArticleAssignment.getClassSchema());

    assertThatThrownBy(() -> client.schemaById(987_654))
        .isInstanceOf(SchemaNotFoundException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo(40403));
    assertThatThrownBy(() -> client.version(subject, 9))
        .isInstanceOf(SchemaNotFoundException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo(40402));
    assertThatThrownBy(() -> client.versions("it.no-such-subject-value"))
        .isInstanceOf(SchemaNotFoundException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo(40401));
    // Confluent: 40401 (subject not found); Apicurio: 40402 (no version 'latest')
    assertThatThrownBy(() -> client.latest("it.no-such-subject-value"))
        .isInstanceOf(SchemaNotFoundException.class)
        .satisfies(e -> assertThat(code(e)).isIn(40401, 40402));
    // Confluent: 40403 (schema not found); Apicurio: 40401. Either way: not registered
    assertThat(client.lookup(subject, DeadLetter.getClassSchema())).isEmpty();
    assertThat(client.lookup("it.no-such-subject-value", DeadLetter.getClassSchema())).isEmpty();
    // no version yet: anything may become version 1 (Apicurio answers 40402 here, Confluent 40401)
    assertThat(client.isCompatible("it.no-such-subject-value", DeadLetter.getClassSchema())).isTrue();
  }

  @Test
  void compatibilityLevelsGlobalAndPerSubject() {
    SchemaRegistryClient client = client();
    String before = client.compatibility(null);
    // Apicurio has no global compatibility rule until one is set; its ccompat API shows that as NONE
    // (Confluent's default is BACKWARD)
    assertThat(before).isEqualTo("NONE");
    try {
      client.setCompatibility(null, "BACKWARD");
      assertThat(client.compatibility(null)).isEqualTo("BACKWARD");
      // a subject Apicurio has never seen: its /config/{subject} answers 40401, the client falls back
      assertThat(client.compatibility("it.config.unseen-value")).isEqualTo("BACKWARD");

      String subject = "it.config.a-value";
      Schema breaking = TestRecords.withField(RawArticle.getClassSchema(), "mood", "string", null);
      client.register(subject, RawArticle.getClassSchema());
      // Apicurio answers NONE for a subject without a level of its own (even with
      // defaultToGlobal=true), although it enforces the global level there; Confluent answers BACKWARD
      assertThat(client.compatibility(subject)).isEqualTo("NONE");
      assertThat(client.isCompatible(subject, breaking)).isFalse();
      client.setCompatibility(subject, "FULL_TRANSITIVE");
      assertThat(client.compatibility(subject)).isEqualTo("FULL_TRANSITIVE");
      assertThat(client.compatibility(null)).isEqualTo("BACKWARD");
      // Apicurio stores NONE as "no rule": a subject cannot opt out of a global level there (in
      // Confluent it can, and the breaking schema would be compatible)
      client.setCompatibility(subject, "NONE");
      assertThat(client.compatibility(subject)).isEqualTo("NONE");
      assertThat(client.isCompatible(subject, breaking)).isFalse();

      // a level for a subject that has no schema yet, as Confluent allows
      client.setCompatibility("it.config.later-value", "forward");
      assertThat(client.compatibility("it.config.later-value")).isEqualTo("FORWARD");

      // Apicurio answers an unknown level with HTTP 500: the client rejects it before asking
      assertThatThrownBy(() -> client.setCompatibility(null, "SIDEWAYS"))
          .isInstanceOf(SchemaRegistryException.class)
          .isNotInstanceOf(RegistryUnavailableException.class)
          .hasMessageStartingWith("invalid compatibility level: SIDEWAYS")
          .satisfies(e -> assertThat(code(e)).isEqualTo(42203));
      assertThat(client.compatibility(null)).isEqualTo("BACKWARD");
    } finally {
      client.setCompatibility(null, before);
    }
  }

  @Test
  void apicurioEnforcesTheCompatibilityLevelOnRegistration() {
    SchemaRegistryClient client = client();
    String subject = "it.rules.EnrichedArticle-value";
    Schema v1 = EnrichedArticle.getClassSchema();
    client.setCompatibility(subject, "BACKWARD");
    int v1Id = client.register(subject, v1);
    Schema breaking = TestRecords.withField(v1, "mood", "string", null);
    Schema evolving = TestRecords.withField(v1, "mood", "string", "neutral");

    assertThat(client.isCompatible(subject, breaking)).isFalse();
    assertThatThrownBy(() -> client.register(subject, breaking))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageContaining("Incompatible artifact")
        .hasMessageContaining("mood")
        // Confluent: error_code 409; Apicurio: 0, which the client reports as "no code"
        .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(409));
    assertThat(client.versions(subject)).containsExactly(1);

    assertThat(client.isCompatible(subject, evolving)).isTrue();
    int v2Id = client.register(subject, evolving);
    assertThat(v2Id).isNotEqualTo(v1Id);
    assertThat(client().versions(subject)).containsExactly(1, 2);
    assertThat(client().latest(subject)).isEqualTo(new RegisteredSchema(subject, 2, v2Id, evolving));

    // the serializer reports the rejection as a permanent error
    String strictTopic = "it.rules.strict";
    client.setCompatibility(TopicNameStrategy.subject(strictTopic, false), "BACKWARD");
    client.register(TopicNameStrategy.subject(strictTopic, false), TestRecords.withoutField(
        RawArticle.getClassSchema(), "simhash"));
    assertThatThrownBy(() -> new AvroSerializer<>(RawArticle.class, client, false, true, false)
            .serialize(strictTopic, TestRecords.article("a")))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("schema rejected by registry as incompatible: ")
        .hasCauseInstanceOf(IncompatibleSchemaException.class);
  }

  // ---- 2. serdes against Apicurio ----

  @Test
  void serdeRoundTripsRealRecordsWithAutoRegistration() {
    Map<String, Object> settings = Map.of(RegistryClientConfig.URL, apicurio.ccompatUrl());
    AvroSerde<EnrichedArticle> articles = AvroSerde.of(EnrichedArticle.class, settings, false);
    AvroSerde<EventTimeline> events = AvroSerde.of(EventTimeline.class, settings, false);
    AvroSerde<ArticleAssignment> assignments = AvroSerde.of(ArticleAssignment.class, settings, true);
    EnrichedArticle article = enrichedArticle("a-1");
    EventTimeline timeline = timeline();
    ArticleAssignment assignment = ArticleAssignment.newBuilder().setArticleId("a-1").setEventId("ev-1")
        .setEventTime(Instant.ofEpochMilli(1_767_225_600_000L)).setSimilarity(0.87).setReason("joined").build();

    byte[] articleBytes = articles.serializer().serialize("it.serde.enriched", article);
    byte[] timelineBytes = events.serializer().serialize("it.serde.events", timeline);
    byte[] assignmentBytes = assignments.serializer().serialize("it.serde.assignments", assignment);

    // the ids in the bytes are the ones Apicurio gave the TopicNameStrategy subjects
    SchemaRegistryClient fresh = client();
    assertThat(articleBytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
    assertThat(WireFormat.schemaId(articleBytes)).isEqualTo(fresh.latest("it.serde.enriched-value").id());
    assertThat(WireFormat.schemaId(timelineBytes)).isEqualTo(fresh.latest("it.serde.events-value").id());
    assertThat(WireFormat.schemaId(assignmentBytes)).isEqualTo(fresh.latest("it.serde.assignments-key").id());
    assertThat(articles.deserializer().deserialize("it.serde.enriched", articleBytes)).isEqualTo(article);
    assertThat(events.deserializer().deserialize("it.serde.events", timelineBytes)).isEqualTo(timeline);
    assertThat(assignments.deserializer().deserialize("it.serde.assignments", assignmentBytes)).isEqualTo(assignment);
    // tombstones both ways
    assertThat(events.serializer().serialize("it.serde.events", null)).isNull();
    assertThat(events.deserializer().deserialize("it.serde.events", null)).isNull();
    // a second serializer finds the registered schema without registering (auto.register.schemas=false)
    Map<String, Object> noRegister = Map.of(RegistryClientConfig.URL, apicurio.ccompatUrl(),
        AvroSerializer.AUTO_REGISTER_SCHEMAS, "false");
    assertThat(AvroSerde.of(EventTimeline.class, noRegister, false).serializer()
        .serialize("it.serde.events", timeline)).isEqualTo(timelineBytes);
  }

  @Test
  void aNewFieldWithDefaultRegistersAsVersionTwoAndOldDataStillReads() throws IOException {
    String topic = "it.evolution.enriched";
    String subject = TopicNameStrategy.subject(topic, false);
    SchemaRegistryClient client = client();
    client.setCompatibility(subject, "BACKWARD");
    // version 1 is EnrichedArticle before it carried an embedding (a nullable field, default null)
    Schema v1 = TestRecords.withoutField(EnrichedArticle.getClassSchema(), "embedding");
    int v1Id = client.register(subject, v1);
    EnrichedArticle before = EnrichedArticle.newBuilder(enrichedArticle("old")).setEmbedding(null).build();
    byte[] oldBytes = wireBytes(v1Id, v1, before);

    // the current class registers as version 2 (Apicurio checks it BACKWARD against version 1)
    AvroSerde<EnrichedArticle> serde = AvroSerde.of(EnrichedArticle.class,
        Map.of(RegistryClientConfig.URL, apicurio.ccompatUrl()), false);
    EnrichedArticle current = enrichedArticle("new");
    byte[] newBytes = serde.serializer().serialize(topic, current);

    assertThat(client().versions(subject)).containsExactly(1, 2);
    assertThat(WireFormat.schemaId(newBytes)).isEqualTo(client().version(subject, 2).id()).isNotEqualTo(v1Id);
    EnrichedArticle old = serde.deserializer().deserialize(topic, oldBytes);
    assertThat(old.getEmbedding()).isNull();
    assertThat(old).isEqualTo(before);
    assertThat(serde.deserializer().deserialize(topic, newBytes)).isEqualTo(current);
  }

  // ---- 3. the wire format: ids are Apicurio's ----

  @Test
  void bytesCarryApicuriosIdsAndDecodeWithADeserializerPointedAtApicurioOnly() throws Exception {
    RawArticle sent = TestRecords.article("wire-1");
    byte[] bytes = new AvroSerializer<>(RawArticle.class, client(), false, true, false).serialize("it.wire.raw", sent);
    int id = WireFormat.schemaId(bytes);

    // the id is Apicurio's own content id: its native API (not the Confluent one) serves the schema by it
    JsonNode nativeSchema = Json.parse(http("GET", apicurio.baseUrl() + "/apis/registry/v2/ids/contentIds/" + id, null, Map.of()));
    assertThat(new Schema.Parser().parse(nativeSchema.toString())).isEqualTo(RawArticle.getClassSchema());

    // deserializers with nothing cached, pointed at Apicurio only
    assertThat(new AvroDeserializer<>(RawArticle.class, client()).deserialize("it.wire.raw", bytes)).isEqualTo(sent);
    GenericRecord generic = new GenericAvroDeserializer(client()).deserialize("it.wire.raw", bytes);
    assertThat(generic.get("id").toString()).isEqualTo("wire-1");
    assertThat(generic.get("simhash")).isEqualTo(sent.getSimhash());
    assertThat(generic.getSchema()).isEqualTo(RawArticle.getClassSchema());

    // another registry has its own ids: newsline's embedded one does not know this id
    try (EmbeddedSchemaRegistry other = EmbeddedSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0)) {
      SchemaRegistryClient otherClient = new RestSchemaRegistryClient(RegistryClientConfig.of(other.url()));
      assertThatThrownBy(() -> new AvroDeserializer<>(RawArticle.class, otherClient).deserialize("it.wire.raw", bytes))
          .isInstanceOf(SerializationException.class)
          .hasRootCauseInstanceOf(SchemaNotFoundException.class);
    }
  }

  @Test
  void schemasRegisteredThroughApicuriosNativeApiServeConfluentFormatReaders() throws Exception {
    // an Apicurio-native tool uploads the schema, pretty-printed, as an artifact named like the subject
    String subject = "it.native.assignments-value";
    JsonNode meta = Json.parse(http("POST", apicurio.baseUrl() + "/apis/registry/v2/groups/default/artifacts",
        Json.parse(ArticleAssignment.getClassSchema().toString()).toPrettyString(),
        Map.of("X-Registry-ArtifactId", subject, "X-Registry-ArtifactType", "AVRO")));
    int contentId = meta.get("contentId").asInt();
    // Apicurio's lookup matches the exact text (Confluent's ignores whitespace) unless normalize=true,
    // which the client adds when the exact lookup finds nothing
    String lookup = apicurio.ccompatUrl() + "/subjects/" + subject;
    String body = Json.write(Map.of("schema", ArticleAssignment.getClassSchema().toString()));
    assertThat(status("POST", lookup, body)).isEqualTo(404);
    assertThat(status("POST", lookup + "?normalize=true", body)).isEqualTo(200);
    ArticleAssignment sent = ArticleAssignment.newBuilder().setArticleId("a-9").setEventId("ev-9")
        .setEventTime(Instant.ofEpochMilli(1_767_225_600_000L)).setSimilarity(1.0).setReason("opened").build();
    byte[] bytes = wireBytes(contentId, ArticleAssignment.getClassSchema(), sent);

    // the Confluent API sees the artifact as a subject, and its content id as the schema id
    SchemaRegistryClient client = client();
    assertThat(client.subjects()).contains(subject);
    assertThat(client.lookup(subject, ArticleAssignment.getClassSchema()).orElseThrow().id()).isEqualTo(contentId);
    assertThat(new AvroDeserializer<>(ArticleAssignment.class, client).deserialize("it.native.assignments", bytes))
        .isEqualTo(sent);
    // and our serializer, looking the schema up instead of registering it, writes the same bytes
    assertThat(new AvroSerializer<>(ArticleAssignment.class, client, false, false, false)
        .serialize("it.native.assignments", sent)).isEqualTo(bytes);
  }

  // ---- 4. a mode of Apicurio that would corrupt data is refused ----

  @Test
  void canonicalHashModeIsRefusedBeforeAnyRecordIsWritten() throws Exception {
    // registry.ccompat.use-canonical-hash=true (ENABLE_CCOMPAT_CANONICAL_HASH_MODE): Apicurio then
    // serves every schema with its record fields sorted by name, a schema that encodes differently
    try (ApicurioRegistryProcess canonical = ApicurioRegistryProcess.start(home, workDir, "canonical-hash",
        "-Dregistry.ccompat.use-canonical-hash=true")) {
      String subject = "it.canonical.raw-value";
      JsonNode registered = Json.parse(http("POST", canonical.ccompatUrl() + "/subjects/" + subject + "/versions",
          Json.write(Map.of("schema", RawArticle.getClassSchema().toString())), Map.of()));
      Schema served = new Schema.Parser().parse(Json.parse(http("GET",
          canonical.ccompatUrl() + "/schemas/ids/" + registered.get("id").asInt(), null, Map.of())).get("schema").asText());
      assertThat(served.getFields()).extracting(Schema.Field::name)
          .isSorted()
          .isNotEqualTo(RawArticle.getClassSchema().getFields().stream().map(Schema.Field::name).toList());

      SchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientConfig.of(canonical.ccompatUrl()));
      assertThatThrownBy(() -> new AvroSerializer<>(RawArticle.class, client, false, true, false)
              .serialize("it.canonical.raw", TestRecords.article("c-1")))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("serves a schema with a different binary encoding")
          .hasMessageContaining("registry.ccompat.use-canonical-hash");
      assertThatThrownBy(() -> client.lookup(subject, RawArticle.getClassSchema()))
          .isInstanceOf(SchemaRegistryException.class)
          .hasMessageContaining("different binary encoding");
    }
  }

  // ---- helpers ----

  private SchemaRegistryClient client() {
    return new RestSchemaRegistryClient(RegistryClientConfig.fromMap(Map.of(
        RegistryClientConfig.URL, apicurio.ccompatUrl(),
        RegistryClientConfig.RETRIES, "2",
        RegistryClientConfig.LATEST_CACHE_TTL_MS, "0")));
  }

  private static int code(Throwable e) {
    return ((SchemaRegistryException) e).errorCode();
  }

  /** Confluent wire-format bytes of a specific record written with the given (older) writer schema. */
  private static byte[] wireBytes(int schemaId, Schema writer, SpecificRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {0, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8), (byte) schemaId});
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<SpecificRecord>(writer, SpecificData.getForClass(record.getClass())).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private String http(String method, String url, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Accept", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("%s %s: %s", method, url, r.body()).isEqualTo(200);
    return r.body();
  }

  private static int status(String method, String url, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static EnrichedArticle enrichedArticle(String id) {
    String title = "Minister Ana Ruiz defends the flood plan";
    String text = "\"We acted in time,\" Ruiz said on Monday. Critics at Valley Watch disagreed.";
    Entity ruiz = Entity.newBuilder().setId("per:ana_ruiz").setName("Ana Ruiz").setType("PERSON").setSalience(0.92)
        .setStance(EntityStance.newBuilder().setLabel("positive").setScore(0.4)
            .setEvidence(List.of(Span.newBuilder().setStart(0).setEnd(41).setField("text").build())).build())
        .setMentions(List.of(
            Mention.newBuilder().setStart(9).setEnd(17).setField("title").setText("Ana Ruiz").build(),
            Mention.newBuilder().setStart(20).setEnd(24).setField("text").setText("Ruiz").build()))
        .build();
    Entity watch = Entity.newBuilder().setId("org:valley_watch").setName("Valley Watch").setType("ORGANIZATION")
        .setSalience(0.35)
        .setStance(EntityStance.newBuilder().setLabel("neutral").setScore(0.0).setEvidence(List.of()).build())
        .setMentions(List.of(Mention.newBuilder().setStart(53).setEnd(65).setField("text").setText("Valley Watch").build()))
        .build();
    return EnrichedArticle.newBuilder()
        .setId(id)
        .setUrl("https://example.org/news/" + id)
        .setCanonicalUrl("https://example.org/news/" + id)
        .setOutlet("example.org")
        .setTitle(title)
        .setText(text)
        .setLanguage("en")
        .setPublishedAt(Instant.ofEpochMilli(1_767_225_600_000L))
        .setIngestedAt(Instant.ofEpochMilli(1_767_225_660_000L))
        .setDuplicateOf(null)
        .setEntities(List.of(ruiz, watch))
        .setQuotes(List.of(Quote.newBuilder().setSpeakerId("per:ana_ruiz").setSpeaker("Ana Ruiz")
            .setText("We acted in time,").setStart(1).setEnd(18).setField("text").build()))
        .setEnricher("newsline-enrich test")
        .setEmbedding(ByteBuffer.wrap(new byte[] {12, -7, 127, -127, 0, 3}))
        .build();
  }

  static EventTimeline timeline() {
    Instant t0 = Instant.ofEpochMilli(1_767_225_600_000L);
    List<TimelineArticle> articles = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      articles.add(TimelineArticle.newBuilder().setId("a-" + i).setOutlet(i == 2 ? null : "outlet-" + i)
          .setUrl("https://example.org/" + i).setTitle("Flood update " + i).setTime(t0.plusSeconds(600L * i))
          .setStance(List.of(StanceSummary.newBuilder().setEntityId("per:ana_ruiz").setLabel("neutral").setScore(0.0).build()))
          .build());
    }
    return EventTimeline.newBuilder()
        .setEventId("ev-1a2b")
        .setLabel("Flood waters rise in the valley")
        .setStatus("active")
        .setFirstSeen(t0)
        .setLastUpdated(t0.plusSeconds(1200))
        .setVersion(5L)
        .setMergedFrom(List.of("ev-0001"))
        .setArticles(articles)
        .setTopEntities(List.of(EntityCount.newBuilder().setId("per:ana_ruiz").setName("Ana Ruiz").setType("PERSON")
            .setArticles(3).setMentions(7).build()))
        .setStanceByOutlet(List.of(OutletStance.newBuilder().setOutlet("outlet-0").setEntityId("per:ana_ruiz")
            .setEntityName("Ana Ruiz").setNegative(0).setNeutral(1).setPositive(0).setMeanScore(0.0).build()))
        .setQuotes(List.of(TimelineQuote.newBuilder().setSpeakerId(null).setSpeaker("a resident")
            .setText("The water came fast").setFirstOutlet("outlet-1").setFirstSeen(t0.plusSeconds(600))
            .setOutlets(List.of("outlet-1", "outlet-0")).setArticleIds(List.of("a-1", "a-0")).build()))
        .setArticleCount(3)
        .setOutletCount(2)
        .setEntityCount(1)
        .setQuoteCount(1)
        .build();
  }
}
