package io.newsline.query;

import static io.newsline.query.testing.Timelines.KREMLIN;
import static io.newsline.query.testing.Timelines.MOSCOW;
import static io.newsline.query.testing.Timelines.PUTIN;
import static io.newsline.query.testing.Timelines.USHAKOV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.EventTimeline;
import io.newsline.common.Json;
import io.newsline.common.config.Settings;
import io.newsline.common.http.HttpService;
import io.newsline.query.api.EventStream;
import io.newsline.query.api.QueryApi;
import io.newsline.query.model.EventIndex;
import io.newsline.query.model.EventsTopic;
import io.newsline.query.store.QueryTopology;
import io.newsline.query.store.RecordDecoder;
import io.newsline.query.store.StoreReader;
import io.newsline.query.testing.HeadlessChromium;
import io.newsline.query.testing.Timelines;
import io.newsline.runtime.AvroJson;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.Topics;
import io.newsline.runtime.testing.TestRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query topology on Kafka Streams' test driver (real global stores on RocksDB, a real registry)
 * behind the real HTTP API: what each endpoint answers, merges, bad records and the live stream.
 */
class QueryApiTest {
  private static TestRegistry registry;
  private static TopicSerdes serdes;
  private final Topics topics = new Topics(Settings.empty());
  private EventIndex index;
  private final List<String> deadLettered = new ArrayList<>();
  private final AtomicBoolean ready = new AtomicBoolean(true);
  private final BrokerSays broker = new BrokerSays();
  private final HttpClient client = HttpClient.newHttpClient();
  private TopologyTestDriver driver;
  private HttpService http;
  private TestInputTopic<String, byte[]> events;
  private TestInputTopic<String, byte[]> articles;
  private TestInputTopic<String, byte[]> assignments;

  @BeforeAll
  static void registry() {
    registry = new TestRegistry();
    serdes = new TopicSerdes(registry.serdeConfig());
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  private QueryApi api;

  /** Kafka Streams state of each test, deleted after it (thousands were left in /tmp). */
  @TempDir Path stateDirs;

  @BeforeEach
  void start() throws Exception {
    start(0);
  }

  /** A query instance, new index and stores, serving on this port (0: any). */
  private void start(int port) throws Exception {
    index = new EventIndex();
    Settings s = Settings.of(Map.of("bootstrap.servers", "unused:9092", "schema.registry.url", registry.url(),
        "query.limit.max", "3"));
    RecordDecoder decoder = new RecordDecoder((e, topic, p, o, k, v) -> deadLettered.add(new String(k, StandardCharsets.UTF_8)), () -> false);
    QueryTopology.Deserializers deserializers = new QueryTopology.Deserializers(
        serdes.events().deserializer(), serdes.enriched().deserializer(), serdes.assignments().deserializer());
    var topology = QueryTopology.build(topics, index, deserializers, decoder);
    Properties props = QueryApplication.streamsConfig(s, QuerySettings.from(s));
    props.put("state.dir", java.nio.file.Files.createTempDirectory(stateDirs, "query-test").toString());
    driver = new TopologyTestDriver(topology, props);
    events = driver.createInputTopic(topics.events(), new StringSerializer(), new ByteArraySerializer());
    articles = driver.createInputTopic(topics.enriched(), new StringSerializer(), new ByteArraySerializer());
    assignments = driver.createInputTopic(topics.assignments(), new StringSerializer(), new ByteArraySerializer());
    StoreReader reader = new StoreReader(name -> driver.getKeyValueStore(name), deserializers);
    api = new QueryApi(index, broker, reader, QuerySettings.from(s), ready::get);
    http = HttpService.builder("test", "127.0.0.1", port).errorBody((status, message) -> Map.of("error", message)).start();
    api.mount(http::route, http::errorHeader, QuerySettings.from(s).streamLimits(http.maxConnections(), http.maxConnectionsPerClient()));
  }

  @AfterEach
  void stop() {
    http.close();
    driver.close();
  }

  private void publish(EventTimeline t) {
    events.pipeInput(t.getEventId(), serdes.events().serializer().serialize(topics.events(), t));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    return Json.parse(r.body());
  }

  private static List<String> eventIds(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("events").forEach(e -> ids.add(e.path("event_id").asText()));
    return ids;
  }

  @Test
  void listsEventsWithFiltersAndCursorsAndCapsTheLimit() throws Exception {
    publish(Timelines.timeline("ev-talks", "Putin refuses compromise in Moscow talks", 4000, List.of("reuters", "bbc"), List.of(PUTIN, MOSCOW)));
    publish(Timelines.timeline("ev-aide", "Kremlin aide calls proposals acceptable", 3000, List.of("tass"), List.of(USHAKOV, KREMLIN)));
    publish(Timelines.timeline("ev-2", "Two", 2000, List.of("reuters"), List.of(PUTIN)));
    publish(Timelines.timeline("ev-1", "One", 1000, List.of("reuters"), List.of(PUTIN)));

    JsonNode all = json("/api/events?limit=1000");
    assertThat(eventIds(all)).containsExactly("ev-talks", "ev-aide", "ev-2"); // capped at query.limit.max=3
    JsonNode talks = all.path("events").get(0);
    assertThat(talks.path("label").asText()).isEqualTo("Putin refuses compromise in Moscow talks");
    assertThat(talks.path("status").asText()).isEqualTo("active");
    assertThat(talks.path("last_updated").asText()).isEqualTo(Instant.ofEpochMilli(4000).toString());
    assertThat(talks.path("first_seen").asText()).isEqualTo(Instant.ofEpochMilli(4000 - 60_000).toString());
    assertThat(talks.path("article_count").asInt()).isEqualTo(2);
    assertThat(talks.path("outlet_count").asInt()).isEqualTo(2);
    assertThat(talks.path("top_entities").get(0).toString())
        .isEqualTo("{\"id\":\"per:vladimir_putin\",\"name\":\"Vladimir Putin\",\"type\":\"PERSON\"}");
    assertThat(all.path("position").asText()).isEqualTo("4");

    JsonNode page1 = json("/api/events?limit=2");
    assertThat(eventIds(page1)).containsExactly("ev-talks", "ev-aide");
    JsonNode page2 = json("/api/events?limit=2&cursor=" + page1.path("next").asText());
    assertThat(eventIds(page2)).containsExactly("ev-2", "ev-1");
    assertThat(page2.path("next").isNull()).isTrue();

    assertThat(eventIds(json("/api/events?entity=per:yuri_ushakov"))).containsExactly("ev-aide");
    assertThat(eventIds(json("/api/events?outlet=BBC"))).containsExactly("ev-talks");
    assertThat(eventIds(json("/api/events?q=moscow+putin"))).containsExactly("ev-talks");
    assertThat(eventIds(json("/api/events?q=kreml"))).containsExactly("ev-aide");
    assertThat(eventIds(json("/api/events?since=" + Instant.ofEpochMilli(3000)))).containsExactly("ev-talks", "ev-aide");
    assertThat(eventIds(json("/api/events?since=2000&status=active"))).containsExactly("ev-talks", "ev-aide", "ev-2");
    assertThat(eventIds(json("/api/events?status=dormant"))).isEmpty();
    // times past what epoch milliseconds hold are valid ISO-8601 (they were a 500), and a limit
    // too long for an int is capped like any other large one (it was a 400)
    assertThat(eventIds(json("/api/events?since=%2B999999999-12-31T23:59:59Z"))).isEmpty();
    assertThat(eventIds(json("/api/events?since=-999999999-01-01T00:00:00Z"))).containsExactly("ev-talks", "ev-aide", "ev-2");
    assertThat(eventIds(json("/api/events?limit=99999999999999999999"))).containsExactly("ev-talks", "ev-aide", "ev-2");
  }

  @Test
  void badParametersAreA400WithAReasonAndUnknownIdsA404() throws Exception {
    publish(Timelines.timeline("ev-1", "One", 1000, List.of("reuters"), List.of(PUTIN)));
    for (String bad : List.of("limit=0", "limit=ten", "status=closed", "since=yesterday", "cursor=garbage!",
        "entity=" + "x".repeat(300), "q=" + "a+".repeat(13))) {
      HttpResponse<String> r = get("/api/events?" + bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(Json.parse(r.body()).path("error").asText()).as(bad).isNotBlank();
      assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
    for (String path : List.of("/api/events/ev-nope", "/api/entities/per:nobody", "/api/articles/nope", "/api/nothing")) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      if (!path.equals("/api/nothing")) {
        assertThat(r.headers().firstValue("Cache-Control")).as(path).contains("no-cache");
      }
      assertThat(Json.parse(r.body()).path("error").asText()).as(path).isNotBlank();
    }
    assertThat(get("/api/stream?from=x.y").statusCode()).isEqualTo(400);
    assertThat(get("/api/stream?from=1.2@no%20id").statusCode()).isEqualTo(400);
  }

  @Test
  void aSearchWithoutAWordFindsNothingAndRepeatedSlashesAreOne() throws Exception {
    publish(Timelines.timeline("ev-1", "One", 1000, List.of("reuters"), List.of(PUTIN)));
    // "!!!" has no word to look for: it was no filter at all and listed every event
    for (String q : List.of("!!!", "%E2%80%94", "..%20--")) {
      JsonNode page = json("/api/events?q=" + q);
      assertThat(eventIds(page)).as(q).isEmpty();
      assertThat(page.path("next").isNull()).isTrue();
    }
    assertThat(eventIds(json("/api/events?q=%20"))).as("a blank q is no search").containsExactly("ev-1");
    assertThat(get("/api/events?q=!!!&status=closed").statusCode()).as("the other parameters are still checked").isEqualTo(400);
    // "//api/events" was read as the authority "api" and the path "/events": a 404
    assertThat(eventIds(json("//api/events"))).containsExactly("ev-1");
    assertThat(json("/api//events//ev-1/").path("event_id").asText()).isEqualTo("ev-1");
  }

  @Test
  void aBrowsersCorsPreflightIsAllowedForReads() throws Exception {
    // a page of another origin reading with a header beyond the simple ones preflights: it was a 405
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/events/ev-1"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://elsewhere.example")
        .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "if-none-match, last-event-id")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, HEAD");
    assertThat(r.headers().firstValue("Access-Control-Allow-Headers")).contains("if-none-match, last-event-id");
    HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/events"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD, OPTIONS");
    // the server's own 405 and 404 (no route) carried neither: the other origin's page saw a CORS failure
    for (HttpResponse<String> own : List.of(post, get("/api/nothing"))) {
      assertThat(own.statusCode()).isIn(404, 405);
      assertThat(own.headers().firstValue("Access-Control-Allow-Origin")).as(own.uri().toString()).contains("*");
      assertThat(own.headers().firstValue("X-Content-Type-Options")).as(own.uri().toString()).contains("nosniff");
    }
  }

  @Test
  void theCountersAreThereAtZeroBeforeTheFirstRecordAndTheGlobalThreadFailsOnAFault() {
    String scrape = io.newsline.runtime.ops.NewslineMetrics.registry().scrape();
    assertThat(scrape).contains("newsline_records_total{outcome=\"dead_lettered\",stage=\"query\"}")
        .contains("newsline_records_total{outcome=\"materialised\",stage=\"query\"}");
    // the processing handler is on for global stores (Kafka warned at every start that it was not),
    // and it fails: the stages' dead-letter handler could not send from a global store (a record
    // would be dropped with a log line)
    Properties p = QueryApplication.streamsConfig(Settings.of(Map.of("bootstrap.servers", "b:9092", "schema.registry.url", "http://r")),
        QuerySettings.from(Settings.empty()));
    assertThat(p.getProperty("processing.exception.handler.global.enabled")).isEqualTo("true");
    assertThat(p.getProperty("processing.exception.handler"))
        .isEqualTo(org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler.class.getName());
  }

  @Test
  void anEventIsItsTimelineJsonAndAMergedIdRedirectsToTheSurvivor() throws Exception {
    EventTimeline b = Timelines.timeline("ev-b", "B", 1000, List.of("tass"), List.of(USHAKOV));
    publish(b);
    assertThat(get("/api/events/ev-b").body()).isEqualTo(Json.write(AvroJson.of(b)));

    EventTimeline a = Timelines.timeline("ev-a", "A", 2000, List.of("reuters", "tass"), List.of(PUTIN, USHAKOV));
    a.setMergedFrom(List.of("ev-b"));
    publish(a);
    events.pipeInput("ev-b", (byte[]) null);
    HttpResponse<String> moved = get("/api/events/ev-b");
    assertThat(moved.statusCode()).isEqualTo(301);
    assertThat(moved.headers().firstValue("Location")).contains("/api/events/ev-a");
    assertThat(Json.parse(moved.body()).path("merged_into").asText()).isEqualTo("ev-a");
    assertThat(eventIds(json("/api/events"))).containsExactly("ev-a");
    JsonNode timeline = json("/api/events/ev-a");
    assertThat(timeline.path("quotes").get(0).path("speaker").asText()).isEqualTo("Vladimir Putin");
    assertThat(timeline.path("quotes").get(0).path("outlets").toString()).isEqualTo("[\"reuters\",\"tass\"]");
  }

  @Test
  void anArticleIsItsEnrichedJsonWithTheEventItBelongsTo() throws Exception {
    EnrichedArticle art = EnrichedArticle.newBuilder().setId("art-1").setTitle("Talks").setText("Putin met Witkoff.")
        .setOutlet("reuters").setIngestedAt(Instant.ofEpochMilli(5)).setEntities(List.of()).setQuotes(List.of())
        .setEnricher("test").setEmbedding(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3})).build();
    articles.pipeInput("art-1", serdes.enriched().serializer().serialize(topics.enriched(), art));
    JsonNode unassigned = json("/api/articles/art-1");
    assertThat(unassigned.path("event_id").isNull()).isTrue();
    assertThat(unassigned.has("embedding")).isFalse();
    assertThat(unassigned.path("text").asText()).isEqualTo("Putin met Witkoff.");

    publish(Timelines.timeline("ev-1", "One", 1000, List.of("reuters"), List.of(PUTIN)));
    assignments.pipeInput("art-1", serdes.assignments().serializer().serialize(topics.assignments(),
        new ArticleAssignment("art-1", "ev-1", Instant.ofEpochMilli(5), 1.0, "opened", null, null, null)));
    JsonNode a = json("/api/articles/art-1");
    assertThat(a.path("event_id").asText()).isEqualTo("ev-1");
    assertThat(a.path("id").asText()).isEqualTo("art-1");
    assertThat(a.path("outlet").asText()).isEqualTo("reuters");
  }

  @Test
  void anEntityPageListsItsEventsAndTheStanceTowardItByOutlet() throws Exception {
    publish(Timelines.timeline("ev-1", "One", 1000, List.of("reuters", "bbc"), List.of(PUTIN, MOSCOW)));
    publish(Timelines.timeline("ev-2", "Two", 2000, List.of("tass"), List.of(MOSCOW, PUTIN)));
    JsonNode e = json("/api/entities/per:vladimir_putin");
    assertThat(e.path("name").asText()).isEqualTo("Vladimir Putin");
    assertThat(e.path("type").asText()).isEqualTo("PERSON");
    assertThat(e.path("event_count").asInt()).isEqualTo(2);
    assertThat(eventIds(e)).containsExactly("ev-2", "ev-1");
    assertThat(e.path("stance_by_outlet").toString()).contains("{\"outlet\":\"bbc\",\"negative\":1,\"neutral\":0,\"positive\":0,\"mean_score\":-0.5}");
  }

  @Test
  void aRecordThatCannotBeDecodedIsDeadLetteredAndTheRestIsServed() throws Exception {
    events.pipeInput("ev-poison", new byte[] {0, 0, 0, 0, 99, 1, 2});
    events.pipeInput("ev-json", "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
    publish(Timelines.timeline("ev-1", "One", 1000, List.of("reuters"), List.of(PUTIN)));
    assertThat(deadLettered).containsExactly("ev-poison", "ev-json");
    assertThat(eventIds(json("/api/events"))).containsExactly("ev-1");
  }

  @Test
  void untilTheStoresAreLoadedTheApiSaysSoWithA503() throws Exception {
    ready.set(false);
    HttpResponse<String> r = get("/api/events");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).contains("2");
    assertThat(Json.parse(r.body()).path("error").asText()).startsWith("starting");
    assertThat(get("/api/openapi.json").statusCode()).isEqualTo(200);
  }

  @Test
  void theLiveStreamResumesFromLastEventIdThenFollowsChanges() throws Exception {
    publish(Timelines.timeline("ev-1", "One", 1000, List.of("reuters"), List.of(PUTIN)));
    String seen = json("/api/events").path("position").asText();
    publish(Timelines.timeline("ev-2", "Two", 2000, List.of("reuters"), List.of(PUTIN)));
    HttpResponse<java.io.InputStream> r = client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/stream"))
        .header("Last-Event-ID", seen).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      List<String> message = nextMessage(lines); // retry
      assertThat(message).containsExactly("retry: 2000");
      message = nextMessage(lines); // what was missed: ev-2 only
      assertThat(message.get(0)).isEqualTo("id: 2");
      assertThat(Json.parse(message.get(1).substring("data: ".length())).path("event_id").asText()).isEqualTo("ev-2");
      assertThat(nextMessage(lines)).containsExactly("id: 2");
      // live: ev-1 updated, then removed
      publish(Timelines.timeline("ev-1", "One", 3000, List.of("reuters", "bbc"), List.of(PUTIN)));
      message = nextMessage(lines);
      assertThat(message.get(0)).isEqualTo("id: 3");
      JsonNode summary = Json.parse(message.get(1).substring("data: ".length()));
      assertThat(summary.path("event_id").asText()).isEqualTo("ev-1");
      assertThat(summary.path("article_count").asInt()).isEqualTo(2);
      events.pipeInput("ev-1", (byte[]) null);
      message = nextMessage(lines);
      assertThat(message).containsExactly("id: 4", "event: removed", "data: {\"event_id\":\"ev-1\",\"merged_into\":null}");
    }
  }

  @Test
  void aPositionTheTopicCanNeverReachGetsAResetThenLiveChangesNotSilence() throws Exception {
    broker.id = "NEWxINCARNATION";
    publish(Timelines.timeline("ev-1", "One", 1000, List.of("reuters"), List.of(PUTIN)));
    publish(Timelines.timeline("ev-2", "Two", 2000, List.of("reuters"), List.of(PUTIN)));
    broker.ends = new long[] {2};
    assertThat(json("/api/events").path("position").asText()).isEqualTo("2@NEWxINCARNATION");
    // a tab open since before `local --fresh`: its position (an older page's, without topic id) is beyond the topic's end
    try (BufferedReader lines = stream("41")) {
      assertThat(nextMessage(lines)).containsExactly("retry: 2000");
      List<String> reset = nextMessage(lines);
      assertThat(reset.subList(0, 2)).containsExactly("id: 2@NEWxINCARNATION", "event: reset");
      JsonNode data = Json.parse(reset.get(2).substring("data: ".length()));
      assertThat(data.path("position").asText()).isEqualTo("2@NEWxINCARNATION");
      assertThat(data.path("reason").asText()).contains("beyond the end of the events topic");
      assertThat(nextMessage(lines)).containsExactly("id: 2@NEWxINCARNATION");
      publish(Timelines.timeline("ev-3", "Three", 3000, List.of("reuters"), List.of(PUTIN)));
      List<String> live = nextMessage(lines); // offset 2, below the stale 41: skipped before the fix
      assertThat(live.get(0)).isEqualTo("id: 3@NEWxINCARNATION");
      assertThat(Json.parse(live.get(1).substring("data: ".length())).path("event_id").asText()).isEqualTo("ev-3");
    }
    broker.ends = new long[] {3};
    // a position naming another incarnation is void even where its offsets exist in this one
    try (BufferedReader lines = stream("1@OLDxINCARNATION")) {
      assertThat(nextMessage(lines)).containsExactly("retry: 2000");
      assertThat(nextMessage(lines).subList(0, 2)).containsExactly("id: 3@NEWxINCARNATION", "event: reset");
    }
  }

  @Test
  void aPositionAheadOfALaggingInstanceButWithinTheTopicWaitsForIt() throws Exception {
    broker.id = "SAMExINCARNATION";
    publish(Timelines.timeline("ev-1", "One", 1000, List.of("reuters"), List.of(PUTIN)));
    broker.ends = new long[] {3}; // another instance has read to 3 already; this one is at 1
    try (BufferedReader lines = stream("3@SAMExINCARNATION")) {
      assertThat(nextMessage(lines)).containsExactly("retry: 2000");
      assertThat(nextMessage(lines)).containsExactly("id: 3@SAMExINCARNATION");
      publish(Timelines.timeline("ev-2", "Two", 2000, List.of("reuters"), List.of(PUTIN)));
      publish(Timelines.timeline("ev-3", "Three", 3000, List.of("reuters"), List.of(PUTIN)));
      publish(Timelines.timeline("ev-4", "Four", 4000, List.of("reuters"), List.of(PUTIN)));
      List<String> live = nextMessage(lines); // offsets 1 and 2 the client has: not sent again
      assertThat(live.get(0)).isEqualTo("id: 4@SAMExINCARNATION");
      assertThat(Json.parse(live.get(1).substring("data: ".length())).path("event_id").asText()).isEqualTo("ev-4");
    }
    // a position without topic id, within what the instance has read, resumes as before and gets the id
    try (BufferedReader lines = stream("3")) {
      assertThat(nextMessage(lines)).containsExactly("retry: 2000");
      assertThat(nextMessage(lines).get(0)).isEqualTo("id: 4@SAMExINCARNATION");
    }
  }

  @Test
  void theDashboardLoadsAgainWhenItsStreamResumesOnARecreatedTopic() throws Exception {
    assumeTrue(HeadlessChromium.binary() != null, "no chromium: apt-get install chromium chromium-driver");
    broker.id = "FIRSTxTOPIC";
    publish(Timelines.timeline("ev-1", "One", 1000, List.of("reuters"), List.of(PUTIN)));
    publish(Timelines.timeline("ev-2", "Two", 2000, List.of("reuters"), List.of(PUTIN)));
    broker.ends = new long[] {2};
    int port = URI.create(http.baseUrl()).getPort();
    Duration wait = Duration.ofSeconds(30);
    try (HeadlessChromium browser = HeadlessChromium.start(1024, 768)) {
      browser.open(http.baseUrl() + "/");
      assertThat(browser.waitFor("document.querySelectorAll('#events .event-card').length === 2", wait)).isTrue();
      assertThat(browser.waitFor("document.querySelector('#live').classList.contains('on')", wait)).isTrue();
      // `newsline local --fresh` with the tab open: the instance goes, the topic is recreated, a new instance comes
      stop();
      broker.id = "SECONDxTOPIC";
      start(port);
      publish(Timelines.timeline("ev-9", "Nine", 9000, List.of("reuters"), List.of(PUTIN)));
      broker.ends = new long[] {1};
      assertThat(browser.waitFor("[...document.querySelectorAll('#events .event-card')].map(c => c.dataset.eventId).join() === 'ev-9'", wait))
          .as("the tab drops the old topic's events and shows the new one's").isTrue();
      publish(Timelines.timeline("ev-10", "Ten", 10000, List.of("reuters"), List.of(PUTIN)));
      assertThat(browser.waitFor("window.newsline.liveUpdates.some(u => u.event_id === 'ev-10')", wait))
          .as("and follows it live").isTrue();
      assertThat(browser.errors()).as("nothing but the stream the old instance cut")
          .allMatch(e -> e.startsWith("log: Failed to load resource: net::") && e.contains("/api/stream"));
    }
  }

  @Test
  void theDashboardShowsHostileTextAsTextAndKeepsSearchResultsTheApiFound() throws Exception {
    assumeTrue(HeadlessChromium.binary() != null, "no chromium: apt-get install chromium chromium-driver");
    String hostile = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";
    Timelines.E evil = new Timelines.E("per:evil", "Evil " + hostile);
    EventTimeline x = Timelines.timeline("ev-x", "Label " + hostile, 1000,
        List.of("reuters", "\"><svg onload=window.pwned=3>"), List.of(evil, PUTIN));
    x.getQuotes().get(0).setText("said " + hostile);
    x.getArticles().get(0).setUrl("javascript:window.pwned=4");
    publish(x);
    publish(Timelines.timeline("ev-2", "Two", 2000, List.of("bbc"), List.of(PUTIN)));
    Duration wait = Duration.ofSeconds(30);
    String noInjection = "window.pwned === undefined && !document.querySelector('[onerror], [onload], main script, main img, a[href^=\"javascript:\"]')";
    try (HeadlessChromium browser = HeadlessChromium.start(1024, 768)) {
      browser.open(http.baseUrl() + "/");
      assertThat(browser.waitFor("document.querySelectorAll('#events .event-card').length === 2", wait)).isTrue();
      assertThat(browser.eval("document.querySelector('[data-event-id=\"ev-x\"] h2').textContent").asText()).contains("<script>");
      assertThat(browser.eval(noInjection).asBoolean()).as("list").isTrue();
      browser.open(http.baseUrl() + "/#/events/ev-x");
      assertThat(browser.waitFor("!!document.querySelector('blockquote') && !!document.querySelector('h1')?.textContent.includes('<img')", wait)).isTrue();
      assertThat(browser.eval("document.querySelector('main').textContent").asText())
          .contains("said " + hostile).contains("\"><svg onload=window.pwned=3>");
      assertThat(browser.eval(noInjection).asBoolean()).as("event page").isTrue();
      browser.open(http.baseUrl() + "/#/entities/per:evil");
      assertThat(browser.waitFor("!!document.querySelector('h1')?.textContent.startsWith('Evil <img')", wait)).isTrue();
      assertThat(browser.eval(noInjection).asBoolean()).as("entity page").isTrue();

      // a search without a word lists nothing, and a live change does not add to it
      browser.open(http.baseUrl() + "/#/?q=!!!");
      assertThat(browser.waitFor("document.querySelector('h1')?.textContent === 'Search results' && document.getElementById('empty')?.hidden === false"
          + " && document.querySelector('#live').classList.contains('on')", wait)).isTrue();
      publish(Timelines.timeline("ev-3", "Three", 3000, List.of("reuters"), List.of(PUTIN)));
      Thread.sleep(2000); // an absence: a live change reaches the page within milliseconds here
      assertThat(browser.eval("document.querySelectorAll('#events .event-card').length").asInt()).isZero();

      // an event the API found by its outlet stays listed when it changes (it was dropped: the
      // page matched the change against label and entity names only)
      browser.open(http.baseUrl() + "/#/?q=reuters");
      assertThat(browser.waitFor("[...document.querySelectorAll('#events .event-card')].map(c => c.dataset.eventId).join() === 'ev-3,ev-x'", wait)).isTrue();
      EventTimeline x2 = Timelines.timeline("ev-x", "Label " + hostile, 4000, List.of("reuters", "afp", "ap"), List.of(evil, PUTIN));
      publish(x2);
      assertThat(browser.waitFor("document.querySelector('[data-event-id=\"ev-x\"]')?.dataset.version === '3'", wait))
          .as("ev-x updated in place").isTrue();
      assertThat(browser.errors()).isEmpty();
    }
  }

  private BufferedReader stream(String lastEventId) throws Exception {
    HttpResponse<java.io.InputStream> r = client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/stream"))
        .header("Last-Event-ID", lastEventId).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    return new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
  }

  /** The broker's view of the events topic, as the test sets it (the test driver has no broker). */
  private static final class BrokerSays implements EventsTopic {
    volatile String id;
    volatile long[] ends;

    @Override
    public String knownId() {
      return id;
    }

    @Override
    public State current() {
      return ends == null ? null : new State(id, ends);
    }
  }

  @Test
  void liveStreamsAreBoundedInAllAndPerAddressAndLeaveConnectionsForRequests() throws Exception {
    api.stream().limit(new EventStream.Limits(3, 2));
    List<HttpResponse<java.io.InputStream>> open = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        open.add(client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/stream")).build(), HttpResponse.BodyHandlers.ofInputStream()));
        assertThat(open.get(i).statusCode()).isEqualTo(200);
      }
      HttpResponse<String> third = get("/api/stream");
      assertThat(third.statusCode()).isEqualTo(503);
      assertThat(third.headers().firstValue("Retry-After")).contains("2");
      assertThat(Json.parse(third.body()).path("error").asText()).contains("query.stream.clients.per-address");
      assertThat(get("/api/events").statusCode()).isEqualTo(200); // requests still find a connection
      HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/stream"))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(head.statusCode()).isEqualTo(200); // a HEAD opens no stream
      assertThat(api.stream().clients()).isEqualTo(2);
      open.remove(0).body().close();
      assertThat(HeadlessChromium.poll(() -> api.stream().clients() == 1, Duration.ofSeconds(30))).isTrue();
      open.add(client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/api/stream")).build(), HttpResponse.BodyHandlers.ofInputStream()));
      assertThat(open.get(1).statusCode()).isEqualTo(200);
    } finally {
      for (HttpResponse<java.io.InputStream> r : open) {
        r.body().close();
      }
    }
  }

  @Test
  void aStreamWhoseClientClosedFreesItsPlaceWithinSecondsNotAtTheNextHeartbeat() throws Exception {
    // 16 reloads within the heartbeat (15 s) left 16 streams counted: the next one was a 503
    for (int i = 0; i < api.stream().limits().perAddress(); i++) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", URI.create(http.baseUrl()).getPort())) {
        s.getOutputStream().write("GET /api/stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        assertThat(in.readLine()).as("reload " + i).startsWith("HTTP/1.1 200");
      }
    }
    assertThat(HeadlessChromium.poll(() -> api.stream().clients() == 0, Duration.ofSeconds(5))).as("streams still counted: " + api.stream().clients()).isTrue();
    try (BufferedReader again = stream("")) {
      assertThat(again.readLine()).isEqualTo("retry: 2000");
    }
  }

  @Test
  void streamLimitsStayBelowTheServersConnectionLimits() {
    Settings base = Settings.of(Map.of("bootstrap.servers", "unused:9092"));
    assertThat(QuerySettings.from(base).streamLimits(128, 64)).isEqualTo(new EventStream.Limits(64, 16));
    Settings proxy = Settings.of(Map.of("query.stream.clients.max", "40", "query.stream.clients.per-address", "32"));
    assertThat(QuerySettings.from(proxy).streamLimits(128, 64)).isEqualTo(new EventStream.Limits(40, 32));
    Settings tooMany = Settings.of(Map.of("query.stream.clients.max", "100"));
    assertThatThrownBy(() -> QuerySettings.from(tooMany).streamLimits(128, 64))
        .hasMessageContaining("query.stream.clients.max must be at most 64");
  }

  private static List<String> nextMessage(BufferedReader lines) throws java.io.IOException {
    List<String> m = new ArrayList<>();
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.isEmpty()) {
        if (!m.isEmpty()) {
          return m;
        }
        continue;
      }
      m.add(line);
    }
    return m;
  }
}
