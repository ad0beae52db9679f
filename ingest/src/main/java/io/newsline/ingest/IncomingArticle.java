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
    boolean html) {

  public static IncomingArticle plainText(String sourceType, String source, String text) {
    return new IncomingArticle(sourceType, source, null, null, null, null, text, null, false);
  }
}
