package io.newsline.query.store;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which incarnation of each input topic the local stores were read from: the ids the broker gave
 * the topics, asked now, and the ids recorded when the stores were last started, in a file beside
 * them. A topic deleted and recreated (a backfill from scratch, a reset cluster) keeps its name but
 * gets a new id and starts its offsets at 0 again: stores and checkpoints from the earlier one
 * would keep its events and skip the new records below the old offsets. The admin client is its
 * owner's.
 */
public final class TopicIncarnations {
  private static final Logger LOG = LoggerFactory.getLogger(TopicIncarnations.class);

  private final Admin admin;
  private final List<String> topics;
  private final Duration timeout;
  private final Path file;

  public TopicIncarnations(Admin admin, List<String> topics, Path file, Duration timeout) {
    this.admin = admin;
    this.topics = List.copyOf(topics);
    this.file = file;
    this.timeout = timeout;
  }

  /** Each topic's id now (topic to id); null when the broker cannot say (unreachable, a topic missing). */
  public Map<String, String> current() {
    try {
      Map<String, String> ids = new TreeMap<>();
      admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .forEach((name, d) -> ids.put(name, d.topicId().toString()));
      return ids;
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      LOG.debug("query: cannot describe {}: {}", topics, e.toString());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The ids recorded with the local stores; empty when none were (a first start, a reset). */
  public Map<String, String> recorded() {
    Properties p = new Properties();
    if (Files.exists(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        LOG.warn("query: cannot read {} ({}); taking the local stores as current", file, e.toString());
      }
    }
    Map<String, String> ids = new TreeMap<>();
    p.forEach((k, v) -> ids.put((String) k, (String) v));
    return ids;
  }

  /** Records the ids the local stores are read from from now on. */
  public void record(Map<String, String> ids) {
    Properties p = new Properties();
    p.putAll(ids);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "ids of the topics the query stage's local stores were read from");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * The topics of {@code before} that have another id {@code now}, said for a log line and health
   * ("newsline.events was recreated (topic id A, now B)"); null when none did. A topic not in
   * {@code before} (nothing recorded) is no change.
   */
  public static String recreated(Map<String, String> before, Map<String, String> now) {
    List<String> changed = new ArrayList<>();
    before.forEach((topic, id) -> {
      String current = now.get(topic);
      if (current != null && !current.equals(id)) {
        changed.add(topic + " (topic id " + id + ", now " + current + ")");
      }
    });
    return changed.isEmpty() ? null : String.join(", ", changed) + (changed.size() == 1 ? " was" : " were")
        + " deleted and recreated since this instance read " + (changed.size() == 1 ? "it" : "them");
  }

}
