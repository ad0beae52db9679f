package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.avro.EventTimeline;
import io.newsline.common.Json;
import io.newsline.ingest.IncomingArticle;
import io.newsline.aggregate.AggregateStage;
import io.newsline.common.Closer;
import io.newsline.enrich.EnrichStage;
import io.newsline.ingest.FileImporter;
import io.newsline.ingest.IngestService;
import io.newsline.query.QueryApplication;
import io.newsline.query.QueryStage;
import io.newsline.query.testing.HeadlessChromium;
import io.newsline.runtime.AvroJson;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.ops.OpsServer;
import io.newsline.runtime.stage.StageContext;
import io.newsline.runtime.streams.StreamsStage;
import io.newsline.runtime.testing.EmbeddedStack;
import io.newsline.runtime.testing.TopicReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The query stage on a real in-process Kafka broker behind the real pipeline: the five sample
 * articles (and two unrelated ones) go through ingest, enrich and aggregate; two query instances
 * materialise the topics and each answers the API as specified. Then the dashboard in a real
 * browser (Debian's chromium, over the DevTools protocol): it shows the sample event with
 * Ushakov's quote, works from the keyboard, and a new article arriving while the page is open
 * appears without a reload. Screenshots go to cli/target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryStageIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Path SHOTS = Path.of("target", "screenshots");
  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private EmbeddedStack stack;
  private StreamsStage enrich;
  private StreamsStage aggregate;
  private IngestService ingest;
  private final List<QueryApplication> queries = new ArrayList<>();
  private final List<OpsServer> servers = new ArrayList<>();
  private final Closer closer = new Closer();
  private List<String> sampleIds;
  private String sampleEvent;

  @BeforeAll
  void start() throws Exception {
    stack = EmbeddedStack.start(1);
    enrich = new EnrichStage().startStreams(stack.settings());
    aggregate = new AggregateStage().startStreams(stack.settings());
    ingest = new IngestService(stack.settings(), Instant::now);
    for (int i = 0; i < 2; i++) {
      // as the stage process runs it, each instance with its own state folder (as on two machines)
      OpsServer ops = closer.register(OpsServer.start("127.0.0.1", 0));
      servers.add(ops);
      var settings = stack.settings().with("state.dir", stack.newStateDir("query-it-" + i).toString());
      queries.add(new QueryStage().start(new StageContext(settings, ops, closer)));
    }
    assertThat(enrich.awaitRunning(WAIT)).isTrue();
    assertThat(aggregate.awaitRunning(WAIT)).isTrue();
    for (QueryApplication q : queries) {
      assertThat(q.awaitRunning(WAIT)).isTrue();
    }
    try (FileImporter runner = new FileImporter(ingest)) {
      sampleIds = runner.publishSamples().articles().stream().map(a -> a.getId()).toList();
    }
    ingest.publish(List.of(
        article("quake", "Strong earthquake shakes northern Japan",
            "A magnitude 6.8 earthquake struck off the coast of Aomori in northern Japan on Monday, the Japan Meteorological "
                + "Agency said. Shinkansen services were halted and a tsunami advisory was issued for the Pacific coast. "
                + "Tohoku Electric Power said its Higashidori nuclear plant reported no abnormalities. Prime Minister "
                + "Shigeru Ishiba told reporters the government was assessing the damage."),
        article("final", "Real Madrid win Champions League final in Wembley",
            "Real Madrid beat Borussia Dortmund 2-0 at Wembley Stadium in London to win the Champions League for a record "
                + "15th time. Dani Carvajal headed the opener and Vinicius Junior sealed the win late on. Carlo Ancelotti "
                + "became the first coach to win the competition five times, UEFA said.")));
    assertThat(sampleIds).hasSize(5);
    JsonNode page = waitForJson(0, "/api/events", p -> p.path("events").size() >= 3
        && p.path("events").findValues("article_count").stream().anyMatch(n -> n.asInt() == 5));
    for (JsonNode e : page.path("events")) {
      if (e.path("article_count").asInt() == 5) {
        sampleEvent = e.path("event_id").asText();
      }
    }
    assertThat(sampleEvent).startsWith("ev-");
  }

  private static IncomingArticle article(String id, String title, String text) {
    return new IncomingArticle("test", "query-it", id, "https://example.org/" + id, "example-news", title, text, null, false);
  }

  @AfterAll
  void stop() throws Exception {
    closer.close();
    ingest.close();
    aggregate.close();
    enrich.close();
    stack.close();
  }

  // ---------- the API, as specified, on both instances

  @Test
  @Order(1)
  void everyInstanceListsTheSampleEventWithItsSummaryAndPeopleOrganisationsAndPlacesFirst() throws Exception {
    for (int i = 0; i < queries.size(); i++) {
      JsonNode page = waitForJson(i, "/api/events", p -> p.path("events").size() == 3);
      JsonNode e = find(page.path("events"), sampleEvent);
      assertThat(e.path("label").asText()).isNotBlank();
      assertThat(e.path("status").asText()).isEqualTo("active");
      assertThat(Instant.parse(e.path("first_seen").asText())).isBeforeOrEqualTo(Instant.parse(e.path("last_updated").asText()));
      assertThat(e.path("article_count").asInt()).isEqualTo(5);
      assertThat(e.path("outlet_count").asInt()).isEqualTo(5);
      JsonNode top = e.path("top_entities");
      assertThat(top.size()).isEqualTo(8);
      List<String> names = new ArrayList<>();
      for (JsonNode t : top) {
        assertThat(t.path("id").asText()).isNotBlank();
        assertThat(t.path("type").asText()).as(t.toString()).isIn("PERSON", "ORGANIZATION", "LOCATION");
        names.add(t.path("name").asText());
      }
      assertThat(names).contains("Vladimir Putin", "Kremlin").doesNotContain("Russian", "European");
      assertThat(page.path("next").isNull()).isTrue();
    }
    // most recently updated first
    List<Instant> times = new ArrayList<>();
    json(0, "/api/events").path("events").forEach(e -> times.add(Instant.parse(e.path("last_updated").asText())));
    assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  @Order(2)
  void filtersAndCursorsNarrowAndPageTheList() throws Exception {
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode p = json(1, "/api/events?limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(p.path("events").size()).isEqualTo(1);
      seen.add(p.path("events").get(0).path("event_id").asText());
      cursor = p.path("next").isNull() ? null : p.path("next").asText();
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(3).contains(sampleEvent);

    assertThat(ids(json(0, "/api/events?entity=per:vladimir_putin"))).containsExactly(sampleEvent);
    assertThat(ids(json(0, "/api/events?outlet=sample-outlet-3"))).containsExactly(sampleEvent);
    assertThat(ids(json(0, "/api/events?q=ushakov"))).containsExactly(sampleEvent);
    assertThat(ids(json(0, "/api/events?q=earthquake+japan"))).hasSize(1).doesNotContain(sampleEvent);
    assertThat(ids(json(0, "/api/events?status=active"))).hasSize(3);
    assertThat(ids(json(0, "/api/events?status=dormant"))).isEmpty();
    assertThat(ids(json(0, "/api/events?since=2999-01-01"))).isEmpty();
    assertThat(ids(json(0, "/api/events?limit=100000"))).hasSize(3); // capped, not refused
  }

  @Test
  @Order(3)
  void anEventIsTheTimelineJsonBatchWritesWithQuotesSpeakersOutletsAndStance() throws Exception {
    EventTimeline latest = latestTimeline(sampleEvent);
    for (int i = 0; i < queries.size(); i++) {
      HttpResponse<String> r = get(i, "/api/events/" + sampleEvent);
      assertThat(r.statusCode()).isEqualTo(200);
      // newsline batch writes timelines.jsonl lines with the same function from the same record
      assertThat(r.body()).isEqualTo(Json.write(AvroJson.of(latest)));
    }
    JsonNode t = json(0, "/api/events/" + sampleEvent);
    List<String> articleIds = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    for (JsonNode a : t.path("articles")) {
      articleIds.add(a.path("id").asText());
      times.add(Instant.parse(a.path("time").asText()));
      assertThat(a.path("outlet").asText()).startsWith("sample-outlet-");
    }
    assertThat(articleIds).containsExactlyInAnyOrderElementsOf(sampleIds);
    assertThat(times).isSorted();
    JsonNode ushakov = null;
    for (JsonNode q : t.path("quotes")) {
      if (q.path("text").asText().contains("more or less acceptable")) {
        ushakov = q;
      }
    }
    assertThat(ushakov).as("Ushakov's quote").isNotNull();
    assertThat(ushakov.path("speaker").asText()).isEqualTo("Yuri Ushakov");
    assertThat(ushakov.path("speaker_id").asText()).isEqualTo("per:yuri_ushakov");
    assertThat(ushakov.path("outlets").size()).isGreaterThanOrEqualTo(3);
    assertThat(t.path("stance_by_outlet").size()).isGreaterThan(0);
    assertThat(t.path("stance_by_outlet").get(0).has("mean_score")).isTrue();
  }

  @Test
  @Order(4)
  void articlesEntitiesAndTheOpenApiDescriptionAnswer() throws Exception {
    for (String id : sampleIds) {
      JsonNode a = json(1, "/api/articles/" + id);
      assertThat(a.path("event_id").asText()).isEqualTo(sampleEvent);
      assertThat(a.path("id").asText()).isEqualTo(id);
      assertThat(a.path("text").asText()).isNotBlank();
      // the enriched.jsonl shape
      JsonNode entity = a.path("entities").get(0);
      for (String field : List.of("id", "name", "type", "salience", "stance", "mentions")) {
        assertThat(entity.has(field)).as(field).isTrue();
      }
      assertThat(entity.path("stance").has("evidence")).isTrue();
      assertThat(a.has("quotes")).isTrue();
      assertThat(a.has("embedding")).isFalse();
    }
    JsonNode e = json(0, "/api/entities/" + URLEncoder.encode("per:vladimir_putin", StandardCharsets.UTF_8));
    assertThat(e.path("name").asText()).isEqualTo("Vladimir Putin");
    assertThat(e.path("type").asText()).isEqualTo("PERSON");
    assertThat(ids(e)).containsExactly(sampleEvent);
    assertThat(e.path("stance_by_outlet").size()).isEqualTo(5);

    JsonNode api = json(0, "/api/openapi.json");
    assertThat(api.path("openapi").asText()).startsWith("3.");
    for (String path : List.of("/api/events", "/api/events/{id}", "/api/entities/{id}", "/api/articles/{id}", "/api/stream")) {
      assertThat(api.path("paths").has(path)).as(path).isTrue();
    }
  }

  @Test
  @Order(5)
  void errorsAreStatusesWithAJsonReasonNeverAStackTrace() throws Exception {
    for (String path : List.of("/api/events/ev-000000000000", "/api/articles/nope", "/api/entities/per:nobody", "/api/nope")) {
      HttpResponse<String> r = get(0, path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(Json.parse(r.body()).path("error").asText()).as(path).isNotBlank();
    }
    for (String q : List.of("limit=-1", "status=open", "since=tomorrow", "cursor=%21%21")) {
      HttpResponse<String> r = get(0, "/api/events?" + q);
      assertThat(r.statusCode()).as(q).isEqualTo(400);
      assertThat(Json.parse(r.body()).path("error").asText()).as(q).isNotBlank();
      assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  @Order(6)
  void theLiveStreamOfAnyInstanceReplaysFromAPositionThenFollows() throws Exception {
    HttpResponse<java.io.InputStream> r = client.send(HttpRequest.newBuilder(URI.create(url(1, "/api/stream"))).header("Last-Event-ID", "0")
        .build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    Set<String> events = new HashSet<>();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null && events.size() < 3; line = lines.readLine()) {
        if (line.startsWith("data: ")) {
          events.add(Json.parse(line.substring(6)).path("event_id").asText());
        }
      }
    }
    assertThat(events).hasSize(3).contains(sampleEvent);
  }

  // ---------- the dashboard in a real browser

  @Test
  @Order(10)
  void theDashboardShowsTheSampleEventWorksFromTheKeyboardAndUpdatesLive() throws Exception {
    assumeTrue(HeadlessChromium.binary() != null, "no chromium: apt-get install chromium chromium-driver");
    String base = url(0, "");
    try (HeadlessChromium browser = HeadlessChromium.start(1280, 900)) {
      browser.open(base + "/");
      assertThat(browser.waitFor(card(sampleEvent), WAIT)).as("the event list shows the sample event").isTrue();
      assertThat(browser.waitFor("document.querySelector('#live').classList.contains('on')", WAIT)).as("live").isTrue();
      assertThat(browser.eval("document.querySelectorAll('#events .event-card').length").asInt()).isEqualTo(3);
      browser.screenshot(SHOTS.resolve("1-events.png"));

      // the event page: timeline, Ushakov's quote with every outlet, the stance chart, entity links
      browser.eval("location.hash = '#/events/" + sampleEvent + "'");
      assertThat(browser.waitFor("document.querySelector('.quotes') && document.querySelector('.quotes').textContent.includes('more or less acceptable')", WAIT)).isTrue();
      String quote = browser.eval("[...document.querySelectorAll('.quote')].find(q => q.textContent.includes('more or less acceptable')).textContent").asText();
      assertThat(quote).contains("Yuri Ushakov").contains("sample-outlet-");
      assertThat(browser.eval("document.querySelectorAll('.timeline li').length").asInt()).isEqualTo(5);
      assertThat(browser.eval("document.querySelectorAll('.matrix tbody tr').length").asInt()).isGreaterThan(3);
      assertThat(browser.eval("document.querySelector('a.chip[href=\"#/entities/per%3Avladimir_putin\"]') !== null").asBoolean()).isTrue();
      browser.screenshot(SHOTS.resolve("2-event.png"));

      // an entity page from the event page's link
      browser.eval("document.querySelector('a.chip[href=\"#/entities/per%3Avladimir_putin\"]').click()");
      assertThat(browser.waitFor("document.querySelector('h1') && document.querySelector('h1').textContent === 'Vladimir Putin' && document.querySelector('.bar')", WAIT)).isTrue();
      browser.screenshot(SHOTS.resolve("3-entity.png"));

      // an article, with its entities marked in the text
      browser.eval("location.hash = '#/articles/" + sampleIds.get(0) + "'");
      assertThat(browser.waitFor("document.querySelectorAll('mark.m').length > 10", WAIT)).isTrue();
      browser.screenshot(SHOTS.resolve("4-article.png"));

      // keyboard only: "/" focuses the search box, typing and Enter search, Tab reaches the result's link
      browser.eval("location.hash = '#/'");
      assertThat(browser.waitFor(card(sampleEvent), WAIT)).isTrue();
      browser.eval("document.activeElement.blur()");
      browser.press("/");
      assertThat(browser.eval("document.activeElement.id").asText()).isEqualTo("q");
      browser.type("Ushakov");
      browser.press("Enter");
      assertThat(browser.waitFor("location.hash === '#/?q=Ushakov' && document.querySelectorAll('#events .event-card').length === 1", WAIT)).isTrue();
      assertThat(browser.eval("document.querySelector('#events .event-card').dataset.eventId").asText()).isEqualTo(sampleEvent);
      boolean reached = false;
      for (int i = 0; i < 12 && !reached; i++) {
        browser.press("Tab");
        reached = browser.eval("document.activeElement.getAttribute('href') === '#/events/" + sampleEvent + "'").asBoolean();
      }
      assertThat(reached).as("Tab reaches the event's link").isTrue();
      browser.screenshot(SHOTS.resolve("5-search-keyboard.png"));
      browser.press("Enter");
      assertThat(browser.waitFor("location.hash === '#/events/" + sampleEvent + "'", WAIT)).isTrue();

      // live: back on the list, a new article arrives and its event changes on the open page
      browser.eval("location.hash = '#/'");
      assertThat(browser.waitFor(card(sampleEvent), WAIT)).isTrue();
      browser.eval("window.notReloaded = true");
      // a second tab shares the first one's stream: one browser holds one connection however many tabs
      browser.eval("window.tab2 = window.open(location.href, '_blank'); true");
      assertThat(browser.waitFor("window.tab2 && window.tab2.newsline && window.tab2.document.querySelector('#live.on') !== null", WAIT))
          .as("the second tab is live").isTrue();
      assertThat(queries.get(0).streamClients()).as("streams open for two tabs").isEqualTo(1);
      int before = browser.eval("window.newsline.liveUpdates.length").asInt();
      String id = ingest.publish(List.of(article("late-ushakov", "Kremlin aide Ushakov: Moscow talks with Witkoff and Kushner to continue",
          "Kremlin aide Yuri Ushakov said on Wednesday that the talks in Moscow between Vladimir Putin and U.S. envoys "
              + "Steve Witkoff and Jared Kushner would continue, after five hours of discussions produced no compromise on "
              + "territory in Ukraine. Ushakov said some American proposals were \"more or less acceptable\". Kirill Dmitriev "
              + "called the meeting productive. Donald Trump said the war was a mess and Volodymyr Zelensky warned against "
              + "games behind Ukraine's back."))).articles().get(0).getId();
      String event = waitForJson(0, "/api/articles/" + id, a -> !a.path("event_id").isNull()).path("event_id").asText();
      assertThat(browser.waitFor("window.newsline.liveUpdates.length > " + before + " && "
          + "window.newsline.liveUpdates.some(u => u.event_id === '" + event + "')", WAIT))
          .as("the new article's event reaches the open page").isTrue();
      assertThat(browser.waitFor(card(event), WAIT)).isTrue();
      assertThat(browser.eval("window.notReloaded === true").asBoolean()).as("no reload").isTrue();
      assertThat(browser.waitFor("window.tab2.newsline.liveUpdates.some(u => u.event_id === '" + event + "')", WAIT))
          .as("the second tab gets it too, passed on by the first").isTrue();
      browser.eval("window.tab2.close(); true");
      browser.screenshot(SHOTS.resolve("6-live-update.png"));

      // nothing came from elsewhere, nothing failed
      JsonNode origins = browser.eval("[...new Set(performance.getEntriesByType('resource').map(r => new URL(r.name).origin))]");
      for (JsonNode o : origins) {
        assertThat(o.asText()).isEqualTo(base);
      }
      assertThat(browser.errors()).isEmpty();
    }
  }

  // ---------- helpers

  private static String card(String eventId) {
    return "document.querySelector('[data-event-id=\"" + eventId + "\"]') !== null";
  }

  private String url(int instance, String path) {
    return servers.get(instance).url() + path;
  }

  private HttpResponse<String> get(int instance, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url(instance, path))).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(int instance, String path) throws Exception {
    HttpResponse<String> r = get(instance, path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }

  private JsonNode waitForJson(int instance, String path, java.util.function.Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = get(instance, path);
      if (r.statusCode() == 200) {
        last = Json.parse(r.body());
        if (done.test(last)) {
          return last;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("timed out waiting on " + path + "; last answer " + last);
  }

  private static JsonNode find(JsonNode events, String id) {
    for (Iterator<JsonNode> it = events.elements(); it.hasNext(); ) {
      JsonNode e = it.next();
      if (e.path("event_id").asText().equals(id)) {
        return e;
      }
    }
    throw new AssertionError(id + " not in " + events);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("events").forEach(e -> ids.add(e.path("event_id").asText()));
    return ids;
  }

  /** The event's latest record in the events topic, read as any consumer would. */
  private EventTimeline latestTimeline(String eventId) throws Exception {
    long version = json(0, "/api/events/" + eventId).path("version").asLong();
    TopicSerdes serdes = new TopicSerdes(KafkaSettings.clientConfig(stack.settings()));
    java.util.function.Function<byte[], EventTimeline> decode = v -> v == null ? null
        : serdes.events().deserializer().deserialize(stack.topics().events(), v);
    var records = TopicReader.readUntil(stack.bootstrapServers(), stack.topics().events(), rs -> {
      EventTimeline t = decode.apply(TopicReader.latestByKey(rs).get(eventId));
      return t != null && t.getVersion() == version;
    }, WAIT);
    return decode.apply(TopicReader.latestByKey(records).get(eventId));
  }
}
