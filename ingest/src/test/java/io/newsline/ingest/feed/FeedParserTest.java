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
  void anItemWithAnInvalidByteIsSetApartAndTheOthersAreKept() {
    Feed f = FeedParser.parse(badBytesIn(rss("<item><guid>a</guid><title>Good one</title><description>fine</description></item>",
        "<item><guid>b</guid><title>Bad \u0000 one</title><description>x</description></item>",
        "<item><guid>c</guid><title>Good two</title><description><![CDATA[<p>caf\u00e9 &amp; more</p>]]></description></item>")),
        null, "https://bad.example/rss");
    assertThat(f.title()).isEqualTo("Channel");
    assertThat(f.items()).extracting(FeedItem::id).containsExactly("a", "b", "c");
    assertThat(f.items().get(0).damage()).isNull();
    assertThat(f.items().get(2).damage()).isNull();
    assertThat(f.items().get(2).summary()).isEqualTo("<p>caf\u00e9 &amp; more</p>");
    FeedItem bad = f.items().get(1);
    assertThat(bad.damage()).isEqualTo("content is not valid UTF-8: byte 0xFF in 1 place of the item; the feed's other items are ingested");
    assertThat(bad.title()).isEqualTo("Bad \uFFFD one");
    // Atom alike
    Feed atom = FeedParser.parse(badBytesIn("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>"
        + "<entry><id>x</id><title>ok</title><summary>s</summary></entry><entry><id>y</id><title>b\u0000d</title><summary>s</summary></entry></feed>"),
        null, "https://bad.example/atom");
    assertThat(atom.items()).extracting(i -> i.damage() != null).containsExactly(false, true);
  }

  @Test
  void invalidBytesOutsideTheItemsOrInMostItemsOrInTheMarkupFailTheFeed() {
    String item = "<item><guid>%s</guid><title>t\u0000</title></item>";
    assertThatThrownBy(() -> FeedParser.parse(badBytesIn(rss(item.formatted("a"), item.formatted("b"), "<item><guid>c</guid></item>")), null, "https://x.example/rss"))
        .hasMessage("https://x.example/rss: content is not valid UTF-8: byte 0xFF at offset 102 (in 2 of 3 items: is its encoding labelled wrongly?)")
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.BAD_ENCODING);
    assertThatThrownBy(() -> FeedParser.parse(badBytesIn("<rss><channel><title>x</title><link>http://x\u0000/</link>"
        + "<item><guid>a</guid><title>t</title></item></channel></rss>"), null, "https://x.example/rss"))
        .hasMessageEndingWith("(outside its items)")
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.BAD_ENCODING);
    assertThatThrownBy(() -> FeedParser.parse(badBytesIn("<rss><channel><title>x</title><item><gu\u0000id>a</gu\u0000id></item></channel></rss>"),
        null, "https://x.example/rss"))
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.BAD_ENCODING);
    // in a comment the parser drops, an invalid byte harms nothing
    assertThat(FeedParser.parse(badBytesIn(rss("<!-- \u0000 --><item><guid>a</guid><title>t</title></item>")), null, "https://x.example/rss")
        .items()).singleElement().extracting(FeedItem::damage).isNull();
  }

  @Test
  void onlyUtf8IsSalvaged() {
    // 0x81 is no character in windows-1252: the whole feed fails, as it did (see FeedDamage)
    byte[] body = rss("<item><guid>a</guid><title>t</title></item>", "<item><guid>b</guid><title>t\u0000</title></item>",
        "<item><guid>c</guid><title>t</title></item>").replace("utf-8", "windows-1252").getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < body.length; i++) {
      body[i] = body[i] == 0 ? (byte) 0x81 : body[i];
    }
    assertThatThrownBy(() -> FeedParser.parse(body, null, "https://x.example/rss"))
        .hasMessageContaining("not valid windows-1252")
        .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
        .extracting(FetchException::reason).isEqualTo(IngestError.BAD_ENCODING);
  }

  private static String rss(String... items) {
    return "<?xml version='1.0' encoding='utf-8'?><rss><channel><title>Channel</title>" + String.join("", items) + "</channel></rss>";
  }

  /** UTF-8 bytes of the text with each U+0000 turned into the invalid byte 0xFF. */
  private static byte[] badBytesIn(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      b[i] = b[i] == 0 ? (byte) 0xFF : b[i];
    }
    return b;
  }

  @Test
  void linksThatAreNoWebPagesAreDroppedNotFetchedOrPublished() {
    Feed rss = FeedParser.parse(rss("<item><title>js</title><link>javascript:alert(1)</link><description>d</description></item>",
        "<item><guid>urn:uuid:42</guid><title>urn</title><description>d</description></item>",
        "<item><title>rel</title><link>../a/1</link></item>").getBytes(StandardCharsets.UTF_8), null, "https://n.example/feeds/rss");
    assertThat(rss.items()).extracting(FeedItem::link).containsExactly(null, null, "https://n.example/a/1");
    assertThat(rss.items()).extracting(FeedItem::id).satisfiesExactly(id -> assertThat(id).startsWith("sha256:"),
        id -> assertThat(id).isEqualTo("urn:uuid:42"), id -> assertThat(id).isEqualTo("https://n.example/a/1"));
    // a feed's xml:base made its entry link file:/etc/passwd
    Feed atom = FeedParser.parse(("<feed xmlns='http://www.w3.org/2005/Atom' xml:base='file:///etc/'><entry><id>1</id><link href='passwd'/>"
        + "<summary>s</summary></entry></feed>").getBytes(StandardCharsets.UTF_8), null, "https://n.example/atom");
    assertThat(atom.items()).singleElement().extracting(FeedItem::link).isNull();
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
