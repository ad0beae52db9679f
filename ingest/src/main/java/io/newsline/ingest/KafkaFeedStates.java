package io.newsline.ingest;

import io.newsline.common.config.Settings;
import io.newsline.common.kafka.CompactedTopicReader;
import io.newsline.ingest.feed.FeedState;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the feed states back from the compacted ingest state topic at start-up: the latest
 * committed record per feed URL. They are written by {@link IngestService} in the same
 * transaction as the poll's articles.
 */
public final class KafkaFeedStates {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaFeedStates.class);

  private KafkaFeedStates() {}

  public static Map<String, FeedState> load(Settings settings) {
    String topic = new Topics(settings).ingestState();
    Map<String, FeedState> states = new HashMap<>();
    try (CompactedTopicReader reader = CompactedTopicReader.open(KafkaSettings.clientConfig(settings), topic)) {
      reader.readToEnd(r -> {
        String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        if (key == null) {
          return;
        }
        if (r.value() == null) {
          states.remove(key);
          return;
        }
        try {
          states.put(key, FeedState.fromJson(r.value()));
        } catch (RuntimeException e) {
          LOG.warn("skipping unreadable state record for {} at {}-{}@{}: {}", key, r.topic(), r.partition(), r.offset(), e.getMessage());
        }
      });
    }
    LOG.info("loaded the state of {} feeds from {}", states.size(), topic);
    return states;
  }
}
