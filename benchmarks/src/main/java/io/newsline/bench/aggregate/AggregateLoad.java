package io.newsline.bench.aggregate;

import io.newsline.aggregate.cluster.ClusterArticle;
import io.newsline.aggregate.cluster.ClusterArticles;
import io.newsline.aggregate.cluster.ClusterChange;
import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.cluster.EventClusterer;
import io.newsline.aggregate.cluster.InMemoryEventRepository;
import io.newsline.aggregate.cluster.TermVectors;
import io.newsline.aggregate.testing.SyntheticNews;
import io.newsline.avro.EnrichedArticle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Load harness for the aggregate hot path on one core: per article what the topology does besides
 * Kafka (clustering, the event's timeline record built and serialised, the event state encoded
 * for its store, the assignment serialised), on a synthetic stream of news-shaped enriched
 * articles (see {@link SyntheticNews}) with embeddings, as enrich would deliver them, and story
 * sizes heavy-tailed as in real news.
 *
 * <p>Rates are per CPU-second of the working thread (the development machines are shared), wall
 * clock alongside. Run: {@code java -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.newsline.bench.aggregate.AggregateLoad [articles] [stories] [days] [skew]}, default 100,000 articles
 * about 30,000 stories over 10 days, story popularity 1 / rank (skew 1: the biggest story gets
 * about 9,000 articles), which keeps about 10,000 events active under the default three-day
 * dormancy. Reports, in one run:
 * <ul>
 *   <li>the cost of one article joining a story of 5, 50, 500 and 5,000 articles (the goal: the
 *       5,000-article story within 2x of the 5-article one);
 *   <li>articles/s of the whole job, and of a baseline measured alongside: only
 *       reading each article into term counts (the floor any text clustering pays); the ratio says
 *       how many times that floor the whole job costs;
 *   <li>the cost of the brute-force alternative (scoring every active event instead of the
 *       inverted-index candidates) on a sample at the same state, to show what the index buys;
 *   <li>retained heap of the clustering state after the run, next to the active events and the
 *       articles seen, for this and for runs with twice the history and half the active events,
 *       to show that memory follows the active events, not the history.
 * </ul>
 */
public final class AggregateLoad {
  private AggregateLoad() {}

  public static void main(String[] args) throws Exception {
    int articles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int stories = args.length > 1 ? Integer.parseInt(args[1]) : 30_000;
    int days = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    double skew = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
    System.out.printf("aggregate load: %,d articles, %,d stories over %d days (story popularity 1/rank^%.1f), one thread%n",
        articles, stories, days, skew);

    StoryCost.report(System.out);
    Run main = run(articles, stories, days, skew, true);
    System.out.printf("%nclustering + timelines: %,.0f articles per CPU-second (%.1f us CPU/article; wall clock %,.0f/s on a shared"
        + " machine), %,d events opened, %,d active at the end; biggest story %,d articles%n", main.rate, 1e6 / main.rate,
        main.wallRate, main.opened, main.active, main.biggestStory);
    System.out.printf("baseline (term counts only): %,.0f articles/s; ratio baseline/full = %.2f%n", main.baselineRate,
        main.baselineRate / main.rate);
    System.out.printf("brute force over all active events (sample of %d at the end state): %,.0f articles/s; index speed-up x%.0f%n",
        main.bruteSample, main.bruteRate, main.rate / main.bruteRate);
    System.out.printf("quality on the synthetic stories: B-cubed P %.3f R %.3f F1 %.3f%n", main.bp, main.br,
        2 * main.bp * main.br / (main.bp + main.br));

    joinDecisionCost(Math.min(articles, 50_000), stories / 2, days / 2);

    System.out.printf("%nmemory (retained heap of the clustering state after the run):%n");
    System.out.printf("%-34s %10s %10s %14s %10s%n", "stream", "articles", "active ev", "active art.", "heap MB");
    print("as above", main);
    Run longer = run(articles * 2, stories * 2, days * 2, skew, false);
    print("2x history, same active", longer);
    Run fewer = run(articles, stories, days * 2, skew, false);
    print("same history, ~half active", fewer);
  }

  private static void print(String name, Run r) {
    System.out.printf("%-34s %,10d %,10d %,14d %10.1f%n", name, r.articles, r.active, r.activeArticles, r.heapBytes / 1e6);
  }

  private static final class Run {
    int articles;
    double rate;
    double wallRate;
    double baselineRate;
    double bruteRate;
    int bruteSample;
    int opened;
    int active;
    int activeArticles;
    long heapBytes;
    double bp;
    double br;
    int biggestStory;
  }

  private static Run run(int articles, int stories, int days, double skew, boolean full) throws Exception {
    Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    List<EnrichedArticle> input = new SyntheticNews(42, 20_000, 5_000, 384)
        .articles(articles, stories, t0, Duration.ofDays(days), Duration.ofDays(1), skew);
    List<ClusterArticle> in = new ArrayList<>(input.size());
    for (EnrichedArticle a : input) {
      in.add(ClusterArticles.from(a));
    }
    System.err.printf("generated %,d articles%n", input.size());
    Run r = new Run();
    r.articles = articles;
    Map<Integer, Integer> sizes = new java.util.HashMap<>();
    input.forEach(a -> sizes.merge(SyntheticNews.storyOf(a), 1, Integer::sum));
    r.biggestStory = sizes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    ClusterSettings settings = ClusterSettings.defaults();
    if (full) {
      // warm up the JIT on a separate clusterer
      EventClusterer warm = new EventClusterer(settings, new InMemoryEventRepository());
      for (int i = 0; i < Math.min(20_000, in.size()); i++) {
        consume(warm.add(in.get(i)));
      }
      System.err.println("warmed up");
      long b0 = cpu();
      long sink = 0;
      for (ClusterArticle a : in) {
        sink += TermVectors.counts(a.title(), a.text()).size();
      }
      r.baselineRate = in.size() / ((cpu() - b0) / 1e9);
      if (sink == 42) {
        System.out.println();
      }
    }
    EventClusterer c = new EventClusterer(settings, new InMemoryEventRepository());
    Map<String, String> assigned = new java.util.HashMap<>();
    long start = System.nanoTime();
    long startCpu = cpu();
    long lap = startCpu;
    int done = 0;
    for (ClusterArticle a : in) {
      if (++done % 10_000 == 0) {
        long now = cpu();
        System.err.printf("  %,d articles, %,d active events, %,.0f articles per CPU-second over the last 10,000%n",
            done, c.activeEvents(), 10_000 / ((now - lap) / 1e9));
        lap = now;
      }
      for (ClusterChange ch : c.add(a)) {
        blackhole += StoryCost.publish(ch);
        if (ch instanceof ClusterChange.Assigned as) {
          if (as.reason().equals("opened")) {
            r.opened++;
          }
          assigned.put(as.articleId(), as.eventId());
        }
      }
    }
    r.rate = in.size() / ((cpu() - startCpu) / 1e9);
    r.wallRate = in.size() / ((System.nanoTime() - start) / 1e9);
    r.active = c.activeEvents();
    r.activeArticles = c.activeArticles();
    if (full) {
      double[] pr = bcubed(input, assigned);
      r.bp = pr[0];
      r.br = pr[1];
    }
    if (full) {
      r.bruteSample = 2000;
      r.bruteRate = bruteForce(c, r.bruteSample, t0.plus(Duration.ofDays(days)));
    }
    assigned = null;
    in = null;
    input = null;
    // retained heap of the clusterer: used heap with it, minus used heap once it is unreachable
    HOLDER[0] = c;
    c = null;
    long with = settledHeap();
    EventClusterer held = HOLDER[0];
    HOLDER[0] = null;
    int activeEvents = held.activeEvents();
    held = null;
    long without = settledHeap();
    r.heapBytes = with - without;
    blackhole += activeEvents;
    return r;
  }

  /**
   * Cost of the join decision (issue 15): the same articles clustered with timelines by the default
   * settings (event anchors and the join model) and by similarity alone on the articles without
   * their anchors (the clusterer before anchors existed), alternating three times so both see the
   * same machine load; prints the CPU per article of each (median of the three) and their ratio.
   */
  private static void joinDecisionCost(int articles, int stories, int days) {
    List<EnrichedArticle> input = new SyntheticNews(11, 20_000, 5_000, 384)
        .articles(articles, stories, Instant.parse("2025-01-01T00:00:00Z"), Duration.ofDays(days), Duration.ofDays(1));
    List<ClusterArticle> anchored = new ArrayList<>(input.size());
    List<ClusterArticle> plain = new ArrayList<>(input.size());
    for (EnrichedArticle e : input) {
      ClusterArticle a = ClusterArticles.from(e);
      anchored.add(a);
      plain.add(new ClusterArticle(a.id(), a.title(), a.text(), a.outlet(), a.url(), a.time(), a.duplicateOf(), a.entities(),
          a.quotes(), a.embedding()));
    }
    ClusterSettings model = ClusterSettings.defaults();
    ClusterSettings similarity = model.withJoinModel(null);
    double[] withModel = new double[3];
    double[] alone = new double[3];
    for (int round = 0; round < 3; round++) {
      alone[round] = cpuPerArticle(similarity, plain);
      withModel[round] = cpuPerArticle(model, anchored);
    }
    java.util.Arrays.sort(withModel);
    java.util.Arrays.sort(alone);
    System.out.printf("join decision, %,d articles (alternating, median of 3): anchors + join model %.1f us CPU/article,"
        + " similarity alone without anchors %.1f us; ratio %.3f%n", articles, withModel[1] / 1e3, alone[1] / 1e3,
        withModel[1] / alone[1]);
  }

  /** CPU nanoseconds per article of clustering these articles with timelines, on a fresh clusterer. */
  private static double cpuPerArticle(ClusterSettings settings, List<ClusterArticle> in) {
    EventClusterer c = new EventClusterer(settings, new InMemoryEventRepository());
    long start = cpu();
    for (ClusterArticle a : in) {
      consume(c.add(a));
    }
    return (cpu() - start) / (double) in.size();
  }

  /** Scores fresh articles against every active event, as a clusterer without candidate index would. */
  private static double bruteForce(EventClusterer c, int n, Instant at) {
    List<EnrichedArticle> probe = new SyntheticNews(7, 20_000, 5_000, 384)
        .articles(n, n, at, Duration.ofHours(1), Duration.ofHours(1));
    long start = cpu();
    for (EnrichedArticle e : probe) {
      blackhole += c.scoreAll(ClusterArticles.from(e));
    }
    return n / ((cpu() - start) / 1e9);
  }

  private static double[] bcubed(List<EnrichedArticle> input, Map<String, String> assigned) {
    Map<Integer, Map<String, Integer>> byStory = new java.util.HashMap<>();
    Map<String, Map<Integer, Integer>> byEvent = new java.util.HashMap<>();
    Map<Integer, Integer> storySize = new java.util.HashMap<>();
    Map<String, Integer> eventSize = new java.util.HashMap<>();
    for (EnrichedArticle a : input) {
      int s = SyntheticNews.storyOf(a);
      String e = assigned.get(a.getId());
      byEvent.computeIfAbsent(e, k -> new java.util.HashMap<>()).merge(s, 1, Integer::sum);
      storySize.merge(s, 1, Integer::sum);
      eventSize.merge(e, 1, Integer::sum);
    }
    double p = 0;
    double r = 0;
    for (EnrichedArticle a : input) {
      int s = SyntheticNews.storyOf(a);
      String e = assigned.get(a.getId());
      int both = byEvent.get(e).get(s);
      p += both / (double) eventSize.get(e);
      r += both / (double) storySize.get(s);
    }
    return new double[] {p / input.size(), r / input.size()};
  }

  private static long blackhole;

  private static void consume(List<ClusterChange> changes) {
    for (ClusterChange ch : changes) {
      blackhole += StoryCost.publish(ch);
    }
  }

  /** CPU time of this thread: the machine is shared, so rates are per CPU-second of the one thread doing the work. */
  private static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static final EventClusterer[] HOLDER = new EventClusterer[1];

  private static long settledHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return usedHeap();
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
