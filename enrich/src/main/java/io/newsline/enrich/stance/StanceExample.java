package io.newsline.enrich.stance;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the flat NewsMTSC format ({@code newsline stance} input, training data): the sentence, the mention's char offsets and the gold polarity (-1, 0, 1;
 * 0 when absent). {@code group} is the source article, so that cross-validation keeps all targets
 * of one article in one fold.
 */
public record StanceExample(String id, String sentence, int from, int to, int polarity, String group) {

  /**
   * Parses one flat NewsMTSC line. {@code from}/{@code to} are code-point offsets; they are turned
   * into Java char offsets (the same unless the sentence has characters outside the BMP).
   */
  public static StanceExample parse(String line) {
    JsonNode o = Json.parse(line);
    String id = required(o, "id").asText();
    String sentence = required(o, "sentence").asText();
    int from = required(o, "from").asInt();
    int to = required(o, "to").asInt();
    int cps = sentence.codePointCount(0, sentence.length());
    if (from < 0 || to < from || to > cps) {
      throw new IllegalArgumentException("from/to outside the sentence: " + from + ".." + to);
    }
    int charFrom = sentence.offsetByCodePoints(0, from);
    int charTo = sentence.offsetByCodePoints(charFrom, to - from);
    JsonNode p = o.get("polarity");
    int polarity = p == null || p.isNull() ? 0 : (int) Math.signum(p.asDouble());
    return new StanceExample(id, sentence, charFrom, charTo, polarity, group(id));
  }

  public static List<StanceExample> read(Path file) throws IOException {
    List<StanceExample> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          out.add(parse(line));
        }
      }
    }
    return out;
  }

  /** Class index of the polarity: 0 negative, 1 neutral, 2 positive. */
  public int label() {
    return polarity + 1;
  }

  private static JsonNode required(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing \"" + field + "\"");
    }
    return v;
  }

  /** Source article of a NewsMTSC id such as allsides_1000_401_25_Name_0_6 or polusa_v1_123_... */
  private static String group(String id) {
    String[] parts = id.split("_", 4);
    return parts.length >= 3 ? parts[0] + "_" + parts[1] + "_" + parts[2] : id;
  }
}
