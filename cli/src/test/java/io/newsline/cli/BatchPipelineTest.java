package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.common.Json;
import io.newsline.common.Progress;
import io.newsline.enrich.ArticleEnricher;
import io.newsline.ingest.IncomingArticle;
import io.newsline.ingest.source.SampleArticles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** newsline batch on the five samples: the three files in their formats, all five in one event. */
class BatchPipelineTest {
  @Test
  void writesTheThreeFilesWithAllSamplesInOneEvent(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("seeds.jsonl");
    List<String> lines = new ArrayList<>();
    int n = 0;
    for (IncomingArticle a : SampleArticles.load()) {
      // the seeds come from five outlets but carry no outlet metadata: name them here
      lines.add(Json.write(Json.object().put("id", "seed-" + n).put("outlet", "outlet-" + n++).put("text", a.text())));
    }
    Files.write(input, lines);
    Path out = dir.resolve("out");
    BatchPipeline.Summary s = new BatchPipeline(ArticleEnricher.standard(), ClusterSettings.defaults(), true)
        .run(input, out, Progress.silent());
    assertThat(s.articles()).isEqualTo(5);
    assertThat(s.errors()).isZero();

    List<JsonNode> enriched = read(out.resolve("enriched.jsonl"));
    assertThat(enriched).hasSize(5);
    for (JsonNode a : enriched) {
      assertThat(a.has("id") && a.has("title") && a.has("text") && a.has("entities") && a.has("quotes")).isTrue();
      for (JsonNode e : a.get("entities")) {
        assertThat(e.get("type").asText()).isIn("PERSON", "ORGANIZATION", "LOCATION", "MISC");
        assertThat(e.get("stance").get("label").asText()).isIn("negative", "neutral", "positive");
        for (JsonNode m : e.get("mentions")) {
          String field = m.get("field").asText().equals("title") ? a.get("title").asText() : a.get("text").asText();
          assertThat(field.substring(m.get("start").asInt(), m.get("end").asInt())).isEqualTo(m.get("text").asText());
        }
      }
    }
    Set<String> events = new HashSet<>();
    read(out.resolve("assignments.jsonl")).forEach(l -> events.add(l.get("event_id").asText()));
    assertThat(events).hasSize(1);
    List<JsonNode> timelines = read(out.resolve("timelines.jsonl"));
    assertThat(timelines).hasSize(1);
    assertThat(timelines.get(0).get("article_count").asInt()).isEqualTo(5);
    assertUshakovQuotesAppearOnceWithEveryOutlet(enriched, timelines.get(0));
  }

  /** Each distinct quote of Yuri Ushakov is one timeline quote, his, listing every outlet that carried it. */
  private static void assertUshakovQuotesAppearOnceWithEveryOutlet(List<JsonNode> enriched, JsonNode timeline) {
    String ushakov = "per:yuri_ushakov";
    Set<String> carriers = new HashSet<>();
    for (JsonNode a : enriched) {
      for (JsonNode q : a.get("quotes")) {
        if (ushakov.equals(q.path("speaker_id").asText())) {
          carriers.add(a.get("id").asText());
        }
      }
    }
    assertThat(carriers).containsExactlyInAnyOrder("seed-1", "seed-2", "seed-3", "seed-4");
    Set<String> texts = new HashSet<>();
    Set<String> covered = new HashSet<>();
    for (JsonNode q : timeline.get("quotes")) {
      if (ushakov.equals(q.path("speaker_id").asText())) {
        assertThat(texts.add(q.get("text").asText().toLowerCase().replaceAll("[^a-z ]", "").strip())).isTrue();
        Set<String> outlets = new HashSet<>();
        q.get("article_ids").forEach(id -> outlets.add(id.asText().replace("seed-", "outlet-")));
        q.get("article_ids").forEach(id -> covered.add(id.asText()));
        assertThat(q.get("outlets")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(outlets);
      }
    }
    assertThat(covered).containsAll(carriers);
    // "more or less acceptable": the Kremlin's words in one outlet, Ushakov's in two; one quote, his
    assertThat(timeline.get("quotes")).filteredOn(q -> q.get("text").asText().equals("more or less acceptable"))
        .singleElement().satisfies(q -> {
          assertThat(q.get("speaker_id").asText()).isEqualTo(ushakov);
          assertThat(q.get("outlets")).extracting(JsonNode::asText).containsExactly("outlet-0", "outlet-1", "outlet-3");
        });
  }

  @Test
  void noCleanKeepsTitleAndTextExactlyAndOutputIsDeterministic(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("in.jsonl");
    String text = "Skip to content\nAdvertisement\nPutin met Witkoff in Moscow.\n";
    Files.writeString(input, Json.write(Json.object().put("id", "x").put("title", " Title  ").put("text", text)) + "\n"
        + "not json\n");
    BatchPipeline p = new BatchPipeline(ArticleEnricher.standard(), ClusterSettings.defaults(), false);
    p.run(input, dir.resolve("a"), Progress.silent());
    p.run(input, dir.resolve("b"), Progress.silent());
    JsonNode a = read(dir.resolve("a/enriched.jsonl")).get(0);
    assertThat(a.get("text").asText()).isEqualTo(text);
    assertThat(a.get("title").asText()).isEqualTo(" Title  ");
    for (String f : List.of("enriched.jsonl", "assignments.jsonl", "timelines.jsonl")) {
      assertThat(Files.readAllBytes(dir.resolve("a/" + f))).isEqualTo(Files.readAllBytes(dir.resolve("b/" + f)));
    }
    assertThat(read(dir.resolve("a/errors.jsonl"))).hasSize(1);
  }

  @Test
  void aFarFutureDateMovesNoClock(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("in.jsonl");
    List<String> lines = new ArrayList<>();
    lines.add(Json.write(Json.object().put("id", "odd").put("published_at", "3000-01-01T00:00:00Z")
        .put("text", "A volcano erupted near Reykjavik on Tuesday, grounding flights across Iceland, officials said.")));
    for (int i = 0; i < 4; i++) {
      lines.add(Json.write(Json.object().put("id", "same-" + i).put("outlet", "outlet-" + i)
          .put("published_at", "2026-12-01T0" + i + ":00:00Z").put("text", MOSCOW + " Update " + i + ".")));
    }
    Files.write(input, lines);
    BatchPipeline.Summary s = new BatchPipeline(ArticleEnricher.standard(), ClusterSettings.defaults(), true, 1,
        Duration.ofHours(1), Instant.parse("2026-12-06T00:00:00Z")).run(input, dir.resolve("out"), Progress.silent());

    assertThat(s.untrustedDates()).isEqualTo(1);
    Map<String, String> assigned = new HashMap<>();
    read(dir.resolve("out/assignments.jsonl")).forEach(l -> assigned.put(l.get("id").asText(), l.get("event_id").asText()));
    assertThat(Set.copyOf(List.of(assigned.get("same-0"), assigned.get("same-1"), assigned.get("same-2"), assigned.get("same-3"))))
        .hasSize(1);
    assertThat(assigned.get("odd")).isNotEqualTo(assigned.get("same-0"));
    Map<String, JsonNode> timelines = new HashMap<>();
    read(dir.resolve("out/timelines.jsonl")).forEach(t -> timelines.put(t.get("event_id").asText(), t));
    assertThat(timelines).hasSize(2);
    assertThat(timelines.get(assigned.get("same-0")).get("article_count").asInt()).isEqualTo(4);
    assertThat(timelines.get(assigned.get("same-0")).get("status").asText()).isEqualTo("active");
    // the odd one is dated by the file's first trusted time, not by its claim
    assertThat(timelines.get(assigned.get("odd")).get("first_seen").asText()).isEqualTo("2026-12-01T00:00:00Z");
  }

  @Test
  void articlesWithoutADateAreDatedByTheFileNeverTheEpochAndTheSameFileGivesTheSameBytes(@TempDir Path dir) throws Exception {
    Path mixed = dir.resolve("mixed.jsonl");
    Files.write(mixed, List.of(
        Json.write(Json.object().put("id", "undated-first").put("text", MOSCOW)),
        Json.write(Json.object().put("id", "dated").put("published_at", "2025-12-02T10:00:00Z").put("text", MOSCOW + " More.")),
        Json.write(Json.object().put("id", "undated-later").put("published_at", "").put("text", MOSCOW + " Even more."))));
    Path undated = dir.resolve("undated.jsonl");
    Files.write(undated, List.of(Json.write(Json.object().put("id", "u").put("text", MOSCOW))));
    Files.setLastModifiedTime(undated, java.nio.file.attribute.FileTime.from(Instant.parse("2026-11-30T08:00:00Z")));
    BatchPipeline p = new BatchPipeline(ArticleEnricher.standard(), ClusterSettings.defaults(), true);

    p.run(mixed, dir.resolve("mixed"), Progress.silent());
    JsonNode timeline = read(dir.resolve("mixed/timelines.jsonl")).get(0);
    assertThat(timeline.get("article_count").asInt()).isEqualTo(3);
    assertThat(timeline.get("first_seen").asText()).isEqualTo("2025-12-02T10:00:00Z");
    assertThat(timeline.get("last_updated").asText()).isEqualTo("2025-12-02T10:00:00Z");

    p.run(undated, dir.resolve("a"), Progress.silent());
    p.run(undated, dir.resolve("b"), Progress.silent());
    assertThat(read(dir.resolve("a/timelines.jsonl")).get(0).get("first_seen").asText()).isEqualTo("2026-11-30T08:00:00Z");
    for (String f : List.of("enriched.jsonl", "assignments.jsonl", "timelines.jsonl")) {
      assertThat(Files.readAllBytes(dir.resolve("a/" + f))).isEqualTo(Files.readAllBytes(dir.resolve("b/" + f)));
    }
  }

  private static final String MOSCOW = "Vladimir Putin rejected a compromise at talks in Moscow with the US envoys Steve Witkoff "
      + "and Jared Kushner on a plan to end the war in Ukraine, the Kremlin adviser Yuri Ushakov said on Wednesday.";

  private static List<JsonNode> read(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      if (!l.isBlank()) {
        out.add(Json.parse(l));
      }
    }
    return out;
  }
}
