package io.newsline.bench.chaos;

import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.RawArticle;
import io.newsline.runtime.TopicSerdes;
import io.newsline.common.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What one run committed, by input article: raw, enriched and assignment records per article (an
 * article is recognised by the URL the input gave it, whatever key ingest chose), the event each
 * article was last assigned to, and the final timeline of every event (latest value per key,
 * null for a tombstone), as bytes.
 */
record RunOutput(Map<String, Integer> raw, Map<String, Integer> enriched, Map<String, Integer> assignments,
    Map<String, String> eventOf, Map<String, byte[]> events, Map<String, String> enrichedContent) {

  static RunOutput of(List<ConsumerRecord<byte[], byte[]>> raw, List<ConsumerRecord<byte[], byte[]>> enriched,
      List<ConsumerRecord<byte[], byte[]>> assignments, List<ConsumerRecord<byte[], byte[]>> events, TopicSerdes serdes) {
    Map<String, String> inputOfKey = new HashMap<>();
    Map<String, Integer> rawCounts = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : raw) {
      if (r.value() == null) {
        continue;
      }
      RawArticle a = serdes.raw().deserializer().deserialize(r.topic(), r.value());
      String id = ChaosInput.idOf(a.getUrl());
      if (id != null) {
        inputOfKey.put(a.getId(), id);
        rawCounts.merge(id, 1, Integer::sum);
      }
    }
    Map<String, Integer> enrichedCounts = new TreeMap<>();
    Map<String, String> enrichedContent = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : enriched) {
      if (r.value() != null) {
        EnrichedArticle a = serdes.enriched().deserializer().deserialize(r.topic(), r.value());
        String id = ChaosInput.idOf(a.getUrl());
        if (id != null) {
          enrichedCounts.merge(id, 1, Integer::sum);
          // what clustering reads: everything but the ingestion time (a wall-clock time of each run)
          enrichedContent.put(id, Hashing.sha256Hex(EnrichedArticle.newBuilder(a).setIngestedAt(Instant.EPOCH).build().toString()));
        }
      }
    }
    Map<String, Integer> assignmentCounts = new TreeMap<>();
    Map<String, String> eventOf = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : assignments) {
      String id = inputOfKey.get(new String(r.key(), StandardCharsets.UTF_8));
      if (id != null && r.value() != null) {
        assignmentCounts.merge(id, 1, Integer::sum);
        ArticleAssignment a = serdes.assignments().deserializer().deserialize(r.topic(), r.value());
        eventOf.put(id, a.getEventId());
      }
    }
    Map<String, byte[]> latest = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : events) {
      latest.put(new String(r.key(), StandardCharsets.UTF_8), r.value());
    }
    return new RunOutput(rawCounts, enrichedCounts, assignmentCounts, eventOf, latest, enrichedContent);
  }

  /** Input articles (the sentinel aside) that have no assignment. */
  int lost(List<String> inputIds) {
    return (int) inputIds.stream().filter(id -> !eventOf.containsKey(id)).count();
  }

  /**
   * Committed raw and enriched records beyond one per article, plus assignment records beyond
   * what the fault-free run committed for that article.
   */
  int duplicated(List<String> inputIds, RunOutput faultFree) {
    int d = 0;
    for (String id : inputIds) {
      d += Math.max(0, raw.getOrDefault(id, 0) - 1);
      d += Math.max(0, enriched.getOrDefault(id, 0) - 1);
      d += Math.max(0, assignments.getOrDefault(id, 0) - faultFree.assignments.getOrDefault(id, 0));
    }
    return d;
  }

  /** Events whose final timeline is not byte-identical to the fault-free run's (either side missing counts too). */
  int differing(RunOutput faultFree) {
    Set<String> keys = new TreeSet<>(events.keySet());
    keys.addAll(faultFree.events.keySet());
    // the sentinels only release the others; if they were clustered at all, their events are not compared
    for (RunOutput run : List.of(this, faultFree)) {
      run.eventOf.forEach((id, event) -> {
        if (ChaosInput.isSentinel(id)) {
          keys.remove(event);
        }
      });
    }
    int n = 0;
    for (String k : keys) {
      if (!events.containsKey(k) || !faultFree.events.containsKey(k) || !Arrays.equals(events.get(k), faultFree.events.get(k))) {
        n++;
      }
    }
    return n;
  }

  /**
   * Input articles whose enriched record differs from the fault-free run's in what clustering
   * reads (all but the ingestion time): aggregate cannot be expected to cluster those alike.
   */
  int enrichedDiffering(List<String> inputIds, RunOutput faultFree) {
    return (int) inputIds.stream().filter(id -> !java.util.Objects.equals(enrichedContent.get(id), faultFree.enrichedContent.get(id)))
        .count();
  }

  /** Says which articles and events make the counts (at most {@code limit} of each), for finding the cause. */
  void explain(List<String> inputIds, RunOutput faultFree, TopicSerdes serdes, String eventsTopic, java.io.PrintStream out,
      int limit) {
    int shown = 0;
    for (String id : inputIds) {
      int r = raw.getOrDefault(id, 0);
      int e = enriched.getOrDefault(id, 0);
      int a = assignments.getOrDefault(id, 0);
      int fa = faultFree.assignments.getOrDefault(id, 0);
      if ((r > 1 || e > 1 || a > fa || !eventOf.containsKey(id)) && shown++ < limit) {
        out.printf("  %s: raw %d, enriched %d, assignments %d (fault-free %d), event %s (fault-free %s)%n",
            id, r, e, a, fa, eventOf.get(id), faultFree.eventOf.get(id));
      }
    }
    shown = 0;
    Set<String> keys = new TreeSet<>(events.keySet());
    keys.addAll(faultFree.events.keySet());
    for (String k : keys) {
      byte[] mine = events.get(k);
      byte[] theirs = faultFree.events.get(k);
      if (!Arrays.equals(mine, theirs) && shown++ < limit) {
        out.printf("  event %s:%n    fault-free %s%n    chaos      %s%n", k, summary(theirs, serdes, eventsTopic), summary(mine, serdes, eventsTopic));
      }
    }
  }

  private static String summary(byte[] value, TopicSerdes serdes, String topic) {
    if (value == null) {
      return "(absent or tombstone)";
    }
    io.newsline.avro.EventTimeline t = serdes.events().deserializer().deserialize(topic, value);
    return t.getStatus() + " v" + t.getVersion() + " " + t.getArticles().stream().map(x -> x.getId()).toList()
        + " merged_from " + t.getMergedFrom();
  }
}
