package io.newsline.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsline.common.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The chaos run's input: real news text from the shared clustering datasets (FNC-1 bodies, ECB+
 * articles, Emergent headlines, read at run time, never copied into the repository), taken in
 * file order so every run sends the same articles. Each gets an id, a URL naming it (so it can be
 * found whatever key ingest gives it) and a publication time {@code spacing} after the previous
 * one, so the input is in time order. A last "sentinel" article, dated just past the reorder
 * grace period after the others, releases all of them from aggregate's reorder buffer without
 * waiting for its wall-clock idle flush; it shares no words with anything and is left out of the
 * comparison.
 */
final class ChaosInput {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final String URL_PREFIX = "https://chaos.newsline.example/a/";
  static final String SENTINEL = "sentinel";

  private ChaosInput() {}

  /** {@code n} articles, then the sentinel (n + 1 objects). */
  static List<ObjectNode> load(Path shared, int n, Duration spacing, Duration grace) throws IOException {
    Path clustering = shared.resolve("datasets/clustering");
    List<ObjectNode> out = new ArrayList<>(n + 1);
    for (String file : List.of("fnc1_test_bodies.jsonl", "ecbplus_dev.jsonl", "emergent_headlines.jsonl")) {
      try (BufferedReader r = Files.newBufferedReader(clustering.resolve(file), StandardCharsets.UTF_8)) {
        for (String line = r.readLine(); line != null && out.size() < n; line = r.readLine()) {
          JsonNode d = Json.parse(line);
          String text = d.path("text").asText("");
          if (text.isBlank()) {
            continue;
          }
          String id = String.format(Locale.ROOT, "c%05d", out.size());
          ObjectNode a = Json.object().put("id", id).put("url", URL_PREFIX + id).put("text", text)
              .put("outlet", d.path("outlet").isTextual() ? d.get("outlet").asText() : "outlet-" + (out.size() % 17))
              .put("published_at", T0.plus(spacing.multipliedBy(out.size())).toString());
          if (d.path("title").isTextual()) {
            a.put("title", d.get("title").asText());
          }
          out.add(a);
        }
      }
    }
    if (out.size() < n) {
      throw new IOException("only " + out.size() + " articles in " + clustering + ", " + n + " asked for");
    }
    out.add(sentinel(T0.plus(spacing.multipliedBy(n - 1L)).plus(grace).plus(Duration.ofMinutes(1))));
    return out;
  }

  private static ObjectNode sentinel(Instant time) {
    Random r = new Random(42);
    StringBuilder text = new StringBuilder("Zqx");
    for (int i = 0; i < 60; i++) {
      text.append(' ');
      for (int c = 0; c < 9; c++) {
        text.append((char) ('a' + r.nextInt(26)));
      }
    }
    return Json.object().put("id", SENTINEL).put("url", URL_PREFIX + SENTINEL).put("title", "Qzx sentinel")
        .put("text", text.append('.').toString()).put("outlet", "chaos").put("published_at", time.toString());
  }

  /** The input id an article's URL names, or null for articles that are not the run's. */
  static String idOf(String url) {
    return url != null && url.startsWith(URL_PREFIX) ? url.substring(URL_PREFIX.length()) : null;
  }
}
