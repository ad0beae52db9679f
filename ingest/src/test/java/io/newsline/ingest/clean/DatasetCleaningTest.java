package io.newsline.ingest.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newsline.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The cleaner on real article texts that are already clean (../shared/datasets, present for every
 * developer and in CI; skipped elsewhere): headlines must survive whole, bodies almost whole (the
 * FNC-1 bodies carry a little scraped furniture: "Advertisement", "Related: ...", photo credits).
 */
class DatasetCleaningTest {
  private final TextCleaner cleaner = new TextCleaner();

  @Test
  void everyHeadlineSurvives() throws IOException {
    for (String line : lines("clustering/emergent_headlines.jsonl")) {
      String text = Json.parse(line).get("text").asText();
      assertThat(cleaner.clean(text, false).text()).isEqualTo(TextCleaner.normalize(text).strip().replaceAll("\\s+", " "));
    }
  }

  @Test
  void articleBodiesLoseOnlyTheirScrapedFurniture() throws IOException {
    int lines = 0;
    int dropped = 0;
    for (String line : lines("clustering/fnc1_test_bodies.jsonl")) {
      String text = TextCleaner.normalize(Json.parse(line).get("text").asText());
      Set<String> kept = new HashSet<>(List.of(cleaner.clean(text, false).text().split("\n")));
      Set<String> seen = new HashSet<>();
      for (String l : text.split("\n")) {
        String s = l.strip().replaceAll("[ \\t\\u00a0]+", " ");
        if (s.isEmpty() || !seen.add(s)) {
          continue;
        }
        lines++;
        if (kept.stream().noneMatch(k -> s.contains(k) || k.contains(s))) {
          dropped++;
        }
      }
    }
    assertThat(lines).isGreaterThan(10_000);
    // 116 of 10,700 lines go today, nearly all furniture ("Related: ...", "Photo: AP", "(Reporting by ...)")
    assertThat(dropped).isLessThan(lines * 15 / 1000);
  }

  private static List<String> lines(String name) throws IOException {
    Path file = Path.of(System.getProperty("newsline.shared", "../../shared"), "datasets", name);
    assumeTrue(Files.exists(file), "dataset not present: " + file);
    return Files.readAllLines(file);
  }
}
