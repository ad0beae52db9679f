package io.newsline.enrich.ner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Mention;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Regression guard: exact-span micro F1 over PER/ORG/LOC on CoNLL-2003
 * dev, scored as score_ner.py does (whole document as the text field). Skipped without shared/.
 */
class ConllDevScoreTest {
  private static final Map<EntityType, String> TYPES = Map.of(
      EntityType.PERSON, "PER", EntityType.ORGANIZATION, "ORG", EntityType.LOCATION, "LOC");

  @Test
  void microF1OnDevIsAtLeast092() throws Exception {
    Path dev = TestFiles.shared().resolve("datasets/ner/conll2003_eng_testa.docs.jsonl");
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (String line : Files.readAllLines(dev, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode doc = Json.parse(line);
      Set<String> gold = new HashSet<>();
      for (JsonNode e : doc.get("entities")) {
        String t = e.get("type").asText();
        if (!t.equals("MISC")) {
          gold.add(e.get("start").asInt() + ":" + e.get("end").asInt() + ":" + t);
        }
      }
      Set<String> pred = new HashSet<>();
      ArticleText article = new ArticleText(doc.get("id").asText(), null, doc.get("text").asText());
      for (Entity en : PerceptronEntityExtractor.shared().extract(article)) {
        String t = TYPES.get(en.type());
        if (t != null) {
          for (Mention m : en.mentions()) {
            pred.add(m.start() + ":" + m.end() + ":" + t);
          }
        }
      }
      for (String p : pred) {
        if (gold.contains(p)) {
          tp++;
        } else {
          fp++;
        }
      }
      for (String g : gold) {
        if (!pred.contains(g)) {
          fn++;
        }
      }
    }
    double precision = tp / (double) (tp + fp);
    double recall = tp / (double) (tp + fn);
    double f1 = 2 * precision * recall / (precision + recall);
    System.out.printf("CoNLL-2003 dev PER/ORG/LOC: P=%.4f R=%.4f F1=%.4f%n", precision, recall, f1);
    assertThat(f1).isGreaterThanOrEqualTo(0.92);
  }
}
