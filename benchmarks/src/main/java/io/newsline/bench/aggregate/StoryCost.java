package io.newsline.bench.aggregate;

import io.newsline.aggregate.cluster.ClusterArticles;
import io.newsline.aggregate.cluster.ClusterChange;
import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.cluster.EventClusterer;
import io.newsline.aggregate.cluster.EventStateCodec;
import io.newsline.aggregate.cluster.InMemoryEventRepository;
import io.newsline.aggregate.testing.SyntheticNews;
import io.newsline.aggregate.timeline.TimelineBuilder;
import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.EnrichedArticle;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The aggregate's cost for one article as a function of the size of the story it joins (issue 14:
 * a 5,000-article story within 2x of a 5-article one). A clusterer holds one story of N articles
 * among twice as many (at least 3,000) articles of other stories; then {@value #PROBES} more articles of that story are
 * timed one by one (thread CPU): clustering, the timeline record built and Avro-serialised, the
 * event state encoded for its store, the assignment serialised, as the topology does per article.
 */
public final class StoryCost {
  static final int PROBES = 200;
  private static final int[] SIZES = {5, 50, 500, 5000};
  private static final int ROUNDS = 3;

  private StoryCost() {}

  /** Only this part: {@code StoryCost [ROUNDS]}. */
  public static void main(String[] args) {
    report(System.out, args.length > 0 ? Integer.parseInt(args[0]) : ROUNDS);
  }

  static void report(PrintStream out) {
    report(out, ROUNDS);
  }

  static void report(PrintStream out, int roundCount) {
    double[] cost = new double[SIZES.length];
    for (int i = 0; i < SIZES.length; i++) {
      double[] rounds = new double[roundCount];
      int joined = 0;
      for (int r = 0; r < roundCount; r++) {
        double[] m = microsPerJoin(SIZES[i], r);
        rounds[r] = m[0];
        joined = (int) m[1];
      }
      Arrays.sort(rounds);
      cost[i] = rounds[roundCount / 2];
      out.printf(Locale.ROOT, "article joining a %,5d-article story: %7.1f us CPU (median of %d rounds of %d articles; rounds %s;"
          + " the event they joined had %,d articles at the end)%n",
          SIZES[i], cost[i], roundCount, PROBES, Arrays.toString(Arrays.stream(rounds).map(x -> Math.round(x)).toArray()), joined);
    }
    out.printf(Locale.ROOT, "5,000-article story / 5-article story: %.2f (goal: at most 2)%n", cost[SIZES.length - 1] / cost[0]);
  }

  /** Median CPU microseconds of one article joining a story of {@code size} articles, and the size of the event they joined. */
  static double[] microsPerJoin(int size, int round) {
    Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    SyntheticNews gen = new SyntheticNews(100 + round, 20_000, 5_000, 384);
    // enough other news that the story's own words stay distinctive (inverse document frequency)
    int others = Math.max(3000, 2 * size);
    List<EnrichedArticle> background = gen.articles(others, others / 2, t0, Duration.ofHours(20), Duration.ofHours(6));
    List<EnrichedArticle> story = gen.story(999_999, size + PROBES, t0, Duration.ofHours(20));
    List<EnrichedArticle> warm = new ArrayList<>(background);
    warm.addAll(story.subList(0, size));
    warm.sort((x, y) -> x.getPublishedAt().compareTo(y.getPublishedAt()));
    EventClusterer c = new EventClusterer(ClusterSettings.defaults(), new InMemoryEventRepository());
    for (EnrichedArticle a : warm) {
      c.add(ClusterArticles.from(a)).forEach(StoryCost::publish);
    }
    long[] cpu = new long[PROBES];
    var threads = ManagementFactory.getThreadMXBean();
    int joined = 0;
    for (int i = 0; i < PROBES; i++) {
      var a = ClusterArticles.from(story.get(size + i));
      long start = threads.getCurrentThreadCpuTime();
      List<ClusterChange> changes = c.add(a);
      for (ClusterChange ch : changes) {
        publish(ch);
      }
      cpu[i] = threads.getCurrentThreadCpuTime() - start;
      for (ClusterChange ch : changes) {
        if (ch instanceof ClusterChange.EventChanged e) {
          joined = e.event().articleCount;
        }
      }
    }
    Arrays.sort(cpu);
    return new double[] {cpu[PROBES / 2] / 1e3, joined};
  }

  /** What the topology does with a change besides handing it to Kafka: serialise it (and store the event). */
  static long publish(ClusterChange ch) {
    try {
      if (ch instanceof ClusterChange.EventChanged e) {
        return TimelineBuilder.build(e.event()).toByteBuffer().remaining() + EventStateCodec.encode(e.event()).length;
      }
      if (ch instanceof ClusterChange.Assigned as) {
        return new ArticleAssignment(as.articleId(), as.eventId(), Instant.ofEpochMilli(as.time()), as.similarity(), as.reason(),
            as.title(), as.outlet(), as.url()).toByteBuffer().remaining();
      }
      return 0;
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }
}
