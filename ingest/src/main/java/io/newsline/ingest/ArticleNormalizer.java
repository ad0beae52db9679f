package io.newsline.ingest;

import io.newsline.avro.RawArticle;
import io.newsline.common.Hashing;
import io.newsline.ingest.clean.CleanText;
import io.newsline.ingest.clean.TextCleaner;
import io.newsline.ingest.dedup.Deduplicator;
import io.newsline.ingest.dedup.SimHash;
import java.time.Instant;
import java.util.Locale;

/**
 * Turns an incoming article into a raw-topic record: cleaned title and text, canonical URL, stable
 * id, content hash and SimHash, and the link to the original when it is a duplicate. Plain Java.
 * Not thread-safe (the deduplicator is single-writer).
 */
public final class ArticleNormalizer {
  /** Larger inputs are rejected rather than truncated: a 5 MB "article" is not an article. */
  public static final int MAX_INPUT_CHARS = 5_000_000;
  public static final int MAX_TEXT_CHARS = 1_000_000;

  private final TextCleaner cleaner;
  private final Deduplicator dedup;

  public ArticleNormalizer(TextCleaner cleaner, Deduplicator dedup) {
    this.cleaner = cleaner;
    this.dedup = dedup;
  }

  /** The raw record for the article, or an exception saying why it cannot be one. */
  public RawArticle normalize(IncomingArticle delivered, Instant ingestedAt) {
    IncomingArticle in = delivered.html() ? fromHtml(delivered) : delivered;
    if (in.text() == null || in.text().isBlank()) {
      throw new RejectedInputException("article has no text");
    }
    if (in.text().length() > MAX_INPUT_CHARS) {
      throw new RejectedInputException("article text of " + in.text().length() + " characters exceeds the limit of " + MAX_INPUT_CHARS);
    }
    CleanText clean = cleaner.clean(in.text(), in.title() == null);
    String title = in.title() != null ? TextCleaner.normalizeTitle(in.title()) : clean.title();
    String text = clean.text();
    if (text.isBlank()) {
      throw new RejectedInputException("no article text left after removing page boilerplate");
    }
    if (text.length() > MAX_TEXT_CHARS) {
      throw new RejectedInputException("cleaned text of " + text.length() + " characters exceeds the limit of " + MAX_TEXT_CHARS);
    }
    String canonicalUrl = Urls.canonical(in.url());
    String contentHash = Hashing.sha256Hex(text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip());
    long simhash = SimHash.of((title == null ? "" : title + "\n") + text);
    String id = articleId(in, canonicalUrl, contentHash);
    Deduplicator.Duplicate dup = dedup.find(canonicalUrl, contentHash, simhash);
    if (dup != null && dup.originalId().equals(id)) {
      dup = null; // the same article again (a re-delivery or an update), not a copy of another one
    }
    if (dup == null) {
      dedup.remember(id, canonicalUrl, contentHash, simhash);
    }
    String outlet = in.outlet() != null ? in.outlet() : Urls.host(in.url());
    return RawArticle.newBuilder()
        .setId(id)
        .setSourceType(in.sourceType())
        .setSource(in.source())
        .setUrl(in.url())
        .setCanonicalUrl(canonicalUrl)
        .setOutlet(outlet)
        .setTitle(title)
        .setText(text)
        .setByline(null)
        .setLanguage(null)
        .setPublishedAt(in.publishedAt())
        .setIngestedAt(ingestedAt)
        .setContentHash(contentHash)
        .setSimhash(simhash)
        .setDuplicateOf(dup == null ? null : dup.originalId())
        .setDuplicateKind(dup == null ? null : dup.kind())
        .build();
  }

  /** An HTML page delivered as an article: extract it, keeping the fields the source gave. */
  private static IncomingArticle fromHtml(IncomingArticle d) {
    IncomingArticle page = io.newsline.ingest.source.HtmlPages.read(d.text(), d.url(), d.sourceType(), d.source());
    return new IncomingArticle(d.sourceType(), d.source(), d.id(), d.url() != null ? d.url() : page.url(),
        d.outlet() != null ? d.outlet() : page.outlet(), d.title() != null ? d.title() : page.title(),
        page.text(), d.publishedAt() != null ? d.publishedAt() : page.publishedAt(), false);
  }

  /** The source's own id, else a hash of the canonical URL, else of the source and the content. */
  static String articleId(IncomingArticle in, String canonicalUrl, String contentHash) {
    if (in.id() != null && !in.id().isBlank()) {
      return in.id().strip();
    }
    if (canonicalUrl != null) {
      return Hashing.shortId(canonicalUrl, 16);
    }
    return Hashing.shortId(in.sourceType() + "|" + in.source() + "|" + contentHash, 16);
  }

  /** Remembers an article already in the raw topic (start-up rebuild of the duplicate index). */
  public void remember(RawArticle a) {
    if (a.getDuplicateOf() == null) {
      dedup.remember(a.getId(), a.getCanonicalUrl(), a.getContentHash(), a.getSimhash());
    }
  }
}
