package io.newsline.ingest;

import io.newsline.avro.RawArticle;
import io.newsline.common.Hashing;
import io.newsline.common.PublicationTime;
import io.newsline.ingest.clean.CleanText;
import io.newsline.ingest.clean.TextCleaner;
import io.newsline.ingest.dedup.Deduplicator;
import io.newsline.ingest.dedup.Fingerprint;
import io.newsline.ingest.dedup.Redeliveries;
import io.newsline.ingest.html.HtmlArticleExtractor;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Turns an incoming article into a raw-topic record: HTML extracted, title and text cleaned,
 * canonical URL, stable id, content hash and fingerprints, and the link to the original when it is
 * a duplicate. Plain Java. {@link #prepare} is thread-safe; {@link #link} and {@link #normalize}
 * are not (the deduplicator is single-writer).
 */
public final class ArticleNormalizer {
  /** Larger inputs are rejected rather than truncated: a 5 MB "article" is not an article. */
  public static final int MAX_INPUT_CHARS = 5_000_000;
  public static final int MAX_TEXT_CHARS = 1_000_000;
  /**
   * Limits on what a source delivers: longer values reject the article (the source is told why).
   * Values extracted from a page are cut or dropped instead: the page is not the source's fault.
   */
  public static final int MAX_ID_CHARS = 256;
  public static final int MAX_URL_CHARS = 4096;
  public static final int MAX_TITLE_CHARS = 1000;
  public static final int MAX_BYLINE_CHARS = 500;
  public static final int MAX_OUTLET_CHARS = 200;
  public static final int MAX_LANGUAGE_CHARS = 35;

  private final TextCleaner cleaner;
  private final Deduplicator dedup;
  private final Duration futureSkew;
  private final Redeliveries redeliveries;
  private final HtmlArticleExtractor html = new HtmlArticleExtractor();

  public ArticleNormalizer(TextCleaner cleaner, Deduplicator dedup) {
    this(cleaner, dedup, PublicationTime.DEFAULT_SKEW);
  }

  /** @param futureSkew how far past ingestion time a publication time may lie and still be trusted */
  public ArticleNormalizer(TextCleaner cleaner, Deduplicator dedup, Duration futureSkew) {
    this.cleaner = cleaner;
    this.dedup = dedup;
    this.futureSkew = futureSkew;
    this.redeliveries = new Redeliveries(dedup.capacity());
  }

  /** The raw record for the article, or a {@link RejectedInputException} saying why it cannot be one. */
  public RawArticle normalize(IncomingArticle delivered, Instant ingestedAt) {
    return link(prepare(delivered), ingestedAt);
  }

  /**
   * An article cleaned and fingerprinted, not yet compared with the others: everything that can
   * run in parallel.
   */
  public record Prepared(IncomingArticle in, String id, String title, String text, String byline, String url,
      String canonicalUrl, String outlet, String contentHash, Fingerprint fingerprint) {}

  /** Extracts, cleans and fingerprints; thread-safe. Throws {@link RejectedInputException}. */
  public Prepared prepare(IncomingArticle delivered) {
    if (delivered.text() == null || delivered.text().isBlank()) {
      throw new RejectedInputException("article has no text");
    }
    if (delivered.text().length() > MAX_INPUT_CHARS) {
      throw new RejectedInputException("article text of " + delivered.text().length() + " characters exceeds the limit of " + MAX_INPUT_CHARS);
    }
    checkLimits(delivered);
    IncomingArticle in = delivered.html() ? fromHtml(delivered) : delivered;
    CleanText clean = in.html() ? new CleanText(null, in.text(), null) : cleaner.clean(in.text(), in.title() == null, in.publishedAt() == null);
    String title = in.title() != null ? TextCleaner.normalizeTitle(in.title()) : cut(clean.title(), MAX_TITLE_CHARS);
    String text = withoutLeadingTitle(clean.text(), title);
    if (text.isBlank()) {
      throw new RejectedInputException("no article text left after removing page boilerplate");
    }
    if (text.length() > MAX_TEXT_CHARS) {
      throw new RejectedInputException("cleaned text of " + text.length() + " characters exceeds the limit of " + MAX_TEXT_CHARS);
    }
    String url = blankToNull(in.url());
    String canonicalUrl = Urls.canonical(in.canonicalUrl() != null ? in.canonicalUrl() : url);
    String contentHash = contentHash(text);
    // outlet and byline are one line of text like the title: control characters (a terminal's escape
    // sequences in `local`'s summary, line breaks in log lines) and zero-width ones go
    String namedOutlet = in.outlet() == null ? null : TextCleaner.normalizeTitle(in.outlet());
    String outlet = namedOutlet != null ? namedOutlet : Urls.host(url != null ? url : canonicalUrl);
    String byline = in.byline() != null ? TextCleaner.normalizeTitle(in.byline()) : cut(clean.byline(), MAX_BYLINE_CHARS);
    return new Prepared(in, articleId(in, contentHash), title, text, byline, url, canonicalUrl, outlet, contentHash, Fingerprint.of(text));
  }

  /** Looks the prepared article up among those seen and builds its record; single-threaded. */
  public RawArticle link(Prepared p, Instant ingestedAt) {
    Deduplicator.Duplicate dup = dedup.find(p.id(), p.canonicalUrl(), p.contentHash(), p.fingerprint());
    if (dup == null) {
      dedup.remember(p.id(), p.canonicalUrl(), p.contentHash(), p.fingerprint());
    }
    IncomingArticle in = p.in();
    // a date in the future (or beyond a timestamp's range) would move every clock downstream: unknown
    boolean untrusted = PublicationTime.check(in.publishedAt(), ingestedAt, futureSkew).untrusted();
    return RawArticle.newBuilder()
        .setId(p.id())
        .setSourceType(in.sourceType())
        .setSource(in.source())
        .setUrl(p.url())
        .setCanonicalUrl(p.canonicalUrl())
        .setOutlet(p.outlet())
        .setTitle(p.title())
        .setText(p.text())
        .setByline(p.byline())
        .setLanguage(in.language())
        .setPublishedAt(untrusted ? null : in.publishedAt())
        .setPublishedAtUntrusted(untrusted ? in.publishedAt().toString() : null)
        .setIngestedAt(ingestedAt)
        .setContentHash(p.contentHash())
        .setSimhash(p.fingerprint().simhash())
        .setDuplicateOf(dup == null ? null : dup.originalId())
        .setDuplicateKind(dup == null ? null : dup.kind())
        .build();
  }

  /**
   * An HTML page delivered as an article: extract it, keeping the fields the source gave. What the
   * page says is cut to the limits (a URL too long to be one is dropped).
   */
  private IncomingArticle fromHtml(IncomingArticle d) {
    HtmlArticleExtractor.Extracted page = html.extract(d.text(), d.url());
    String pageUrl = page.canonicalUrl() == null || !Urls.isWeb(page.canonicalUrl()) ? null : fits(page.canonicalUrl(), MAX_URL_CHARS);
    return new IncomingArticle(d.sourceType(), d.source(), d.id(), d.url() != null ? d.url() : pageUrl,
        d.outlet() != null ? d.outlet() : cut(page.siteName(), MAX_OUTLET_CHARS),
        d.title() != null ? d.title() : cut(page.title(), MAX_TITLE_CHARS), page.text(),
        d.publishedAt() != null ? d.publishedAt() : page.publishedAt(), true,
        d.byline() != null ? d.byline() : cut(page.byline(), MAX_BYLINE_CHARS),
        d.language() != null ? d.language() : fits(page.language(), MAX_LANGUAGE_CHARS),
        d.canonicalUrl() != null ? d.canonicalUrl() : pageUrl);
  }

  /** Rejects an article whose source delivered a field longer than its limit. */
  public static void checkLimits(IncomingArticle delivered) {
    checkLength("id", delivered.id(), MAX_ID_CHARS, IngestError.INVALID_ARTICLE);
    checkLength("url", delivered.url(), MAX_URL_CHARS, IngestError.INVALID_URL);
    checkLength("canonical_url", delivered.canonicalUrl(), MAX_URL_CHARS, IngestError.INVALID_URL);
    checkLength("title", delivered.title(), MAX_TITLE_CHARS, IngestError.INVALID_ARTICLE);
    checkLength("byline", delivered.byline(), MAX_BYLINE_CHARS, IngestError.INVALID_ARTICLE);
    checkLength("outlet", delivered.outlet(), MAX_OUTLET_CHARS, IngestError.INVALID_ARTICLE);
    checkLength("language", delivered.language(), MAX_LANGUAGE_CHARS, IngestError.INVALID_ARTICLE);
    checkWebUrl("url", delivered.url());
    checkWebUrl("canonical_url", delivered.canonicalUrl());
  }

  private static void checkWebUrl(String field, String value) {
    if (value != null && !value.isBlank() && !Urls.isWeb(value)) {
      throw new RejectedInputException(IngestError.INVALID_URL, field + " must be an http(s) URL, not " + Messages.quote(value), null);
    }
  }

  private static void checkLength(String field, String value, int max, IngestError reason) {
    if (value != null && value.length() > max) {
      throw new RejectedInputException(reason, field + " of " + value.length() + " characters exceeds the limit of " + max, null);
    }
  }

  /** The value, or null when it is longer than max. */
  private static String fits(String value, int max) {
    return value == null || value.length() <= max ? value : null;
  }

  /** The value cut to max characters, at a space when there is one near the end. */
  static String cut(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(max - 2)) ? max - 2 : max - 1; // room for the ellipsis
    int space = value.lastIndexOf(' ', end);
    return (space > end * 3 / 4 ? value.substring(0, space) : value.substring(0, end)).strip() + "…";
  }

  /** A body that starts with its own headline loses that line, unless nothing else is left. */
  private static String withoutLeadingTitle(String text, String title) {
    if (title == null) {
      return text;
    }
    int nl = text.indexOf('\n');
    if (nl > 0 && text.substring(0, nl).strip().equalsIgnoreCase(title)) {
      return text.substring(nl + 1);
    }
    return text;
  }

  /** Hex SHA-256 of the text, lower-cased with whitespace collapsed: the exact-content key. */
  static String contentHash(String text) {
    char[] out = new char[text.length()];
    int n = 0;
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || (c > 127 && Character.isWhitespace(c))) {
        space = n > 0;
      } else {
        if (space) {
          out[n++] = ' ';
          space = false;
        }
        out[n++] = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
      }
    }
    return Hashing.sha256Hex(new String(out, 0, n));
  }

  /**
   * The article's id, which is also its key in the compacted raw topic, so it decides which record
   * a delivery replaces. It is scoped by source: each feed, and each other source type (push,
   * folder, jsonl, sample), has ids of its own, so no source can replace another's record by
   * choosing its id or URL (a push client sending a feed article's URL gets a record of its own,
   * linked to the feed's as a duplicate). Within its scope it is deterministic: the source's own
   * id ({@code push:a-1}; hashed for feeds), else a hash of the scope and the normalised URL (a
   * re-delivery or an update of the same page keeps its key, a syndicated copy elsewhere gets its
   * own and is linked by its rel=canonical), else of the source and the content.
   */
  static String articleId(IncomingArticle in, String contentHash) {
    String scope = scope(in);
    if (in.id() != null && !in.id().isBlank()) {
      String own = in.id().strip();
      // a feed's items have no ids a person chose (guids of items without a link): hash them
      return isFeed(in) ? Hashing.shortId(scope + "|id|" + own, 16) : in.sourceType() + ":" + own;
    }
    String url = Urls.canonical(blankToNull(in.url()));
    if (url == null) {
      url = Urls.canonical(in.canonicalUrl());
    }
    if (url != null) {
      return Hashing.shortId(scope + "|" + url, 16);
    }
    return Hashing.shortId(in.sourceType() + "|" + in.source() + "|" + contentHash, 16);
  }

  /** Whose records an article may replace: each feed its own; every other source type its own. */
  static String scope(IncomingArticle in) {
    return isFeed(in) ? "feed|" + in.source() : String.valueOf(in.sourceType());
  }

  private static boolean isFeed(IncomingArticle in) {
    return "feed".equals(in.sourceType());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** Remembers an article already in the raw topic (start-up rebuild of the duplicate index). */
  public void remember(RawArticle a) {
    if (a.getDuplicateOf() == null) {
      dedup.remember(a.getId(), a.getCanonicalUrl(), a.getContentHash(), Fingerprint.of(a.getText()));
    }
    redeliveries.published(a);
  }

  /** Whether this is the very article last published under its id (a repeated delivery, not an update). */
  public boolean isUnchanged(RawArticle a) {
    return redeliveries.isUnchanged(a);
  }

  /** Records that the article is now published (its transaction committed). */
  public void published(RawArticle a) {
    redeliveries.published(a);
  }

  /** Original articles in the duplicate index. */
  public int indexed() {
    return dedup.size();
  }
}
