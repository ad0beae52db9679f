package io.newsline.runtime;

import io.newsline.common.config.Settings;
import io.newsline.runtime.deadletter.DeadLetterDeserializationHandler;
import io.newsline.runtime.deadletter.DeadLetterProcessingHandler;
import io.newsline.runtime.deadletter.DeadLetterProductionHandler;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Turns newsline settings into Kafka configs: the client config every producer, consumer, admin
 * client and serde uses (every Kafka client setting the user gave, security and timeouts included,
 * passed through unchanged, plus the registry settings), and the Kafka Streams properties of a
 * stage (that, plus exactly-once v2, the dead-letter handlers and producer./consumer. overrides).
 */
public final class KafkaSettings {
  private static final List<String> CLIENT_PREFIXES =
      List.of(
          StreamsConfig.PRODUCER_PREFIX,
          StreamsConfig.CONSUMER_PREFIX,
          StreamsConfig.MAIN_CONSUMER_PREFIX,
          StreamsConfig.RESTORE_CONSUMER_PREFIX,
          StreamsConfig.GLOBAL_CONSUMER_PREFIX,
          StreamsConfig.ADMIN_CLIENT_PREFIX,
          StreamsConfig.TOPIC_PREFIX,
          "schema.registry.",
          "basic.auth.",
          "ssl.",
          "sasl.");
  private static final Set<String> CLIENT_KEYS = clientKeys();
  /** Default commit interval of the Streams stages (commit.interval.ms overrides it). */
  public static final long COMMIT_INTERVAL_MS = 500;
  /**
   * Producer batch size of ingest and the Streams stages (producer.batch.size overrides it). Kafka's
   * 16 KiB holds three articles and one event state (about 15 KB): every changelog record of an event
   * was a batch of its own, which the broker validates, appends and indexes apiece and the
   * producer's I/O thread compresses apiece (docs/benchmarks.md, "What Kafka costs per article").
   */
  public static final int PRODUCER_BATCH_BYTES = 256 * 1024;

  private KafkaSettings() {}

  /** Kafka client and registry settings from the user's config (no newsline-only keys). */
  public static Map<String, Object> clientConfig(Settings settings) {
    Map<String, Object> out = new HashMap<>();
    settings.asMap().forEach(
        (k, v) -> {
          if (CLIENT_KEYS.contains(k) || CLIENT_PREFIXES.stream().anyMatch(k::startsWith)) {
            out.put(k, v);
          }
        });
    out.put("bootstrap.servers", settings.require("bootstrap.servers"));
    out.put("schema.registry.url", settings.require("schema.registry.url"));
    return out;
  }

  /** Kafka Streams properties for the stage named {@code stage} (application id newsline-STAGE). */
  public static Properties streams(String stage, Settings settings) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "newsline-" + stage);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(System.getProperty("java.io.tmpdir"), "newsline-state").toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(defaultStreamThreads(stage, settings)));
    // internal topics use the broker's default replication factor
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "-1");
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
    p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
    // the processing handler applies to global stores too, as it will by default from Kafka 5.0 (till
    // then every StreamsConfig warned): only the query stage has them, and it sets a handler that
    // fails. The main consumer's configs too: Streams' partition assignor makes a StreamsConfig of
    // them, which warned once per stream thread. (The key is deprecated as a switch for the
    // transition: with Kafka 5.0 it goes, and these two lines with it.)
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), "true");
    // a whole article is a few KB; enriched articles and timelines can be larger than the 1 MB
    // default. One limit for the public topics, the internal ones (changelogs, repartition topics:
    // otherwise the broker default) and the producer, so what fits one topic fits the next.
    String maxBytes = String.valueOf(Topics.maxMessageBytes(settings));
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), maxBytes);
    p.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), maxBytes);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "zstd");
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), String.valueOf(PRODUCER_BATCH_BYTES));
    // Under exactly-once every commit is a transaction: AddPartitionsToTxn for each partition
    // written, TxnOffsetCommit, EndTxn and a marker appended to every one of those partitions. At
    // Streams' 100 ms that cost the broker and clients more CPU than the articles themselves
    // (docs/benchmarks.md, end to end); at this interval a stage adds at most that much to the
    // freshness of its outputs.
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, String.valueOf(COMMIT_INTERVAL_MS));
    p.putAll(clientConfig(settings));
    settings.asMap().forEach(
        (k, v) -> {
          if (k.startsWith("streams.")) {
            p.put(k.substring("streams.".length()), v);
          }
        });
    copy(settings, p, "application.id");
    copy(settings, p, "state.dir");
    copy(settings, p, "num.stream.threads");
    if (settings.has(stage + ".num.stream.threads")) {
      p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.get(stage + ".num.stream.threads"));
    }
    copy(settings, p, "processing.guarantee");
    copy(settings, p, "commit.interval.ms");
    p.put("newsline.stage", stage);
    p.put("newsline.topic.deadletter", new Topics(settings).deadLetter());
    return p;
  }

  /**
   * Stream threads when the user sets none: one per core for enrich, whose NLP keeps a thread busy
   * (one thread would leave the other cores to the lighter stages and the broker; docs/benchmarks.md),
   * at most one per partition of the topics it creates (a thread serves whole partitions: more would
   * idle); one for the others.
   */
  static int defaultStreamThreads(String stage, Settings settings) {
    return "enrich".equals(stage)
        ? Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), Topics.partitions(settings))) : 1;
  }

  private static void copy(Settings s, Properties p, String key) {
    if (s.has(key)) {
      p.put(key, s.get(key));
    }
  }

  private static Set<String> clientKeys() {
    Set<String> keys = new HashSet<>();
    keys.addAll(StreamsConfig.configDef().names());
    keys.addAll(ProducerConfig.configNames());
    keys.addAll(ConsumerConfig.configNames());
    keys.addAll(AdminClientConfig.configNames());
    return keys;
  }
}
