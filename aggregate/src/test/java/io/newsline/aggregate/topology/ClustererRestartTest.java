package io.newsline.aggregate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.aggregate.testing.SyntheticNews;
import io.newsline.aggregate.timeline.TimelineBuilder;
import io.newsline.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A clustering task that restarts (a crash, a rebalance, an aborted transaction) builds its
 * clusterer again from the event store: what it publishes afterwards must be byte for byte what an
 * uninterrupted clusterer publishes.
 */
class ClustererRestartTest {
  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

  @Test
  void aClustererRebuiltFromItsStoreContinuesExactlyAsAnUninterruptedOne() {
    // six days of articles: events also go dormant and retire on the way
    ClusterSettings settings = ClusterSettings.defaults();
    List<ClusterArticle> articles = new SyntheticNews(11, 5000, 400, 32)
        .articles(300, 60, T0, Duration.ofDays(6), Duration.ofDays(1)).stream()
        .map(ClusterArticles::from).sorted(java.util.Comparator.comparing(ClusterArticle::time).thenComparing(ClusterArticle::id)).toList();

    List<String> uninterrupted = run(settings, articles, Integer.MAX_VALUE);
    assertThat(uninterrupted.stream().filter(s -> s.contains("merged")).count()).as("merges happen").isGreaterThan(0);
    for (int every : new int[] {3, 41}) {
      assertThat(run(settings, articles, every)).as("restarted every %d articles", every).isEqualTo(uninterrupted);
    }
  }

  /** Clusters the articles, rebuilding the clusterer from its (serialised) store every {@code every} articles. */
  private static List<String> run(ClusterSettings settings, List<ClusterArticle> articles, int every) {
    StoredEvents store = new StoredEvents();
    EventClusterer c = new EventClusterer(settings, store);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < articles.size(); i++) {
      if (i > 0 && i % every == 0) {
        c = new EventClusterer(settings, store);
      }
      for (ClusterChange change : c.add(articles.get(i))) {
        out.add(change instanceof ClusterChange.EventChanged e ? "event " + TimelineBuilder.build(e.event()) : change.toString());
      }
    }
    return out;
  }

  /** The event store as the stage keeps it: serialised, so a rebuilt clusterer shares no objects with the last one. */
  private static final class StoredEvents implements EventRepository {
    private final Map<String, byte[]> bytes = new TreeMap<>();

    @Override
    public EventState get(String eventId) {
      byte[] b = bytes.get(eventId);
      return b == null ? null : read(b);
    }

    @Override
    public void put(EventState event) {
      try {
        bytes.put(event.id, Json.mapper().writeValueAsBytes(event));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void remove(String eventId) {
      bytes.remove(eventId);
    }

    @Override
    public Iterable<EventState> all() {
      return bytes.values().stream().map(StoredEvents::read).toList();
    }

    private static EventState read(byte[] b) {
      try {
        return Json.mapper().readValue(b, EventState.class);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
