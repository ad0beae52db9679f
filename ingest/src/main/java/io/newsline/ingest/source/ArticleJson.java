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
import java.util.Locale;

/**
 * Reads one article from JSON: {"id", "title", "text", "url", "outlet", "published_at"}, only
 * text required ("headline" may stand for "title"); "html" may carry a page instead of text; "byline", "language" and
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
    String text = string(n, "text");
    boolean html = false;
    if (text == null && string(n, "html") != null) {
      text = string(n, "html");
      html = true;
    }
    if (text == null || text.isBlank()) {
      throw new RejectedInputException("article has no \"text\"");
    }
    IncomingArticle a = new IncomingArticle(
        sourceType,
        source,
        id(n),
        string(n, "url"),
        string(n, "outlet"),
        title(n),
        text,
        parseTime(n.get("published_at")),
        html,
        string(n, "byline"),
        string(n, "language"),
        string(n, "canonical_url"));
    ArticleNormalizer.checkLimits(a); // the client hears of it now (a push gets a 400), not after cleaning
    return a;
  }

  /**
   * A text field, or null when absent or JSON null. Anything else is refused rather than turned into
   * text: a client sending {"text": true} has a bug it should hear of, not an article saying "true".
   */
  private static String string(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new RejectedInputException("\"" + field + "\" must be a string, not " + kind(v));
    }
    int broken = unpairedSurrogate(v.textValue());
    if (broken >= 0) { // a "\ud800" escape: no character, it would be published as "?"
      throw new RejectedInputException(IngestError.BAD_ENCODING, "\"" + field + "\" has an unpaired surrogate (\\u"
          + Integer.toHexString(v.textValue().charAt(broken)) + " escape) at character " + broken + ": not Unicode text", null);
    }
    return v.textValue();
  }

  /** The index of the first surrogate that is not half of a pair, or -1. */
  private static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * "title", or "headline" (schema.org's name, and what newsline itself shows): a client sending
   * "headline" had its headline dropped as an unknown field. Both, differing, is refused as a field
   * given twice.
   */
  private static String title(JsonNode n) {
    String title = string(n, "title");
    String headline = string(n, "headline");
    if (title != null && headline != null && !title.equals(headline)) {
      throw new RejectedInputException("\"title\" and \"headline\" name the same field: give one, not two different headlines");
    }
    return title != null ? title : headline;
  }

  /** The id may also be a whole number, as many clients' ids are. */
  private static String id(JsonNode n) {
    JsonNode v = n.get("id");
    return v != null && v.isIntegralNumber() ? v.asText() : string(n, "id");
  }

  private static String kind(JsonNode v) {
    return switch (v.getNodeType()) {
      case NUMBER -> v.isIntegralNumber() ? "a number" : "a fractional number";
      case BOOLEAN -> "a boolean";
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      default -> v.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  static Instant parseTime(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber()) {
      if (!v.canConvertToLong()) { // asLong kept the low 64 bits: 2^64 + a 2024 time read as that 2024 time
        throw new RejectedInputException("published_at " + Messages.quote(v.asText()) + " is not epoch milliseconds: beyond 64 bits");
      }
      return Instant.ofEpochMilli(v.asLong());
    }
    if (!v.isTextual()) {
      throw new RejectedInputException("published_at must be ISO-8601 text or epoch milliseconds, not " + kind(v));
    }
    String s = v.textValue().strip();
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
