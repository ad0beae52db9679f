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
import org.apache.kafka.common.utils.Utils;

/**
 * The chaos run's input: real news text from the shared clustering datasets (FNC-1 bodies, ECB+
 * articles, Emergent headlines, read at run time, never copied into the repository), taken in
 * file order so every run sends the same articles. Each gets an id, a URL naming it (so it can be
 * found whatever key ingest gives it) and a publication time {@code spacing} after the previous
 * one, so the input is in time order. Last come the "sentinel" articles, one for each raw
 * partition, dated just past the reorder grace period after the others: they release every
 * article from aggregate's reorder buffer without waiting for its wall-clock idle flush, whether
 * the buffer goes by article time (one later article releases everything older) or by the
 * progress of every input partition (each partition must deliver something newer). They share no
 * words with anything and are left out of the comparison.
 */
final class ChaosInput {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final String URL_PREFIX = "https://chaos.newsline.example/a/";
  /** Prefix of the sentinels' ids. */
  static final String SENTINEL = "sentinel";

  /** The articles and the sentinels that follow them. */
  record Input(List<ObjectNode> articles, List<ObjectNode> sentinels) {
    List<String> ids() {
      return articles.stream().map(a -> a.get("id").asText()).toList();
    }
  }

  private ChaosInput() {}

  static boolean isSentinel(String id) {
    return id != null && id.startsWith(SENTINEL);
  }

  /** {@code n} articles, then a sentinel for each of the raw topic's {@code partitions}. */
  static Input load(Path shared, int n, Duration spacing, Duration grace, int partitions) throws IOException {
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
    return new Input(out, sentinels(T0.plus(spacing.multipliedBy(n - 1L)).plus(grace).plus(Duration.ofMinutes(1)), partitions));
  }

  /**
   * One sentinel per raw partition: ids chosen so that their raw keys (ingest keys a push
   * article by its own id, {@code push:ID}) hash to each partition as Kafka's default partitioner
   * places them; enrich keeps the key, so each enriched partition gets one too.
   */
  static List<ObjectNode> sentinels(Instant time, int partitions) {
    ObjectNode[] byPartition = new ObjectNode[partitions];
    int found = 0;
    for (int i = 0; found < partitions; i++) {
      String id = SENTINEL + "-" + i;
      int p = Utils.toPositive(Utils.murmur2(("push:" + id).getBytes(StandardCharsets.UTF_8))) % partitions;
      if (byPartition[p] == null) {
        byPartition[p] = sentinel(id, time, i);
        found++;
      }
    }
    return List.of(byPartition);
  }

  private static ObjectNode sentinel(String id, Instant time, int seed) {
    Random r = new Random(42 + seed);
    StringBuilder text = new StringBuilder("Zqx");
    for (int i = 0; i < 60; i++) {
      text.append(' ');
      for (int c = 0; c < 9; c++) {
        text.append((char) ('a' + r.nextInt(26)));
      }
    }
    return Json.object().put("id", id).put("url", URL_PREFIX + id).put("title", "Qzx " + id)
        .put("text", text.append('.').toString()).put("outlet", "chaos").put("published_at", time.toString());
  }

  /** The input id an article's URL names, or null for articles that are not the run's. */
  static String idOf(String url) {
    return url != null && url.startsWith(URL_PREFIX) ? url.substring(URL_PREFIX.length()) : null;
  }
}
