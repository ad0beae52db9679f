package io.newsline.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Hashing;
import io.newsline.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Near-duplicate precision on real articles (../shared/datasets; skipped when absent): the FNC-1
 * bodies are 904 articles in 110 stories, many stories with a dozen articles on the same claim.
 * The set also holds real copies: the same wire story on several sites, often lightly rewritten
 * (166 pairs share a quarter or more of their word 3-shingles, 36 pairs over 90%). Every pair
 * linked as near duplicate must share most of its text; articles that merely tell the same story
 * must stay apart.
 */
class DeduplicatorDatasetTest {
  @Test
  void differentArticlesOnTheSameStoryAreNotNearDuplicates() throws IOException {
    Path file = Path.of(System.getProperty("newsline.shared", "../../shared"), "datasets/clustering/fnc1_test_bodies.jsonl");
    assumeTrue(Files.exists(file), "dataset not present");
    Deduplicator dedup = new Deduplicator();
    Map<String, String> texts = new HashMap<>();
    int near = 0;
    int articles = 0;
    for (String line : Files.readAllLines(file)) {
      JsonNode n = Json.parse(line);
      String id = n.get("id").asText();
      String text = n.get("text").asText();
      texts.put(id, text);
      Fingerprint fp = Fingerprint.of(text);
      String hash = Hashing.sha256Hex(text);
      Deduplicator.Duplicate d = dedup.find(id, null, hash, fp);
      articles++;
      if (d == null) {
        dedup.remember(id, null, hash, fp);
      } else if (d.kind().equals("near")) {
        near++;
        // linked because the texts are largely the same, not because they tell the same story
        assertThat(exactJaccard(texts.get(d.originalId()), text)).as(id + " ~ " + d.originalId()).isGreaterThan(0.35);
      }
    }
    assertThat(articles).isEqualTo(904);
    assertThat(near).isBetween(20, 80);
  }

  private static double exactJaccard(String a, String b) {
    java.util.Set<Long> sa = new java.util.HashSet<>();
    for (long s : Shingles.of(a)) {
      sa.add(s);
    }
    java.util.Set<Long> sb = new java.util.HashSet<>();
    for (long s : Shingles.of(b)) {
      sb.add(s);
    }
    java.util.Set<Long> inter = new java.util.HashSet<>(sa);
    inter.retainAll(sb);
    java.util.Set<Long> union = new java.util.HashSet<>(sa);
    union.addAll(sb);
    return union.isEmpty() ? 0 : (double) inter.size() / union.size();
  }
}
