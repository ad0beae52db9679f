package io.newsline.ingest.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.ingest.html.HtmlArticleExtractor.Extracted;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HtmlArticleExtractorTest {
  private final HtmlArticleExtractor extractor = new HtmlArticleExtractor();

  @Test
  void articlePageWithJsonLdAndEveryKindOfFurniture() throws IOException {
    Extracted e = extractor.extract(resource("pages/kremlin-talks.html"), "https://www.dailymeridian.example/world/kremlin-talks?ref=home");

    assertThat(e.text()).isEqualTo(resource("pages/kremlin-talks.expected.txt").strip());
    assertThat(e.title()).isEqualTo("Kremlin talks end without a deal as territory divides envoys");
    assertThat(e.byline()).isEqualTo("Anna Lindqvist, Tomasz Wrona");
    assertThat(e.publishedAt()).isEqualTo(Instant.parse("2025-12-03T08:15:00Z"));
    assertThat(e.canonicalUrl()).isEqualTo("https://www.dailymeridian.example/world/2025/12/03/kremlin-talks-end-without-deal?utm_source=rss");
    assertThat(e.language()).isEqualTo("en");
    assertThat(e.siteName()).isEqualTo("The Daily Meridian");
  }

  @Test
  void pageWithMetaTagsOnlyAndASidebar() throws IOException {
    Extracted e = extractor.extract(resource("pages/grid-repairs.html"), "https://kharkivcourier.example/news/grid-repairs?utm_medium=feed");

    assertThat(e.text()).isEqualTo(resource("pages/grid-repairs.expected.txt").strip());
    assertThat(e.title()).isEqualTo("Engineers race to restore power after overnight strikes");
    assertThat(e.byline()).isEqualTo("Olena Hrytsenko");
    assertThat(e.publishedAt()).isEqualTo(Instant.parse("2025-12-04T06:30:00Z"));
    assertThat(e.canonicalUrl()).isEqualTo("https://kharkivcourier.example/news/grid-repairs");
    assertThat(e.language()).isEqualTo("uk");
    assertThat(e.siteName()).isNull();
  }

  @Test
  void bareTextPageKeepsItsLines() {
    Extracted e = extractor.extract("<html><body>First line of a plain page, with commas, and words.<br>Second line, also text.</body></html>", null);
    assertThat(e.text()).isEqualTo("First line of a plain page, with commas, and words.\nSecond line, also text.");
    assertThat(e.title()).isNull();
    assertThat(e.canonicalUrl()).isNull();
  }

  @Test
  void aPageWithoutADateInItsMetadataKeepsTheDateLinePrintedWithItsArticle() {
    String body = "<body><article><h1>Sixers fire O'Brien, hire Cheeks</h1><p>Posted: May 24, 2005</p>"
        + "<p>The Philadelphia 76ers fired coach Jim O'Brien on Monday, and named Maurice Cheeks, the team said.</p></article></body>";
    Extracted undated = extractor.extract("<html><head><title>Sixers</title></head>" + body + "</html>", null);
    assertThat(undated.publishedAt()).isNull();
    assertThat(undated.text()).contains("Posted: May 24, 2005");
    Extracted dated = extractor.extract("<html><head><meta property='article:published_time' content='2005-05-24'></head>"
        + body + "</html>", null);
    assertThat(dated.publishedAt()).isNotNull();
    assertThat(dated.text()).doesNotContain("May 24, 2005");
  }

  @Test
  void brokenJsonLdFallsBackToMetaTags() {
    String html = "<html lang=de><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", broken</script>"
        + "<meta property='og:title' content='Titel aus Open Graph'><meta property='article:published_time' content='2025-12-01'>"
        + "</head><body><article><p>Ein Absatz mit genug Text, damit er als Artikeltext zählt, und mit Kommas, versteht sich.</p></article></body></html>";
    Extracted e = extractor.extract(html, "https://example.de/a");
    assertThat(e.title()).isEqualTo("Titel aus Open Graph");
    assertThat(e.publishedAt()).isEqualTo(Instant.parse("2025-12-01T00:00:00Z"));
    assertThat(e.language()).isEqualTo("de");
    assertThat(e.text()).startsWith("Ein Absatz");
  }

  @Test
  void pathologicalNestingIsReadAsTextQuickly() {
    StringBuilder html = new StringBuilder("<html><body>");
    for (int i = 0; i < 30_000; i++) {
      html.append("<div class='c").append(i % 7).append("'><p>Paragraph ").append(i).append(", with a comma, and text.</p>");
    }
    html.append("</body></html>");
    long t0 = System.nanoTime();
    Extracted e = extractor.extract(html.toString(), null);
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(30_000); // linear, not quadratic: about a second
    assertThat(e.text()).contains("Paragraph 29999, with a comma, and text.");
  }

  static String resource(String name) throws IOException {
    try (InputStream in = HtmlArticleExtractorTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
