package io.newsline.ingest;

import java.time.Instant;

/**
 * An article as a source delivers it, before cleaning and deduplication. Only {@code text} is
 * required; everything else may be null.
 *
 * @param sourceType feed, push, folder, jsonl or sample
 * @param source the feed URL, file (and line) or push client
 * @param id an id the source assigns (JSON Lines "id"), or null to derive one
 * @param html whether text is an HTML page rather than plain text
 * @param byline author names when the source says
 * @param language ISO 639-1 code when the source says
 * @param canonicalUrl the page's own canonical URL (rel=canonical) when it differs from {@code url}
 */
public record IncomingArticle(
    String sourceType,
    String source,
    String id,
    String url,
    String outlet,
    String title,
    String text,
    Instant publishedAt,
    boolean html,
    String byline,
    String language,
    String canonicalUrl) {

  public IncomingArticle(String sourceType, String source, String id, String url, String outlet, String title,
      String text, Instant publishedAt, boolean html) {
    this(sourceType, source, id, url, outlet, title, text, publishedAt, html, null, null, null);
  }

  public static IncomingArticle plainText(String sourceType, String source, String text) {
    return new IncomingArticle(sourceType, source, null, null, null, null, text, null, false);
  }

  /** The same article with other text (and html flag). */
  public IncomingArticle withText(String newText, boolean isHtml) {
    return new IncomingArticle(sourceType, source, id, url, outlet, title, newText, publishedAt, isHtml, byline, language,
        canonicalUrl);
  }
}
