package io.newsline.ingest.html;

import io.newsline.ingest.clean.CleanText;
import io.newsline.ingest.clean.TextCleaner;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * HTML page to article: metadata (title, byline, publish time, canonical URL, language, site) from
 * JSON-LD and meta tags, main text by {@link ContentExtractor}, then the plain-text cleaner for
 * furniture that sits inside the article container ("Advertisement", "Share this", prompts).
 * Plain Java; thread-safe.
 */
public final class HtmlArticleExtractor {
  private final TextCleaner cleaner = new TextCleaner();

  /** What was extracted; title, byline and the metadata fields may be null, text may be empty. */
  public record Extracted(
      String title, String byline, String text, Instant publishedAt, String canonicalUrl, String language, String siteName) {}

  /** Extracts the article from a page fetched from (or claiming to be) {@code url}, which may be null. */
  public Extracted extract(String html, String url) {
    Document doc = Jsoup.parse(html, url == null ? "" : url);
    PageMetadata meta = MetadataReader.read(doc, url);
    List<String> blocks = ContentExtractor.extract(doc);
    if (meta.title() != null && !blocks.isEmpty() && blocks.get(0).equalsIgnoreCase(meta.title())) {
      blocks = blocks.subList(1, blocks.size());
    }
    // a page without a machine-readable publication time keeps the date line printed with its article
    CleanText clean = cleaner.clean(String.join("\n", blocks), false, meta.publishedAt() == null);
    String byline = meta.byline() != null ? meta.byline() : clean.byline();
    return new Extracted(meta.title(), byline, clean.text(), meta.publishedAt(), meta.canonicalUrl(), meta.language(),
        meta.siteName());
  }
}
