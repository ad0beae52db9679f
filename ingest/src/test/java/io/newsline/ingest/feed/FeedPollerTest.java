package io.newsline.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.newsline.avro.RawArticle;
import io.newsline.ingest.IngestError;
import io.newsline.ingest.IngestMetrics;
import io.newsline.ingest.IngestTransaction;
import io.newsline.ingest.fetch.FetchSettings;
import io.newsline.ingest.fetch.PoliteFetcher;
import io.newsline.ingest.testing.InMemorySink;
import io.newsline.ingest.testing.WebServer;
import io.newsline.runtime.ops.NewslineMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The poller against a real local HTTP server serving good and malicious feeds and pages: XXE,
 * billion laughs, a 50 MB page, invalid UTF-8, 304s, 500s and 503s, redirect loops, slow
 * responses, robots.txt. Every failure must be a clear error, a metric and a dead letter, and the
 * poller must keep going.
 */
class FeedPollerTest {
  private static final Duration HOST_INTERVAL = Duration.ofMillis(150);
  private WebServer web;
  private PoliteFetcher fetcher;
  private InMemorySink sink;

  @BeforeEach
  void start() throws IOException {
    web = new WebServer();
    FetchSettings settings = FetchSettings.defaults()
        .withTimeout(Duration.ofSeconds(1))
        .withHostInterval(HOST_INTERVAL)
        .withMaxPageBytes(1024 * 1024)
        .withAllowPrivateNetworks(true); // the pages are on this machine; FeedSsrfTest checks the guard
    fetcher = new PoliteFetcher(settings, Clock.systemUTC());
    sink = new InMemorySink();
    web.text("/robots.txt", 200, "text/plain", "User-agent: *\nDisallow: /private/\n\nUser-agent: newsline\nDisallow: /no-bots/\n");
    serveMaliciousThings();
  }

  @AfterEach
  void stop() {
    fetcher.close();
    web.close();
  }

  @Test
  void summaryOnlyItemsGetTheirPagesPolitelyAndEveryBadPageIsADeadLetter() throws Exception {
    web.on("/good.xml", ex -> {
      if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        ex.getResponseHeaders().set("ETag", "\"v1\"");
        WebServer.send(ex, 304, null, new byte[0]);
        return;
      }
      ex.getResponseHeaders().set("ETag", "\"v1\"");
      ex.getResponseHeaders().set("Last-Modified", "Wed, 03 Dec 2025 10:00:00 GMT");
      WebServer.send(ex, 200, "application/rss+xml; charset=utf-8", goodFeed().getBytes(StandardCharsets.UTF_8));
    });
    FeedPoller poller = poller(List.of());
    FeedSource feed = new FeedSource(web.url("/good.xml"), Duration.ofMinutes(10), FeedSource.PageMode.AUTO);
    double before = errors("feed", IngestError.TOO_LARGE);

    FeedPoller.PollResult first = poller.poll(feed);

    assertThat(first.outcome()).isEqualTo("ok");
    Map<String, RawArticle> byUrl = sink.articles().stream().collect(Collectors.toMap(RawArticle::getUrl, a -> a));
    RawArticle talks = byUrl.get(web.url("/articles/talks"));
    assertThat(talks.getText()).isEqualTo(resource("pages/kremlin-talks.expected.txt").strip());
    assertThat(talks.getTitle()).isEqualTo("Kremlin talks end without a deal");
    assertThat(talks.getByline()).isEqualTo("Anna Lindqvist, Tomasz Wrona");
    assertThat(talks.getCanonicalUrl()).isEqualTo("https://dailymeridian.example/world/2025/12/03/kremlin-talks-end-without-deal");
    assertThat(byUrl.get(web.url("/articles/full")).getText()).startsWith("Engineers in Kharkiv worked through the night");
    assertThat(web.requests("/articles/full")).isEmpty(); // the feed carried the full text
    // failed pages: the summary is still ingested, and the failure is a dead letter with a reason
    assertThat(byUrl.get(web.url("/articles/huge")).getText()).isEqualTo("A summary of the huge page.");
    Map<IngestError, String> deadLetters = reasons(sink.deadLetters());
    assertThat(deadLetters.keySet()).containsExactlyInAnyOrder(IngestError.TOO_LARGE, IngestError.BAD_ENCODING,
        IngestError.TIMEOUT, IngestError.REDIRECT_LOOP, IngestError.ROBOTS_DISALLOWED, IngestError.HTTP_4XX,
        IngestError.UNSUPPORTED_CONTENT_TYPE);
    assertThat(deadLetters.get(IngestError.TOO_LARGE)).contains("/articles/huge").contains("larger than the limit of 1048576 bytes")
        .contains("/articles/huge: the feed's summary was ingested instead: ");
    assertThat(deadLetters.get(IngestError.BAD_ENCODING)).contains("not valid UTF-8");
    assertThat(deadLetters.get(IngestError.TIMEOUT)).contains("/articles/slow").contains("within 1 s");
    assertThat(deadLetters.get(IngestError.REDIRECT_LOOP)).contains("/loop-a -> ").contains("/loop-b -> ");
    assertThat(deadLetters.get(IngestError.ROBOTS_DISALLOWED)).contains("/no-bots/secret");
    assertThat(deadLetters.get(IngestError.HTTP_4XX)).contains("HTTP 404");
    assertThat(errors("feed", IngestError.TOO_LARGE)).isEqualTo(before + 1);
    assertThat(web.requests("/no-bots/secret")).isEmpty();
    // politeness: one robots.txt, our User-Agent everywhere, requests to the host spaced out
    assertThat(web.requests("/robots.txt")).hasSize(1);
    assertThat(web.requests()).allSatisfy(r -> assertThat(r.header("User-Agent")).isEqualTo(FetchSettings.DEFAULT_USER_AGENT));
    // each request is sent in its own slot, one interval after the previous one; arrival times
    // jitter, so check the span: n requests cannot arrive faster than n - 1 intervals (less one of slack)
    List<WebServer.Request> all = web.requests();
    long span = all.get(all.size() - 1).nanos() - all.get(0).nanos();
    assertThat(span).isGreaterThanOrEqualTo((all.size() - 2) * HOST_INTERVAL.toNanos());
    // the state remembers the items and the validators
    FeedState st = poller.state(feed.url());
    assertThat(st.etag()).isEqualTo("\"v1\"");
    assertThat(st.seen()).hasSize(9);
    assertThat(st.nextPollAt()).isAfter(Instant.now().plus(Duration.ofMinutes(9)));

    // the next poll is a conditional GET: 304, nothing new
    int articles = sink.articles().size();
    FeedPoller.PollResult second = poller.poll(feed);
    assertThat(second.outcome()).isEqualTo("not_modified");
    assertThat(web.requests("/good.xml").get(1).header("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(web.requests("/good.xml").get(1).header("If-Modified-Since")).isEqualTo("Wed, 03 Dec 2025 10:00:00 GMT");
    assertThat(sink.articles()).hasSize(articles);

    // a restarted poller, on the saved state, does not ingest the items again
    FeedPoller reloaded = new FeedPoller(List.of(feed), Map.of(feed.url(), FeedState.fromJson(sink.state.get(feed.url()))),
        fetcher, sink, Clock.systemUTC(), backoff(), 1, 100, 500);
    assertThat(reloaded.poll(feed).outcome()).isEqualTo("not_modified");
    reloaded.close();
    poller.close();
  }

  @Test
  void maliciousAndBrokenFeedsFailCleanlyAndBackOff() throws Exception {
    FeedPoller poller = poller(List.of());
    Map<String, IngestError> expected = Map.of(
        "/xxe.xml", IngestError.XML_DTD_REFUSED,
        "/lol.xml", IngestError.XML_DTD_REFUSED,
        "/500", IngestError.HTTP_5XX,
        "/feed-loop", IngestError.REDIRECT_LOOP,
        "/huge-feed", IngestError.TOO_LARGE,
        "/bad-utf8-feed", IngestError.BAD_ENCODING,
        "/slow-feed", IngestError.TIMEOUT,
        "/page.html", IngestError.NOT_A_FEED,
        "/garbage", IngestError.XML_MALFORMED);
    for (var e : expected.entrySet()) {
      FeedSource feed = new FeedSource(web.url(e.getKey()), Duration.ofMinutes(5), FeedSource.PageMode.AUTO);
      double before = errors("feed", e.getValue());
      Instant now = Instant.now();

      FeedPoller.PollResult r = poller.poll(feed);

      assertThat(r.outcome()).as(e.getKey()).isEqualTo("error");
      IngestTransaction.Rejected dl = sink.deadLetters().get(sink.deadLetters().size() - 1);
      assertThat(dl.source()).isEqualTo(feed.url());
      assertThat(IngestMetrics.reasonOf(dl.error())).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(dl.error().getMessage()).startsWith(feed.url());
      assertThat(errors("feed", e.getValue())).isEqualTo(before + 1);
      FeedState st = poller.state(feed.url());
      assertThat(st.consecutiveErrors()).isEqualTo(1);
      assertThat(st.lastError()).isEqualTo(dl.error().getMessage());
      assertThat(st.nextPollAt()).isAfterOrEqualTo(now.plus(Duration.ofSeconds(30)));
      assertThat(FeedState.fromJson(sink.state.get(feed.url()))).isEqualTo(st);
    }
    assertThat(sink.articles()).isEmpty();
    assertThat(sink.deadLetters().stream().map(d -> d.error().getMessage()).filter(m -> m.contains("root:"))).isEmpty();

    // a second failure in a row waits longer; Retry-After is honoured
    FeedSource broken = new FeedSource(web.url("/500"), Duration.ofMinutes(5), FeedSource.PageMode.AUTO);
    Instant firstNext = poller.state(broken.url()).nextPollAt();
    poller.poll(broken);
    assertThat(poller.state(broken.url()).consecutiveErrors()).isEqualTo(2);
    assertThat(poller.state(broken.url()).nextPollAt()).isAfter(firstNext);
    FeedSource busy = new FeedSource(web.url("/503"), Duration.ofMinutes(5), FeedSource.PageMode.AUTO);
    Instant now = Instant.now();
    poller.poll(busy);
    assertThat(poller.state(busy.url()).nextPollAt()).isAfterOrEqualTo(now.plus(Duration.ofSeconds(600)));
    poller.close();
  }

  @Test
  void theScheduledPollerKeepsGoingWhateverTheFeedsDo() throws Exception {
    web.text("/small.xml", 200, "application/atom+xml", "<feed xmlns='http://www.w3.org/2005/Atom'><title>Small</title>"
        + "<entry><id>urn:1</id><title>One</title><link href='" + web.url("/private/one") + "'/>"
        + "<content type='html'>&lt;p&gt;" + "A full paragraph of text carried by the feed itself, with commas, and more words. ".repeat(8)
        + "&lt;/p&gt;</content></entry></feed>");
    List<FeedSource> feeds = List.of(
        new FeedSource(web.url("/xxe.xml"), Duration.ofSeconds(1), FeedSource.PageMode.AUTO),
        new FeedSource(web.url("/500"), Duration.ofSeconds(1), FeedSource.PageMode.AUTO),
        new FeedSource(web.url("/slow-feed"), Duration.ofSeconds(1), FeedSource.PageMode.AUTO),
        new FeedSource(web.url("/small.xml"), Duration.ofSeconds(1), FeedSource.PageMode.AUTO));
    FeedPoller poller = new FeedPoller(feeds, Map.of(), fetcher, sink, Clock.systemUTC(),
        new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), new Random(1)), 2, 100, 200);
    poller.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline
        && (web.requests("/small.xml").size() < 3 || poller.state(web.url("/xxe.xml")).consecutiveErrors() < 3)) {
      Thread.sleep(100);
    }
    poller.close();
    assertThat(web.requests("/small.xml").size()).isGreaterThanOrEqualTo(3);
    assertThat(poller.state(web.url("/xxe.xml")).consecutiveErrors()).isGreaterThanOrEqualTo(3);
    assertThat(poller.state(web.url("/500")).consecutiveErrors()).isGreaterThanOrEqualTo(2);
    assertThat(sink.articles()).extracting(RawArticle::getTitle).containsExactly("One"); // once, not once per poll
  }

  @Test
  void aFeedListingMoreItemsThanTheWindowIsReadOnceNotOverAndOver() throws Exception {
    // 2,500 items: the oldest 500 were forgotten while still listed, so every poll read them again
    int n = FeedState.SEEN_WINDOW + 500;
    StringBuilder xml = new StringBuilder("<rss><channel><title>Big</title>");
    for (int i = n; i > 0; i--) { // newest first
      xml.append("<item><guid>urn:big:").append(i).append("</guid><title>Item ").append(i).append("</title><description>Report ")
          .append(i).append(" of a long list, with a few words of its own.</description></item>");
    }
    web.text("/big.xml", 200, "application/rss+xml", xml.append("</channel></rss>").toString());
    FeedSource feed = new FeedSource(web.url("/big.xml"), Duration.ofMinutes(5), FeedSource.PageMode.NEVER);
    try (FeedPoller poller = new FeedPoller(List.of(feed), Map.of(), fetcher, sink, Clock.systemUTC(), backoff(), 1, n, 10)) {
      assertThat(poller.poll(feed).articles()).isEqualTo(n);
      assertThat(poller.state(feed.url()).seen()).hasSize(n);
      assertThat(poller.poll(feed).articles()).isZero();
    }
  }

  @Test
  void oneInvalidByteCostsItsItemOnlyOnceAndTheFeedsOtherItemsAreIngested() throws Exception {
    String text = "A full paragraph of text carried by the feed itself, with commas, and more words. ".repeat(8);
    StringBuilder feedXml = new StringBuilder("<?xml version='1.0' encoding='utf-8'?><rss><channel><title>Mixed</title>");
    for (String id : List.of("one", "bad", "two")) {
      feedXml.append("<item><guid>urn:").append(id).append("</guid><title>Item ").append(id).append(id.equals("bad") ? " \u0000" : "")
          .append("</title><description>").append(text).append("</description></item>");
    }
    byte[] body = feedXml.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < body.length; i++) {
      body[i] = body[i] == 0 ? (byte) 0xC3 : body[i]; // a Latin-1 "é" cut from its second byte
    }
    web.bytes("/mixed.xml", 200, "application/rss+xml", body);
    FeedPoller poller = new FeedPoller(List.of(), Map.of(), fetcher, sink, Clock.systemUTC(), backoff(), 1, 100, 200);
    FeedSource feed = new FeedSource(web.url("/mixed.xml"), Duration.ofMinutes(5), FeedSource.PageMode.AUTO);
    double before = errors("feed", IngestError.BAD_ENCODING);

    FeedPoller.PollResult r = poller.poll(feed);

    assertThat(r.outcome()).isEqualTo("ok");
    assertThat(sink.articles()).extracting(RawArticle::getTitle).containsExactlyInAnyOrder("Item one", "Item two");
    // one dead letter: a "urn:" guid (a permalink by RSS's default) is no page to fetch, not an invalid_url each
    IngestTransaction.Rejected dl = sink.deadLetters().get(0);
    assertThat(sink.deadLetters()).hasSize(1);
    assertThat(IngestMetrics.reasonOf(dl.error())).isEqualTo(IngestError.BAD_ENCODING);
    assertThat(dl.error().getMessage()).isEqualTo(feed.url() + ": item 'urn:bad': content is not valid UTF-8: byte 0xC3 in 1 place"
        + " of the item; the feed's other items are ingested");
    assertThat(dl.content()).contains("Item bad \uFFFD");
    assertThat(errors("feed", IngestError.BAD_ENCODING)).isEqualTo(before + 1);
    assertThat(poller.state(feed.url()).consecutiveErrors()).isZero();
    // seen like the others: the next poll neither ingests nor reports anything again
    int deadLetters = sink.deadLetters().size();
    poller.poll(feed);
    assertThat(sink.articles()).hasSize(2);
    assertThat(sink.deadLetters()).hasSize(deadLetters);
    poller.close();
  }

  @Test
  void whenPublishingFailsNothingIsMarkedSeen() throws Exception {
    web.text("/one.xml", 200, "application/rss+xml", "<rss><channel><title>t</title><item><title>Only item</title>"
        + "<link>" + web.url("/private/x") + "</link><description>Only a summary, but enough text to be kept as one.</description>"
        + "</item></channel></rss>");
    web.text("/private/x", 200, "text/html", "<html><body><article><p>The page of the only item, a paragraph long enough, with commas, to count.</p></article></body></html>");
    FeedPoller poller = poller(List.of());
    FeedSource feed = new FeedSource(web.url("/one.xml"), Duration.ofMinutes(1), FeedSource.PageMode.AUTO);
    sink.failing = true;
    poller.poll(feed);
    assertThat(poller.state(feed.url()).seen()).isEmpty();
    assertThat(poller.state(feed.url()).consecutiveErrors()).isEqualTo(1);
    sink.failing = false;
    poller.poll(feed);
    assertThat(sink.articles()).extracting(RawArticle::getText)
        .containsExactly("The page of the only item, a paragraph long enough, with commas, to count.");
    assertThat(poller.state(feed.url()).consecutiveErrors()).isZero();
    poller.close();
  }

  private FeedPoller poller(List<FeedSource> feeds) {
    return new FeedPoller(feeds, Map.of(), fetcher, sink, Clock.systemUTC(), backoff(), 1, 100, 500);
  }

  private static Backoff backoff() {
    return new Backoff(Duration.ofMinutes(1), Duration.ofHours(6), new Random(7));
  }

  private String goodFeed() throws IOException {
    String full = "<p>" + "Engineers in Kharkiv worked through the night to restore electricity to about two hundred thousand homes, officials said. ".repeat(6) + "</p>";
    StringBuilder sb = new StringBuilder("<?xml version='1.0' encoding='utf-8'?><rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>Good</title>");
    item(sb, "/articles/talks", "Kremlin talks end without a deal", "Five hours of talks ended without a deal.", null);
    item(sb, "/articles/full", "Engineers restore power", "Short summary.", full);
    item(sb, "/articles/huge", "A huge page", "A summary of the huge page.", null);
    item(sb, "/articles/bad-utf8", "Bad bytes", "A summary of the page with bad bytes.", null);
    item(sb, "/articles/slow", "A slow page", "A summary of the slow page.", null);
    item(sb, "/loop-a", "A loop", "A summary of the looping page.", null);
    item(sb, "/no-bots/secret", "Not for bots", "A summary of the page robots.txt forbids.", null);
    item(sb, "/articles/gone", "Gone", "A summary of the page that is gone.", null);
    item(sb, "/articles/pdf", "A PDF", "A summary of the PDF.", null);
    return sb.append("</channel></rss>").toString();
  }

  private void item(StringBuilder sb, String path, String title, String summary, String content) {
    sb.append("<item><title>").append(title).append("</title><link>").append(web.url(path)).append("</link><description>")
        .append(summary).append("</description>");
    if (content != null) {
      sb.append("<content:encoded><![CDATA[").append(content).append("]]></content:encoded>");
    }
    sb.append("</item>");
  }

  private void serveMaliciousThings() throws IOException {
    web.bytes("/articles/talks", 200, "text/html; charset=utf-8", resource("pages/kremlin-talks.html").getBytes(StandardCharsets.UTF_8));
    web.on("/articles/huge", ex -> { // 50 MB, chunked: the limit must abort the download
      ex.getResponseHeaders().set("Content-Type", "text/html");
      ex.sendResponseHeaders(200, 0);
      byte[] chunk = "<p>spam spam spam spam spam spam spam spam</p>\n".repeat(1400).getBytes(StandardCharsets.UTF_8);
      try (OutputStream out = ex.getResponseBody()) {
        for (long sent = 0; sent < 50L * 1024 * 1024; sent += chunk.length) {
          out.write(chunk);
        }
      }
    });
    byte[] badUtf8 = "<html><body><p>Caf\u0000 au lait, a paragraph long enough to be text.</p></body></html>".getBytes(StandardCharsets.UTF_8);
    badUtf8[badUtf8.length - 60] = (byte) 0xC3; // a lone lead byte
    web.bytes("/articles/bad-utf8", 200, "text/html; charset=utf-8", badUtf8);
    web.on("/articles/slow", ex -> {
      Thread.sleep(3000);
      WebServer.send(ex, 200, "text/html", "<p>too late</p>".getBytes(StandardCharsets.UTF_8));
    });
    web.on("/loop-a", ex -> redirect(ex, "/loop-b"));
    web.on("/loop-b", ex -> redirect(ex, "/loop-a"));
    web.text("/no-bots/secret", 200, "text/html", "<p>secret</p>");
    web.bytes("/articles/pdf", 200, "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII));
    web.bytes("/xxe.xml", 200, "application/rss+xml", FeedParserTest.bytes("feeds/xxe.xml"));
    web.bytes("/lol.xml", 200, "application/rss+xml", FeedParserTest.bytes("feeds/billion-laughs.xml"));
    web.text("/500", 500, "text/plain", "Internal Server Error");
    web.on("/503", ex -> {
      ex.getResponseHeaders().set("Retry-After", "600");
      WebServer.send(ex, 503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8));
    });
    web.on("/feed-loop", ex -> redirect(ex, "/feed-loop-2"));
    web.on("/feed-loop-2", ex -> redirect(ex, "/feed-loop"));
    web.on("/huge-feed", ex -> { // declares 50 MB up front: refused before the body is read
      ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
      ex.sendResponseHeaders(200, 50L * 1024 * 1024);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(new byte[64 * 1024]);
      }
    });
    byte[] badFeed = "<?xml version='1.0' encoding='utf-8'?><rss><channel><title>bad X</title></channel></rss>".getBytes(StandardCharsets.UTF_8);
    badFeed[60] = (byte) 0xFF;
    web.bytes("/bad-utf8-feed", 200, "application/rss+xml", badFeed);
    web.on("/slow-feed", ex -> { // headers at once, then a trickle that never finishes in time
      ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < 50; i++) {
          out.write("<!-- . -->".getBytes(StandardCharsets.UTF_8));
          out.flush();
          Thread.sleep(100);
        }
      }
    });
    web.text("/page.html", 200, "text/html", "<html><body><p>not a feed</p></body></html>");
    web.text("/garbage", 200, "application/xml", "this is <not xml");
  }

  private static void redirect(com.sun.net.httpserver.HttpExchange ex, String to) throws IOException {
    ex.getResponseHeaders().set("Location", to);
    WebServer.send(ex, 302, null, new byte[0]);
  }

  private static Map<IngestError, String> reasons(List<IngestTransaction.Rejected> dls) {
    return dls.stream().collect(Collectors.toMap(d -> IngestMetrics.reasonOf(d.error()), d -> d.error().getMessage(), (a, b) -> a + " | " + b));
  }

  static double errors(String sourceType, IngestError reason) {
    Counter c = NewslineMetrics.registry().find("newsline.ingest.errors").tags("source_type", sourceType, "reason", reason.label()).counter();
    return c == null ? 0 : c.count();
  }

  static String resource(String name) throws IOException {
    try (InputStream in = FeedPollerTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
