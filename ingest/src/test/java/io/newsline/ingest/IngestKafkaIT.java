package io.newsline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.avro.DeadLetter;
import io.newsline.avro.RawArticle;
import io.newsline.common.Json;
import io.newsline.common.Progress;
import io.newsline.ingest.feed.Backoff;
import io.newsline.ingest.feed.FeedPoller;
import io.newsline.ingest.feed.FeedSource;
import io.newsline.ingest.feed.FeedState;
import io.newsline.ingest.fetch.FetchSettings;
import io.newsline.ingest.fetch.PoliteFetcher;
import io.newsline.ingest.push.PushEndpoint;
import io.newsline.ingest.testing.WebServer;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.deadletter.DeadLetters;
import io.newsline.runtime.testing.EmbeddedStack;
import io.newsline.runtime.testing.TopicReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest on a real in-process broker and schema registry: a gzipped JSON Lines import with
 * duplicates and broken lines, the duplicate index rebuilt after a restart, a feed poll whose
 * articles and state land in one transaction and whose state is reloaded from the compacted
 * topic, and the push endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestKafkaIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private EmbeddedStack stack;
  private TopicSerdes serdes;

  @BeforeAll
  void start() throws Exception {
    stack = EmbeddedStack.start(1);
    serdes = new TopicSerdes(KafkaSettings.clientConfig(stack.settings()));
  }

  @AfterAll
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void gzippedJsonLinesImportWithDuplicatesAndBrokenLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("articles.jsonl.gz");
    int n = 1200;
    try (Writer w = new java.io.OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
      for (int i = 0; i < n; i++) {
        w.write(Json.write(Map.of("id", "imp-" + i, "title", "Article " + i, "text", text(i), "url", "https://site.example/a/" + i)) + "\n");
        if (i % 100 == 0) {
          w.write("{\"id\": \"broken-" + i + "\", \"text\": \n"); // bad JSON
          w.write(Json.write(Map.of("id", "copy-" + i, "text", "Syndicated.\n" + text(i), "url", "https://mirror.example/" + i)) + "\n");
        }
      }
    }
    try (IngestService service = new IngestService(stack.settings(), Instant::now); FileImporter runner = new FileImporter(service)) {
      Progress p = Progress.silent();
      runner.importFile(file, "jsonl", p);
      assertThat(runner.published()).isEqualTo(n + 12);
      assertThat(runner.rejected()).isEqualTo(12);
    }
    Map<String, byte[]> raw = TopicReader.latestByKey(TopicReader.readUntil(stack.bootstrapServers(), stack.topics().raw(),
        rs -> TopicReader.latestByKey(rs).keySet().stream().filter(k -> k.startsWith("jsonl:imp-") || k.startsWith("jsonl:copy-")).count() >= n + 12, WAIT));
    RawArticle copy = serdes.raw().deserializer().deserialize(stack.topics().raw(), raw.get("jsonl:copy-500"));
    assertThat(copy.getDuplicateOf()).isEqualTo("jsonl:imp-500");
    assertThat(copy.getDuplicateKind()).isEqualTo("near");
    List<ConsumerRecord<byte[], byte[]>> dls = TopicReader.readUntil(stack.bootstrapServers(), stack.topics().deadLetter(),
        rs -> rs.stream().filter(r -> source(r).contains("articles.jsonl.gz")).count() >= 12, WAIT);
    ConsumerRecord<byte[], byte[]> dl = dls.stream().filter(r -> source(r).contains("articles.jsonl.gz")).findFirst().orElseThrow();
    DeadLetter d = serdes.deadLetters().deserializer().deserialize(stack.topics().deadLetter(), dl.value());
    assertThat(d.getStage()).isEqualTo("ingest");
    assertThat(d.getErrorMessage()).contains("not valid JSON");
    assertThat(new String(dl.headers().lastHeader(DeadLetters.H_ERROR_MESSAGE).value(), StandardCharsets.UTF_8)).contains("not valid JSON");

    // a restarted service rebuilds its duplicate index from the raw topic and keeps linking copies
    try (IngestService again = new IngestService(stack.settings(), Instant::now)) {
      TransactionResult r = again.publish(List.of(new IncomingArticle("push", "it", "late-copy", "https://other.example/late", null, null,
          text(42) + "\nRepublished with permission.", null, false)));
      assertThat(r.articles().get(0).getDuplicateOf()).isEqualTo("jsonl:imp-42");
    }
  }

  @Test
  void feedPollArticlesAndStateAreCommittedTogetherAndStateIsReloaded() throws Exception {
    try (WebServer web = new WebServer();
        IngestService service = new IngestService(stack.settings(), Instant::now);
        PoliteFetcher fetcher = new PoliteFetcher(FetchSettings.defaults().withHostInterval(Duration.ofMillis(10)).withAllowPrivateNetworks(true), Clock.systemUTC())) {
      web.on("/feed.xml", ex -> {
        ex.getResponseHeaders().set("ETag", "\"e1\"");
        if ("\"e1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
          WebServer.send(ex, 304, null, new byte[0]);
          return;
        }
        WebServer.send(ex, 200, "application/rss+xml", ("<rss><channel><title>t</title><item><title>Kharkiv grid</title><link>"
            + web.url("/a/1") + "</link><description>" + text(7) + "</description></item></channel></rss>").getBytes(StandardCharsets.UTF_8));
      });
      web.text("/a/1", 200, "text/html", "<html><body><article><p>" + text(7).replace("\n", "</p><p>") + "</p></article></body></html>");
      FeedSource feed = new FeedSource(web.url("/feed.xml"), Duration.ofMinutes(5), FeedSource.PageMode.AUTO);
      Backoff backoff = new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), new Random(1));
      try (FeedPoller poller = new FeedPoller(List.of(feed), Map.of(), fetcher, service, Clock.systemUTC(), backoff, 1, 100, 500)) {
        assertThat(poller.poll(feed).articles()).isEqualTo(1);
      }
      Map<String, FeedState> saved = committedFeedStates(feed.url());
      assertThat(saved.get(feed.url()).etag()).isEqualTo("\"e1\"");
      assertThat(saved.get(feed.url()).seen()).hasSize(1);
      try (FeedPoller restarted = new FeedPoller(List.of(feed), saved, fetcher, service, Clock.systemUTC(), backoff, 1, 100, 500)) {
        assertThat(restarted.poll(feed).outcome()).isEqualTo("not_modified");
      }
      List<ConsumerRecord<byte[], byte[]>> raw = TopicReader.readUntil(stack.bootstrapServers(), stack.topics().raw(),
          rs -> rs.stream().anyMatch(r -> web.url("/a/1").equals(url(r))), WAIT);
      RawArticle a = raw.stream().filter(r -> web.url("/a/1").equals(url(r))).map(r -> serdes.raw().deserializer().deserialize(stack.topics().raw(), r.value())).findFirst().orElseThrow();
      assertThat(a.getSourceType()).isEqualTo("feed");
      assertThat(a.getTitle()).isEqualTo("Kharkiv grid");
      assertThat(a.getText()).isEqualTo(text(7));
    }
  }

  /**
   * The feed states once the poll's transaction is readable: commitTransaction returns when the
   * coordinator has decided, and the markers that move the partitions' last stable offset follow.
   */
  private Map<String, FeedState> committedFeedStates(String feedUrl) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Map<String, FeedState> saved = KafkaFeedStates.load(stack.settings());
    while (!saved.containsKey(feedUrl) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      saved = KafkaFeedStates.load(stack.settings());
    }
    return saved;
  }

  @Test
  void pushedArticlesReachTheRawTopic() throws Exception {
    try (IngestService service = new IngestService(stack.settings(), Instant::now);
        PushEndpoint push = PushEndpoint.start(service, "127.0.0.1", 0, "tkn", 100, 1 << 20)) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(push.url() + "/articles"))
          .header("Authorization", "Bearer tkn").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("id", "pushed-1", "text", text(3))))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(202);
    }
    Map<String, byte[]> raw = TopicReader.latestByKey(TopicReader.readUntil(stack.bootstrapServers(), stack.topics().raw(),
        rs -> TopicReader.latestByKey(rs).containsKey("push:pushed-1"), WAIT));
    assertThat(serdes.raw().deserializer().deserialize(stack.topics().raw(), raw.get("push:pushed-1")).getSourceType()).isEqualTo("push");
  }

  @Test
  void dateBeyondWhatATimestampHoldsIsPublishedAsUnknownInsteadOfFailingTheTransactionForever() {
    Instant overflow = Dates.parse("+999999999-12-31T23:59:59Z");
    try (IngestService service = new IngestService(stack.settings(), Instant::now)) {
      IncomingArticle item = new IncomingArticle("feed", "https://feeds.example/rss", "overflow-1", null, null,
          "Dated the end of time", text(11), overflow, false);
      TransactionResult r = service.publish(List.of(item));
      assertThat(r.articles()).hasSize(1);
      assertThat(r.articles().get(0).getPublishedAt()).isNull();
      assertThat(r.articles().get(0).getPublishedAtUntrusted()).isEqualTo("+999999999-12-31T23:59:59Z");
      // a feed offers the same item on every poll: published once, then recognised
      assertThat(service.publish(List.of(item)).unchanged()).isEqualTo(1);
    }
  }

  @Test
  void epochZeroAndTheYear2999AreUnknownFromEverySource(@TempDir Path dir) throws Exception {
    // "published_at": 0 was trusted as 1970-01-01 and put the article first on every timeline
    String[] claims = {"0", "1733580000", "\"2999-01-01T00:00:00Z\""}; // a null date, epoch seconds as milliseconds, far future
    Path file = dir.resolve("dates.jsonl");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < claims.length; i++) {
      lines.append("{\"id\": \"date-jsonl-").append(i).append("\", \"text\": \"").append(text(20 + i).replace("\n", "\\n"))
          .append("\", \"published_at\": ").append(claims[i]).append("}\n");
    }
    Files.writeString(file, lines);
    try (WebServer web = new WebServer();
        IngestService service = new IngestService(stack.settings(), Instant::now);
        FileImporter importer = new FileImporter(service);
        PushEndpoint push = PushEndpoint.start(service, "127.0.0.1", 0, "tkn", 100, 1 << 20);
        PoliteFetcher fetcher = new PoliteFetcher(FetchSettings.defaults().withHostInterval(Duration.ofMillis(10)).withAllowPrivateNetworks(true), Clock.systemUTC())) {
      importer.importFile(file, "jsonl", Progress.silent());
      for (int i = 0; i < claims.length; i++) {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(push.url() + "/articles"))
            .header("Authorization", "Bearer tkn").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"date-push-" + i + "\", \"text\": " + Json.write(text(30 + i))
                + ", \"published_at\": " + claims[i] + "}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      }
      web.text("/dates.xml", 200, "application/rss+xml", "<rss><channel><title>t</title>"
          + "<item><guid>urn:d0</guid><title>Epoch</title><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate><description>" + text(40) + "</description></item>"
          + "<item><guid>urn:d1</guid><title>Far</title><pubDate>Tue, 01 Jan 2999 00:00:00 GMT</pubDate><description>" + text(41) + "</description></item>"
          + "</channel></rss>");
      FeedSource feed = new FeedSource(web.url("/dates.xml"), Duration.ofMinutes(5), FeedSource.PageMode.NEVER);
      try (FeedPoller poller = new FeedPoller(List.of(feed), Map.of(), fetcher, service, Clock.systemUTC(),
          new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), new Random(1)), 1, 100, 10)) {
        assertThat(poller.poll(feed).articles()).isEqualTo(2);
      }
    }
    java.util.Set<String> texts = java.util.Set.of(text(20), text(21), text(22), text(30), text(31), text(32), text(40), text(41));
    java.util.function.Function<List<ConsumerRecord<byte[], byte[]>>, List<RawArticle>> ours = rs -> TopicReader.latestByKey(rs).values().stream()
        .map(v -> serdes.raw().deserializer().deserialize(stack.topics().raw(), v)).filter(a -> texts.contains(a.getText())).toList();
    List<RawArticle> dated = ours.apply(TopicReader.readUntil(stack.bootstrapServers(), stack.topics().raw(), rs -> ours.apply(rs).size() >= 8, WAIT));
    assertThat(dated).hasSize(8).allSatisfy(a -> {
      assertThat(a.getPublishedAt()).as(a.getId()).isNull();
      assertThat(a.getPublishedAtUntrusted()).as(a.getId()).isIn("1970-01-01T00:00:00Z", "1970-01-21T01:33:00Z", "2999-01-01T00:00:00Z");
    });
    assertThat(dated.stream().map(RawArticle::getSourceType).distinct()).containsExactlyInAnyOrder("jsonl", "push", "feed");
  }

  private String url(ConsumerRecord<byte[], byte[]> r) {
    try {
      return serdes.raw().deserializer().deserialize(stack.topics().raw(), r.value()).getUrl();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String source(ConsumerRecord<byte[], byte[]> r) {
    var h = r.headers().lastHeader(DeadLetters.H_SOURCE);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** A distinct article of a few paragraphs for each number. */
  static String text(int i) {
    Random r = new Random(i);
    String[] words = {"officials", "talks", "Moscow", "envoys", "ceasefire", "territory", "Kyiv", "said", "on", "Tuesday", "the",
        "plan", "security", "guarantees", "drones", "grid", "power", "winter", "sanctions", "Brussels", "after", "before", "in"};
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p < 4; p++) {
      sb.append("Report ").append(i).append(" paragraph ").append(p).append(':');
      for (int w = 0; w < 60; w++) {
        sb.append(' ').append(words[r.nextInt(words.length)]);
      }
      sb.append(".\n");
    }
    return sb.toString().strip();
  }
}
