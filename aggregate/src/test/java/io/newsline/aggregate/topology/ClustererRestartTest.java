package io.newsline.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.aggregate.cluster.ClusterArticle;
import io.newsline.aggregate.cluster.ClusterArticles;
import io.newsline.aggregate.cluster.ClusterChange;
import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.cluster.EventClusterer;
import io.newsline.aggregate.testing.SyntheticNews;
import io.newsline.aggregate.timeline.TimelineBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A clustering task that restarts (a crash, a rebalance, an aborted transaction: Kafka Streams
 * initialises the processor again over stores restored from their changelogs) builds its clusterer
 * again from the event store. Its indexes, term statistics, provisional-event bookkeeping and clock
 * are plain fields rebuilt from the stored events, in the store's key order: what it publishes
 * afterwards must be byte for byte what an uninterrupted clusterer publishes.
 */
class ClustererRestartTest {
  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

  @Test
  void aClustererRebuiltFromItsStoreContinuesExactlyAsAnUninterruptedOne() {
    ClusterSettings settings = ClusterSettings.defaults();
    // six days of articles: events also go dormant and retire on the way
    List<ClusterArticle> articles = new SyntheticNews(11, 5000, 400, 32)
        .articles(300, 60, T0, Duration.ofDays(6), Duration.ofDays(1)).stream()
        .map(ClusterArticles::from).sorted(Comparator.comparing(ClusterArticle::time).thenComparing(ClusterArticle::id)).toList();

    List<String> uninterrupted = run(settings, articles, Integer.MAX_VALUE);
    assertThat(uninterrupted.stream().filter(s -> s.contains("merged")).count()).as("merges happen").isGreaterThan(0);
    assertThat(uninterrupted.stream().filter(s -> s.contains("status\": \"dormant")).count()).as("events retire").isGreaterThan(0);
    for (int every : new int[] {3, 41}) {
      assertThat(run(settings, articles, every)).as("restarted every %d articles", every).isEqualTo(uninterrupted);
    }
  }

  /** Clusters the articles, building the clusterer again from its stores every {@code every} articles. */
  private static List<String> run(ClusterSettings settings, List<ClusterArticle> articles, int every) {
    KeyValueStore<String, byte[]> events = store(ClusteringProcessor.STORE);
    KeyValueStore<String, byte[]> members = store(ClusteringProcessor.MEMBERS);
    EventClusterer c = new EventClusterer(settings, new StoreEventRepository(events, members));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < articles.size(); i++) {
      if (i > 0 && i % every == 0) {
        c = new EventClusterer(settings, new StoreEventRepository(events, members));
      }
      for (ClusterChange change : c.add(articles.get(i))) {
        out.add(change instanceof ClusterChange.EventChanged e ? "event " + TimelineBuilder.build(e.event()) : change.toString());
      }
    }
    return out;
  }

  /** A store of the kind the stage uses (values as bytes: every read decodes, nothing is shared with the last clusterer). */
  private static KeyValueStore<String, byte[]> store(String name) {
    KeyValueStore<String, byte[]> s = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled().build();
    s.init(new MockProcessorContext<>().getStateStoreContext(), s);
    return s;
  }
}
