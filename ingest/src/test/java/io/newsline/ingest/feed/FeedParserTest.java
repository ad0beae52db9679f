package io.newsline.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.ingest.IngestError;
import io.newsline.ingest.fetch.FetchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class FeedParserTest {
  @Test
  void rss2WithRelativeLinksGuidsCdataAndFullContent() throws IOException {
    Feed f = FeedParser.parse(bytes("feeds/rss2.xml"), null, "https://www.dailymeridian.example/rss");
    assertThat(f.format()).isEqualTo("rss2");
    assertThat(f.language()).isEqualTo("en");
    assertThat(f.items()).hasSize(2);
    FeedItem a = f.items().get(0);
    assertThat(a.id()).isEqualTo("meridian-48213");
    assertThat(a.link()).isEqualTo("https://www.dailymeridian.example/world/kremlin-talks");
    assertThat(a.published()).isEqualTo(Instant.parse("2025-12-03T08:15:00Z"));
    assertThat(a.author()).isEqualTo("Anna Lindqvist");
    assertThat(a.categories()).containsExactly("Europe");
    assertThat(a.content()).isNull();
    FeedItem b = f.items().get(1);
    assertThat(b.id()).isEqualTo("https://www.dailymeridian.example/world/kharkiv-grid");
    assertThat(b.title()).isEqualTo("Engineers race to restore power & heat in Kharkiv");
    assertThat(b.published()).isEqualTo(Instant.parse("2025-12-04T11:30:00Z"));
    assertThat(b.content()).startsWith("<p>Engineers in Kharkiv");
  }

  @Test
  void rss1Rdf() throws IOException {
    Feed f = FeedParser.parse(bytes("feeds/rss1.rdf"), null, "https://courier.example/rss");
    assertThat(f.format()).isEqualTo("rss1");
    FeedItem i = f.items().get(0);
    assertThat(i.id()).isEqualTo("https://courier.example/a/1");
    assertThat(i.title()).isEqualTo("Café owners in Lviv reopen after power returns");
    assertThat(i.published()).isEqualTo(Instant.parse("2025-12-05T08:00:00Z"));
    assertThat(i.author()).isEqualTo("Iryna Koval");
  }

  @Test
  void atomWithXmlBaseHtmlTitlesAndXhtmlContent() throws IOException {
    Feed f = FeedParser.parse(bytes("feeds/atom.xml"), null, "https://zeitung.example/atom.xml");
    assertThat(f.format()).isEqualTo("atom");
    assertThat(f.language()).isEqualTo("de");
    FeedItem a = f.items().get(0);
    assertThat(a.title()).isEqualTo("Gespräche in Moskau ohne Einigung");
    assertThat(a.link()).isEqualTo("https://zeitung.example/politik/moskau-gespraeche");
    assertThat(a.id()).isEqualTo("tag:zeitung.example,2025:politik-1");
    assertThat(a.published()).isEqualTo(Instant.parse("2025-12-03T08:00:00Z"));
    assertThat(a.author()).isEqualTo("Jonas Becker");
    assertThat(a.content()).contains("<p>Fünf Stunden lang verhandelten");
    FeedItem b = f.items().get(1);
    assertThat(b.link()).isEqualTo("https://zeitung.example/kurz/2");
    assertThat(b.published()).isEqualTo(Instant.parse("2025-12-03T13:00:00Z"));
    assertThat(b.summary()).isEqualTo("<p>Kurz gemeldet.</p>");
  }

  @Test
  void anItemDateWithAnInvalidOffsetIsUnknownNotMidnight() {
    String rss = "<rss version=\"2.0\"><channel><title>t</title>"
        + "<item><guid>a</guid><title>A</title><pubDate>2026-12-07T10:00:00+25:00</pubDate></item>"
        + "<item><guid>b</guid><title>B</title><pubDate>Mon, 07 Dec 2026 10:00:00 +2500</pubDate></item>"
        + "</channel></rss>";
    String atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
        + "<entry><id>c</id><title>C</title><updated>2026-12-07T10:00:00+25:00</updated></entry></feed>";
    assertThat(FeedParser.parse(rss.getBytes(StandardCharsets.UTF_8), null, "https://a.example/rss").items())
        .extracting(FeedItem::published).containsExactly(null, null);
    assertThat(FeedParser.parse(atom.getBytes(StandardCharsets.UTF_8), null, "https://a.example/atom").items())
        .extracting(FeedItem::published).containsExactly((Instant) null);
  }

  @Test
  void declaredEncodingIsHonoured() throws IOException {
    Feed f = FeedParser.parse(bytes("feeds/latin1.xml"), null, "https://latin.example/rss");
    assertThat(f.items().get(0).title()).isEqualTo("Café reopens");
  }

  @Test
  void xxeIsRefused() throws IOException {
    assertThatThrownBy(() -> FeedParser.parse(bytes("feeds/xxe.xml"), null, "https://evil.example/xxe"))
        .isInstanceOf(FetchException.class)
        .hasMessageContaining("DTD")
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.XML_DTD_REFUSED);
  }

  @Test
  void billionLaughsIsRefusedQuickly() throws IOException {
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> FeedParser.parse(bytes("feeds/billion-laughs.xml"), null, "https://evil.example/lol"))
        .isInstanceOf(FetchException.class)
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.XML_DTD_REFUSED);
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
  }

  @Test
  void invalidUtf8IsABadEncodingError() {
    byte[] body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><title>x\u0000</title></channel></rss>"
        .replace("\u0000", "\u00ff").getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> FeedParser.parse(body, null, "https://bad.example/rss"))
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.BAD_ENCODING);
    assertThatThrownBy(() -> FeedParser.parse(body, "utf-8", "https://bad.example/rss"))
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.BAD_ENCODING);
  }

  @Test
  void htmlAndGarbageAreNotFeeds() {
    assertThatThrownBy(() -> FeedParser.parse("<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8), null, "https://x.example/"))
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.NOT_A_FEED);
    assertThatThrownBy(() -> FeedParser.parse("not xml at all".getBytes(StandardCharsets.UTF_8), null, "https://x.example/"))
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.XML_MALFORMED);
  }

  static byte[] bytes(String name) throws IOException {
    try (InputStream in = FeedParserTest.class.getClassLoader().getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
