package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.aggregate.AggregateStage;
import io.newsline.enrich.EnrichStage;
import io.newsline.ingest.FileImporter;
import io.newsline.ingest.IngestService;
import io.newsline.runtime.streams.StreamsStage;
import io.newsline.runtime.testing.EmbeddedStack;
import io.newsline.runtime.testing.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A backfill: after `newsline reset`, enrich and aggregate reprocess their input from the
 * beginning and rewrite exactly the same bytes for every key (deterministic outputs).
 */
class ReplayIT {
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void resetStagesReplayTheirInputAndRewriteTheSameBytes() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.start(1)) {
      try (IngestService ingest = new IngestService(stack.settings(), Instant::now);
          FileImporter runner = new FileImporter(ingest)) {
        assertThat(runner.publishSamples().articles()).hasSize(5);
      }
      runStages(stack, 5);
      // the stages are stopped, so everything they wrote is committed: read it all
      List<ConsumerRecord<byte[], byte[]>> enriched1 = read(stack, stack.topics().enriched(), 0);
      List<ConsumerRecord<byte[], byte[]>> events1 = read(stack, stack.topics().events(), 0);
      List<ConsumerRecord<byte[], byte[]>> assignments1 = read(stack, stack.topics().assignments(), 0);
      assertThat(enriched1).hasSize(5);
      assertThat(assignments1).hasSize(5);

      for (String stage : List.of("enrich", "aggregate")) {
        assertThat(Newsline.run(args("reset", stage, stack))).isZero();
      }
      runStages(stack, 10);

      assertReplayed(read(stack, stack.topics().enriched(), 2 * enriched1.size()), enriched1);
      assertReplayed(read(stack, stack.topics().assignments(), 2 * assignments1.size()), assignments1);
      assertReplayed(read(stack, stack.topics().events(), 2 * events1.size()), events1);
    }
  }

  /** Runs enrich and aggregate until the assignments topic holds {@code assignments} records, then stops them (committing). */
  private static void runStages(EmbeddedStack stack, int assignments) {
    try (StreamsStage enrich = new EnrichStage().startStreams(stack.settings());
        StreamsStage aggregate = new AggregateStage().startStreams(stack.settings())) {
      assertThat(read(stack, stack.topics().assignments(), assignments)).hasSizeGreaterThanOrEqualTo(assignments);
    }
  }

  /** The second pass wrote, for every key of the first, the same value bytes as the first's last. */
  private static void assertReplayed(List<ConsumerRecord<byte[], byte[]>> all, List<ConsumerRecord<byte[], byte[]>> first) {
    Map<Integer, Long> firstEnd = new java.util.HashMap<>();
    first.forEach(r -> firstEnd.merge(r.partition(), r.offset(), Math::max));
    List<ConsumerRecord<byte[], byte[]>> second = all.stream()
        .filter(r -> r.offset() > firstEnd.getOrDefault(r.partition(), -1L)).toList();
    Map<String, byte[]> before = TopicReader.latestByKey(first);
    Map<String, byte[]> after = TopicReader.latestByKey(second);
    assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
    before.forEach((k, v) -> assertThat(Arrays.equals(after.get(k), v)).as("same bytes for %s", k).isTrue());
  }

  /** Reads until {@code atLeast} records arrived, or with 0 everything there is within 3 s. */
  private static List<ConsumerRecord<byte[], byte[]>> read(EmbeddedStack stack, String topic, int atLeast) {
    return TopicReader.readUntil(stack.bootstrapServers(), topic, rs -> rs.size() >= atLeast && atLeast > 0, atLeast == 0 ? Duration.ofSeconds(3) : WAIT);
  }

  private static String[] args(String command, String stage, EmbeddedStack stack) {
    List<String> a = new ArrayList<>(List.of(command, stage));
    stack.settings().asMap().forEach((k, v) -> a.add("-D" + k + "=" + v));
    return a.toArray(String[]::new);
  }
}
