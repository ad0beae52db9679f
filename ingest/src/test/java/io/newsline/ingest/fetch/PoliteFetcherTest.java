package io.newsline.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.ingest.IngestError;
import io.newsline.ingest.testing.WebServer;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoliteFetcherTest {
  private WebServer web;
  private PoliteFetcher fetcher;

  @BeforeEach
  void start() throws Exception {
    web = new WebServer();
    fetcher = new PoliteFetcher(FetchSettings.defaults().withHostInterval(Duration.ofMillis(5)).withTimeout(Duration.ofSeconds(2))
        .withAllowPrivateNetworks(true), Clock.systemUTC()); // the pages are on this machine
  }

  @AfterEach
  void stop() {
    fetcher.close();
    web.close();
  }

  @Test
  void redirectsAreFollowedByHandWithinALimit() throws Exception {
    web.text("/robots.txt", 404, "text/plain", "");
    web.on("/old", ex -> redirect(ex, "new?x=1"));
    web.text("/new", 200, "text/html; charset=utf-8", "<p>moved here</p>");
    PoliteFetcher.Page p = fetcher.fetchPage(URI.create(web.url("/old")));
    assertThat(p.uri().toString()).isEqualTo(web.url("/new?x=1"));
    assertThat(p.text()).contains("moved here");

    for (int i = 0; i < 8; i++) {
      int next = i + 1;
      web.on("/hop" + i, ex -> redirect(ex, "/hop" + next));
    }
    assertThatThrownBy(() -> fetcher.fetchPage(URI.create(web.url("/hop0"))))
        .hasMessageContaining("more than 5 redirects")
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.TOO_MANY_REDIRECTS);
    web.on("/to-file", ex -> redirect(ex, "file:///etc/passwd"));
    assertThatThrownBy(() -> fetcher.fetchPage(URI.create(web.url("/to-file"))))
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.BAD_REDIRECT);
  }

  @Test
  void unreadableRobotsTxtMeansDisallowAndCrawlDelaySlowsTheHost() throws Exception {
    web.text("/robots.txt", 503, "text/plain", "down");
    web.text("/a", 200, "text/html", "<p>a</p>");
    assertThatThrownBy(() -> fetcher.fetchPage(URI.create(web.url("/a"))))
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.ROBOTS_DISALLOWED);
    assertThat(web.requests("/a")).isEmpty();

    try (WebServer other = new WebServer()) {
      other.text("/robots.txt", 200, "text/plain", "User-agent: *\nCrawl-delay: 0.3\n");
      other.text("/p", 200, "text/html", "<p>p</p>");
      for (int i = 0; i < 3; i++) {
        fetcher.fetchPage(URI.create(other.url("/p")));
      }
      List<WebServer.Request> pages = other.requests("/p");
      // three requests in slots 300 ms apart: at least 600 ms from first to last, less jitter
      assertThat(pages.get(2).nanos() - pages.get(0).nanos()).isGreaterThanOrEqualTo(Duration.ofMillis(450).toNanos());
    }
  }

  @Test
  void charsetsFromHeaderMetaAndBom() throws Exception {
    web.text("/robots.txt", 404, "text/plain", "");
    Charset cp1252 = Charset.forName("windows-1252");
    web.bytes("/meta", 200, "text/html", "<html><head><meta charset=\"windows-1252\"></head><body><p>Café “quoted”</p></body></html>".getBytes(cp1252));
    web.bytes("/header", 200, "text/html; charset=ISO-8859-1", "<p>Zürich</p>".getBytes(StandardCharsets.ISO_8859_1));
    byte[] bom = "\ufeff<p>Київ</p>".getBytes(StandardCharsets.UTF_8);
    web.bytes("/bom", 200, "text/html", bom);
    web.bytes("/plain", 200, "text/plain; charset=utf-8", "Plain text article.".getBytes(StandardCharsets.UTF_8));
    web.bytes("/unknown", 200, "text/html; charset=x-no-such-charset", "<p>x</p>".getBytes(StandardCharsets.UTF_8));
    assertThat(fetcher.fetchPage(URI.create(web.url("/meta"))).text()).contains("Café “quoted”");
    assertThat(fetcher.fetchPage(URI.create(web.url("/header"))).text()).contains("Zürich");
    assertThat(fetcher.fetchPage(URI.create(web.url("/bom"))).text()).isEqualTo("<p>Київ</p>");
    PoliteFetcher.Page plain = fetcher.fetchPage(URI.create(web.url("/plain")));
    assertThat(plain.isHtml()).isFalse();
    assertThat(plain.text()).isEqualTo("Plain text article.");
    assertThatThrownBy(() -> fetcher.fetchPage(URI.create(web.url("/unknown"))))
        .hasMessageContaining("unknown charset")
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.BAD_ENCODING);
  }

  @Test
  void connectionRefusedIsAConnectError() {
    assertThatThrownBy(() -> fetcher.fetchFeed(URI.create("http://127.0.0.1:1/feed"), null, null))
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.CONNECT_ERROR);
    assertThatThrownBy(() -> fetcher.fetchFeed(URI.create("ftp://example.org/feed"), null, null))
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.INVALID_URL);
  }

  private static void redirect(com.sun.net.httpserver.HttpExchange ex, String to) throws java.io.IOException {
    ex.getResponseHeaders().set("Location", to);
    WebServer.send(ex, 301, null, new byte[0]);
  }
}
