package io.newsline.embedding.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import io.newsline.embedding.SentenceEmbedder;
import io.newsline.embedding.StaticEmbeddings;
import java.io.BufferedWriter;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Development tool: writes the embedding of every article of a JSON Lines set as {"id", "v"} lines
 * (the input of aggregate's ClusterSweep), with MiniLM or a static table, to compare them on the
 * clustering sets. args: minilm|TABLE.bin.gz INPUT.jsonl OUTPUT.jsonl
 */
public final class EmbedDataset {
  private EmbedDataset() {}

  public static void main(String[] args) throws Exception {
    Function<String, float[]> embed;
    if (args[0].equals("minilm")) {
      MiniLm m = new MiniLm();
      embed = m::embed;
    } else {
      StaticEmbeddings t;
      try (InputStream in = new FileInputStream(args[0])) {
        t = StaticEmbeddings.read(in);
      }
      embed = t::embed;
    }
    try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
      for (String line : Files.readAllLines(Path.of(args[1]))) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = Json.parse(line);
        String input = SentenceEmbedder.input(Json.text(n, "title"), Json.text(n, "text"));
        float[] v = input.isBlank() ? null : embed.apply(input);
        var o = Json.object().put("id", n.get("id").asText());
        var arr = o.putArray("v");
        if (v != null) {
          for (float x : v) {
            arr.add(x);
          }
        }
        w.write(Json.write(o));
        w.write('\n');
      }
    }
  }
}
