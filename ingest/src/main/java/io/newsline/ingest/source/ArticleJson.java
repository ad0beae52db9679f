package io.newsline.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import io.newsline.ingest.ArticleNormalizer;
import io.newsline.ingest.IncomingArticle;
import io.newsline.ingest.IngestError;
import io.newsline.ingest.Messages;
import io.newsline.ingest.RejectedInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads one article from JSON: {"id", "title", "text", "url", "outlet", "published_at"}, only
 * text required; "html" may carry a page instead of text; "byline", "language" and
 * "canonical_url" are optional. published_at is ISO-8601 (with or
 * without offset, or a date) or epoch milliseconds.
 */
public final class ArticleJson {
  private ArticleJson() {}

  public static IncomingArticle parse(String json, String sourceType, String source) {
    JsonNode n;
    try {
      n = Json.parse(json);
    } catch (IllegalArgumentException e) {
      throw new RejectedInputException(IngestError.BAD_JSON, e.getMessage(), e);
    }
    return fromNode(n, sourceType, source);
  }

  public static IncomingArticle fromNode(JsonNode n, String sourceType, String source) {
    if (n == null || !n.isObject()) {
      throw new RejectedInputException("expected a JSON object with at least a \"text\" field");
    }
    String text = Json.text(n, "text");
    boolean html = false;
    if (text == null && Json.text(n, "html") != null) {
      text = Json.text(n, "html");
      html = true;
    }
    if (text == null || text.isBlank()) {
      throw new RejectedInputException("article has no \"text\"");
    }
    IncomingArticle a = new IncomingArticle(
        sourceType,
        source,
        Json.text(n, "id"),
        Json.text(n, "url"),
        Json.text(n, "outlet"),
        Json.text(n, "title"),
        text,
        parseTime(n.get("published_at")),
        html,
        Json.text(n, "byline"),
        Json.text(n, "language"),
        Json.text(n, "canonical_url"));
    ArticleNormalizer.checkLimits(a); // the client hears of it now (a push gets a 400), not after cleaning
    return a;
  }

  static Instant parseTime(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return Instant.ofEpochMilli(v.asLong());
    }
    String s = v.asText().strip();
    if (s.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e1) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e2) {
        try {
          return java.time.LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e3) {
          try {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
          } catch (DateTimeParseException e4) {
            throw new RejectedInputException("published_at " + Messages.quote(s) + " is not an ISO-8601 time or epoch milliseconds");
          }
        }
      }
    }
  }
}
