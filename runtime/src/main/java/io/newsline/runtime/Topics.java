package io.newsline.runtime;

import io.newsline.common.config.Settings;
import java.util.List;
import java.util.Map;

/**
 * Names and configs of every topic. Names are settings (topics.raw, topics.enriched, topics.events,
 * topics.assignments, topics.deadletter, topics.ingest.state) so several pipelines can share a cluster.
 *
 * <p>Articles, events and assignments are compacted and keyed by article or event id: the latest
 * record per key is the current state, the topics hold the full history of keys and can be replayed
 * from the beginning for backfills. Dead letters use time-based retention.
 */
public final class Topics {
  public static final String RAW = "newsline.articles.raw";
  public static final String ENRICHED = "newsline.articles.enriched";
  public static final String EVENTS = "newsline.events";
  public static final String ASSIGNMENTS = "newsline.assignments";
  public static final String DEAD_LETTER = "newsline.deadletter";
  public static final String INGEST_STATE = "newsline.ingest.state";

  /** Largest record any topic takes, internal ones included, unless topics.max.message.bytes says otherwise. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

  private final Settings settings;

  public Topics(Settings settings) {
    this.settings = settings;
  }

  /**
   * max.message.bytes of every topic the pipeline creates, public and internal (Streams changelog
   * and repartition topics), and the producers' max.request.size: one limit, so a record that fits
   * one topic fits the next. Setting topics.max.message.bytes, default 8 MiB.
   */
  public static int maxMessageBytes(Settings settings) {
    return settings.getInt("topics.max.message.bytes", DEFAULT_MAX_MESSAGE_BYTES);
  }

  public String raw() {
    return settings.get("topics.raw", RAW);
  }

  public String enriched() {
    return settings.get("topics.enriched", ENRICHED);
  }

  public String events() {
    return settings.get("topics.events", EVENTS);
  }

  public String assignments() {
    return settings.get("topics.assignments", ASSIGNMENTS);
  }

  public String deadLetter() {
    return settings.get("topics.deadletter", DEAD_LETTER);
  }

  public String ingestState() {
    return settings.get("topics.ingest.state", INGEST_STATE);
  }

  /** Partitions of the topics the pipeline creates (topics.partitions, default 3). */
  public static int partitions(Settings settings) {
    return settings.getInt("topics.partitions", 3);
  }

  /** Every topic with its configs; partitions and replication from topics.partitions / topics.replication.factor. */
  public List<TopicSpec> all() {
    int partitions = partitions(settings);
    short rf = (short) settings.getInt("topics.replication.factor", 3);
    String minIsr = String.valueOf(Math.max(1, Math.min(2, rf - 1)));
    Map<String, String> compact =
        Map.of(
            "cleanup.policy", "compact",
            "min.insync.replicas", minIsr,
            // keep the latest value of every key forever; tombstones linger a day so consumers see them
            "delete.retention.ms", String.valueOf(24 * 3600 * 1000L),
            "min.compaction.lag.ms", String.valueOf(60 * 1000L),
            "max.message.bytes", String.valueOf(maxMessageBytes(settings)));
    Map<String, String> deadLetters =
        Map.of(
            "cleanup.policy", "delete",
            "min.insync.replicas", minIsr,
            "retention.ms", String.valueOf(30L * 24 * 3600 * 1000),
            "max.message.bytes", String.valueOf(maxMessageBytes(settings)));
    return List.of(
        new TopicSpec(raw(), partitions, rf, compact),
        new TopicSpec(enriched(), partitions, rf, compact),
        new TopicSpec(events(), partitions, rf, compact),
        new TopicSpec(assignments(), partitions, rf, compact),
        new TopicSpec(deadLetter(), partitions, rf, deadLetters),
        new TopicSpec(ingestState(), 1, rf, Map.of("cleanup.policy", "compact", "min.insync.replicas", minIsr)));
  }
}
