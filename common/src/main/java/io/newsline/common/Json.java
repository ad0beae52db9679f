package io.newsline.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** One shared, thread-safe Jackson mapper with settings that keep output deterministic. */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.INDENT_OUTPUT)
          // a name given twice is ambiguous (which one did the sender mean?): refuse it, not the last one wins
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // two values where one is expected ({...} {...}: JSON Lines sent as one document) are an
          // error, not the first value read and the rest dropped without a word
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses JSON text; malformed input raises {@link IllegalArgumentException} with the parser's reason. */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      String where = at == null || at.getColumnNr() < 0 ? ""
          : at.getLineNr() > 1 ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"
          : " (column " + at.getColumnNr() + ")"; // one line of JSON Lines: its source already names the line
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage() + where, e);
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Text of a field, or null when absent or JSON null. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
