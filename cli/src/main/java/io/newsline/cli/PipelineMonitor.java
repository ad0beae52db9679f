package io.newsline.cli;

import io.newsline.avro.DeadLetter;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.EventTimeline;
import io.newsline.common.config.Settings;
import io.newsline.common.kafka.CompactedTopicReader;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the pipeline's output topics like a dashboard would (a plain read_committed consumer):
 * enriched articles, assignments, the latest timeline per event and dead letters, for progress
 * lines and the summary of `newsline local`.
 */
final class PipelineMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineMonitor.class);
  private static final int MAX_OPENINGS = 100_000;

  private final Topics topics;
  private final CompactedTopicReader reader;
  private final Deserializer<EventTimeline> timelines;
  private final Deserializer<DeadLetter> deadLetters;
  private final Deserializer<EnrichedArticle> enrichedArticles;
  private final Thread thread;
  private final Set<String> enriched = new HashSet<>();
  /** The opening words of articles without a headline, to name them in the summary (bounded). */
  private final Map<String, String> openings = new HashMap<>();
  private final Set<String> assigned = new HashSet<>();
  private final Map<String, EventTimeline> events = new LinkedHashMap<>();
  private final Map<String, Integer> deadLettersByStage = new HashMap<>();
  private volatile boolean running = true;
  private long changes;
  /** Assignment records and downstream dead letters: one for every raw article processed. */
  private long processed;
  private final long processedBefore;
  /** Dead letters that arrived since this monitor started, not yet taken for printing. */
  private final List<DeadLetter> newDeadLetters = new ArrayList<>();
  private boolean started;
  /** How far the topics have been read (set by the reading thread). */
  private volatile Map<TopicPartition, Long> positions;

  PipelineMonitor(Settings settings) {
    this.topics = new Topics(settings);
    TopicSerdes serdes = new TopicSerdes(KafkaSettings.clientConfig(settings));
    this.timelines = serdes.events().deserializer();
    this.deadLetters = serdes.deadLetters().deserializer();
    this.enrichedArticles = serdes.enriched().deserializer();
    this.reader = CompactedTopicReader.open(KafkaSettings.clientConfig(settings),
        topics.enriched(), topics.assignments(), topics.events(), topics.deadLetter());
    // what earlier runs left (a restart on kept data): counted in, but not as this run's progress
    reader.readToEnd(this::apply, Duration.ofMinutes(1));
    this.processedBefore = processed();
    this.positions = reader.positions();
    synchronized (this) {
      started = true;
    }
    this.thread = new Thread(this::loop, "pipeline-monitor");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      try {
        reader.poll(Duration.ofMillis(200), this::apply);
        positions = reader.positions();
      } catch (WakeupException e) {
        return; // closing
      } catch (RuntimeException e) {
        // a broker hiccup must not end the progress and the summary for the rest of the run
        LOG.warn("monitor could not read the output topics, trying again: {}", e.toString());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /** One record; one that cannot be read is logged and skipped, so the monitor keeps following the rest. */
  private synchronized void apply(ConsumerRecord<byte[], byte[]> r) {
    try {
      count(r);
    } catch (RuntimeException e) {
      LOG.warn("monitor could not read {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
    }
  }

  private void count(ConsumerRecord<byte[], byte[]> r) {
    String key = r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
    if (r.topic().equals(topics.enriched())) {
      if (enriched.add(key) && r.value() != null) {
        rememberOpening(key, r);
      }
    } else if (r.topic().equals(topics.assignments())) {
      assigned.add(key);
      processed++;
    } else if (r.topic().equals(topics.events())) {
      changes++;
      if (r.value() == null) {
        events.remove(key);
      } else {
        events.put(key, timelines.deserialize(r.topic(), r.value()));
      }
    } else if (r.topic().equals(topics.deadLetter())) {
      DeadLetter d = deadLetters.deserialize(r.topic(), r.value());
      deadLettersByStage.merge(d.getStage(), 1, Integer::sum);
      processed += "ingest".equals(d.getStage()) ? 0 : 1;
      if (started) {
        newDeadLetters.add(d);
      }
    }
  }

  private void rememberOpening(String key, ConsumerRecord<byte[], byte[]> r) {
    if (openings.size() >= MAX_OPENINGS) {
      return;
    }
    try {
      EnrichedArticle a = enrichedArticles.deserialize(r.topic(), r.value());
      if (a.getTitle() == null || a.getTitle().isBlank()) {
        openings.put(key, ArticleOpening.of(a.getText()));
      }
    } catch (RuntimeException e) {
      // only the summary's wording depends on it: the article is still counted
      LOG.debug("could not read enriched article {}", key, e);
    }
  }

  /** The opening words of an article without a headline, or null when none is known. */
  synchronized String opening(String articleId) {
    return openings.get(articleId);
  }

  synchronized int enriched() {
    return enriched.size();
  }

  synchronized int assigned() {
    return assigned.size();
  }

  private synchronized long processed() {
    return processed;
  }

  /**
   * Raw articles processed since this monitor started: assignments and downstream dead letters
   * (records, not keys, so an article delivered again counts again).
   */
  synchronized long processedSinceStart() {
    return processed - processedBefore;
  }

  /** Dead letters of every stage, earlier runs' included. */
  synchronized int deadLetters() {
    return deadLettersByStage.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * How far each partition of the watched topics has been read: what is printed includes every
   * record before these offsets.
   */
  Map<TopicPartition, Long> positions() {
    return positions;
  }

  synchronized List<EventTimeline> events() {
    return List.copyOf(events.values());
  }

  /** The dead letters that arrived since the last call (earlier runs' excepted), oldest first. */
  synchronized List<DeadLetter> takeNewDeadLetters() {
    List<DeadLetter> taken = List.copyOf(newDeadLetters);
    newDeadLetters.clear();
    return taken;
  }

  /** A counter that grows with every change of a timeline: cheap change detection for printing. */
  synchronized long changes() {
    return changes;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    reader.wakeup();
    thread.join(5000);
    reader.close();
  }
}
