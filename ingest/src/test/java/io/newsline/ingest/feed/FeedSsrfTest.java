package io.newsline.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.avro.RawArticle;
import io.newsline.ingest.IngestTransaction;
import io.newsline.ingest.IngestError;
import io.newsline.ingest.IngestMetrics;
import io.newsline.ingest.fetch.FetchSettings;
import io.newsline.ingest.fetch.PoliteFetcher;
import io.newsline.ingest.testing.InMemorySink;
import io.newsline.ingest.testing.WebServer;
import io.newsline.runtime.ops.OpsServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server-side request forgery through a feed: the operator's feed is trusted, the links in it are
 * not. Items linking to this machine's metrics endpoint, to an internal service, to the cloud
 * metadata address or (through a redirect of the feed itself) elsewhere inside must not be
 * fetched, and the attempts are dead letters with reason forbidden_address and a metric.
 */
class FeedSsrfTest {
  private WebServer feeds;
  private WebServer internal;
  private OpsServer ops;
  private PoliteFetcher fetcher;
  private final InMemorySink sink = new InMemorySink();

  @BeforeEach
  void start() throws Exception {
    feeds = new WebServer();
    internal = new WebServer();
    internal.text("/admin", 200, "text/html", "<html><body><p>Internal admin page with secrets, long enough to be an article.</p></body></html>");
    internal.text("/robots.txt", 404, "text/plain", "");
    ops = OpsServer.start("127.0.0.1", 0);
    // the defaults: private networks not allowed
    fetcher = new PoliteFetcher(FetchSettings.defaults().withHostInterval(Duration.ofMillis(5)).withTimeout(Duration.ofSeconds(3)), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    fetcher.close();
    ops.close();
    internal.close();
    feeds.close();
  }

  @Test
  void itemLinksToThisMachineOrInternalAddressesAreNotFetched() throws Exception {
    int opsPort = ops.port();
    String feed = "<?xml version='1.0'?><rss version='2.0'><channel><title>Hostile</title>"
        + item("metrics", "http://127.0.0.1:" + opsPort + "/metrics", null)
        + item("metrics-by-name", "http://localhost:" + opsPort + "/metrics", null)
        + item("metrics-mapped", "http://[::ffff:127.0.0.1]:" + opsPort + "/metrics", null)
        + item("cloud-metadata", "http://169.254.169.254/latest/meta-data/iam/security-credentials/", null)
        + item("admin", internal.url("/admin"), "An innocent-looking summary of the admin page.")
        + "</channel></rss>";
    feeds.text("/feed.xml", 200, "application/rss+xml", feed);
    double before = FeedPollerTest.errors("feed", IngestError.FORBIDDEN_ADDRESS);
    FeedPoller poller = new FeedPoller(List.of(), Map.of(), fetcher, sink, Clock.systemUTC(),
        new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), new Random(1)), 1, 100, 500);

    FeedPoller.PollResult r = poller.poll(new FeedSource(feeds.url("/feed.xml"), Duration.ofMinutes(10), FeedSource.PageMode.AUTO));

    // the feed itself (configured, on this machine) was read; none of its links were followed
    assertThat(r.outcome()).isEqualTo("ok");
    assertThat(sink.articles()).extracting(RawArticle::getText)
        .containsExactly("An innocent-looking summary of the admin page.") // the feed's own text, not the page's
        .noneMatch(t -> t.contains("jvm_") || t.contains("secrets"));
    assertThat(internal.requests()).isEmpty(); // not even its robots.txt
    assertThat(sink.deadLetters()).hasSize(5).allSatisfy(d -> {
      assertThat(IngestMetrics.reasonOf(d.error())).isEqualTo(IngestError.FORBIDDEN_ADDRESS);
      assertThat(d.error().getMessage()).contains("refused").contains("allow-private-networks");
    });
    assertThat(messageFor("/latest/meta-data")).contains("169.254.169.254 is a link-local (169.254.0.0/16) address");
    assertThat(messageFor(opsPort + "/metrics")).contains("127.0.0.1 is a loopback address");
    assertThat(FeedPollerTest.errors("feed", IngestError.FORBIDDEN_ADDRESS)).isEqualTo(before + 5);
    poller.close();
  }

  @Test
  void theConfiguredFeedIsTrustedButNotWhereItRedirects() throws Exception {
    feeds.on("/moved.xml", ex -> {
      ex.getResponseHeaders().set("Location", "http://localhost:" + ops.port() + "/metrics");
      WebServer.send(ex, 302, null, new byte[0]);
    });
    FeedPoller poller = new FeedPoller(List.of(), Map.of(), fetcher, sink, Clock.systemUTC(),
        new Backoff(Duration.ofMinutes(1), Duration.ofHours(1), new Random(1)), 1, 100, 500);
    FeedPoller.PollResult r = poller.poll(new FeedSource(feeds.url("/moved.xml"), Duration.ofMinutes(10), FeedSource.PageMode.AUTO));
    assertThat(r.outcome()).isEqualTo("error");
    assertThat(sink.deadLetters()).singleElement().satisfies(d -> {
      assertThat(IngestMetrics.reasonOf(d.error())).isEqualTo(IngestError.FORBIDDEN_ADDRESS);
      assertThat(d.error().getMessage()).contains("http://localhost:" + ops.port() + "/metrics: refused");
    });
    poller.close();
  }

  private String messageFor(String linkPart) {
    return sink.deadLetters().stream().filter(d -> d.source().contains(linkPart)).map(IngestTransaction.Rejected::error)
        .map(Throwable::getMessage).findFirst().orElseThrow();
  }

  private static String item(String id, String link, String summary) {
    return "<item><guid>" + id + "</guid><title>" + id + "</title><link>" + link + "</link>"
        + (summary == null ? "" : "<description>" + summary + "</description>") + "</item>";
  }
}
