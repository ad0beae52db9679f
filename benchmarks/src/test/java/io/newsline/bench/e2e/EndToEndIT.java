package io.newsline.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.bench.SharedFolder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short version of the end-to-end benchmark: 150 real articles of the shared data through the
 * whole pipeline, then 15 s at a paced rate (the first 10 s warm up). Checks that every part runs and reports, not figures
 * (the machine is shared; the long run is {@code EndToEnd}, see docs/benchmarks.md).
 */
class EndToEndIT {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void measuresTheBaselineTheCapacityAndTheFreshness() throws Exception {
    Path input = dir.resolve("articles.jsonl");
    SharedCorpus.write(SharedCorpus.read(SharedFolder.findOrSkip().resolve("datasets")).subList(0, 150), 1, input);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Map<String, Object> report = EndToEnd.run(new EndToEnd.Options(input, 5, 15, 150, Freshness.TICK_MS, Map.of()),
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    String out = printed.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("baseline (broker alone", "== summary", "freshness at 5 articles/s");
    Map<String, Object> baseline = (Map<String, Object>) report.get("baseline");
    assertThat((int) baseline.get("records")).isEqualTo(150);
    Map<String, Object> capacity = (Map<String, Object>) report.get("capacity");
    assertThat((int) capacity.get("articles")).isEqualTo(150);
    assertThat((double) capacity.get("sustained_rate")).isPositive();
    Map<String, Double> cpu = (Map<String, Double>) capacity.get("cpu_ms_per_article_whole");
    assertThat(cpu.keySet()).containsAll(List.of("enrich", "aggregate", "jit", "harness", "total"));
    // the idle pipeline's cost per second and where the rest goes, thread by thread
    assertThat((double) capacity.get("idle_cpu_ms_per_second")).isPositive();
    assertThat((Map<String, Double>) capacity.get("cpu_ms_per_article_by_thread")).isNotEmpty();
    // the sustained window thread by thread, under the threads' whole names
    assertThat(((Map<String, Double>) capacity.get("cpu_ms_per_article_by_thread_sustained")).keySet())
        .anyMatch(t -> t.startsWith("e2e-cap-aggregate-ID-StreamThread-"));
    // what each topic took per article: ingest writes each article once to the raw topic, enrich once to the enriched one
    Map<String, Map<String, Double>> topics = (Map<String, Map<String, Double>>) report.get("topics_per_article");
    // (at least: the records of an aborted and retried transaction count too)
    assertThat(topics.get("e2e-cap.raw").get("records")).isBetween(1.0, 2.0);
    assertThat(topics.get("e2e-cap.enriched").get("records")).isBetween(1.0, 2.0);
    assertThat(topics.get("e2e-cap.enriched").get("payload_bytes")).isGreaterThan(topics.get("e2e-cap.raw").get("payload_bytes"));
    assertThat(topics).containsKeys("e2e-cap-aggregate-event-states-changelog", "e2e-cap-aggregate-clustering-repartition");
    assertThat(cpu.get("enrich")).isPositive();
    assertThat(cpu.get("aggregate")).isPositive();
    Map<String, Object> freshness = (Map<String, Object>) report.get("freshness");
    assertThat((int) freshness.get("samples")).isPositive();
    assertThat((Map<String, Double>) freshness.get("cpu_ms_per_article")).containsKeys("enrich", "kafka + other", "total");
    assertThat((double) freshness.get("p99_ms")).isBetween(0.0, 60_000.0);
  }
}
