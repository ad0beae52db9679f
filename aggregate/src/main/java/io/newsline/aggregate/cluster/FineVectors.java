package io.newsline.aggregate.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The cascade's fine embeddings computed ahead, off the clustering thread (issue 14): the thread
 * that clusters offers ({@link #offer}) the articles it will cluster soon and probably embed finely (its
 * reorder buffer holds them; {@link EventClusterer#mayEmbedFinely} predicts which, and which
 * events' kept warm-up leads their decisions will embed), a small pool embeds them meanwhile, and
 * the cascade's fine function ({@link #apply}) takes the vector from here.
 *
 * <p>Output does not depend on the pool: whether an article is embedded stays the clusterer's
 * decision, taken on the clustering thread in clustering order, and {@link #apply} returns exactly
 * what the fine function returns on that thread (the pool runs the same function on the same text;
 * an entry made for another text of the same article id is not used). A prefetched article not
 * started when it is needed is embedded by the clustering thread itself rather than waited for; one
 * never needed is cancelled when the last article it was predicted for is {@link #settle}d, or
 * counted wasted if the pool had embedded it. At most {@code capacity} articles are held; beyond
 * that {@link #prefetch} does nothing and the article, if needed, is embedded inline as without a pool. Used by one thread (the clustering
 * thread); the pool's threads touch only their tasks.
 */
public final class FineVectors implements Function<ClusterArticle, float[]>, AutoCloseable {
  private final Function<ClusterArticle, float[]> fine;
  private final int capacity;
  private final ThreadPoolExecutor pool;
  private final Map<String, Entry> pending = new HashMap<>();
  /** Pending id -> the article (offered last) whose clustering it was predicted for; article -> the ids predicted for it. */
  private final Map<String, String> neededBy = new HashMap<>();
  private final Map<String, List<String>> predicted = new HashMap<>();
  private final long[] counts = new long[Outcome.values().length];

  /**
   * How many articles before its turn the clustering thread offers an article, once: the prediction
   * ({@link EventClusterer#mayEmbedFinely}) costs what the decision costs, so it is made once per
   * article, late enough to see the events and warm-up leads that the articles ahead of it create
   * (predicted at arrival, far ahead, a third of the kept leads the cascade embedded on the e2e
   * corpus had not been predicted) and early enough for the pool to embed what it predicts. On
   * 2,000 articles of the e2e corpus ({@code StageCost}, one pool thread, 890 vectors needed),
   * predicted once 2 / 3 / 4 / 8 / 16 articles ahead: 108 / 129 / 140 / 188 / 246 needed and not
   * predicted, 46 / 51 / 73-83 / 105-123 / 147-152 embedded in vain; predicted twice (at arrival, 64
   * ahead, and again 2 ahead) as before: 114 and 158-176.
   */
  public static final int PREDICT_AHEAD = 2;

  /** What became of the articles offered to {@link #prefetch} and asked of {@link #apply}. */
  public enum Outcome {
    /** Handed to the pool. */
    PREFETCHED,
    /** Needed and embedded by the pool (waited for when it was running). */
    HIT,
    /** Needed and prefetched, but the pool had not started it: embedded by the clustering thread. */
    STOLEN,
    /** Needed and not prefetched (not predicted, released at once, or the cache full): embedded inline. */
    MISS,
    /** Embedded by the pool and not needed after all. */
    WASTED,
    /** Prefetched, not needed, and cancelled before the pool started it. */
    CANCELLED,
    /** Offered while {@code capacity} articles were pending: not prefetched. */
    FULL,
    /** Offered and predicted ({@link EventClusterer#mayEmbedFinely}, on the clustering thread: about what its decision costs). */
    PREDICTED
  }

  /** A prefetched article: its text (to check it is the article clustered) and its embedding, once run. */
  private record Entry(String title, String text, FutureTask<float[]> task, Thread[] runner) {}

  /**
   * @param fine the cascade's fine embedding (thread-safe: the pool runs it)
   * @param threads the pool's threads (at least 1)
   * @param capacity most articles prefetched and not yet settled
   * @param name the pool threads' name prefix
   */
  public FineVectors(Function<ClusterArticle, float[]> fine, int threads, int capacity, String name) {
    if (threads < 1 || capacity < 1) {
      throw new IllegalArgumentException("the fine embedding pool needs at least 1 thread and 1 slot, not " + threads + " and " + capacity);
    }
    this.fine = fine;
    this.capacity = capacity;
    AtomicInteger n = new AtomicInteger();
    // last in, first out: when the pool is behind, it embeds the articles furthest ahead while the
    // clustering thread embeds the nearest ones itself, instead of both wanting the same next one
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LastInFirstOut(), r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** A task queue whose threads take the latest task first. */
  private static final class LastInFirstOut extends LinkedBlockingDeque<Runnable> {
    @Override
    public boolean offer(Runnable r) {
      return offerFirst(r);
    }
  }

  /** The pool's threads for a machine: one fewer than its cores (the clustering thread has one), at least 1. */
  public static int defaultThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  }

  /**
   * Offers an article that {@code clusterer} (whose cascade takes its fine vectors from here) will
   * cluster soon: prefetched when the clusterer predicts on its present state that it will embed it
   * finely, with the cascade's own band: on 3,000 articles of the e2e corpus, 64 ahead, predicting
   * with a band 0.05 wider embedded 136 more articles in vain (539 in all: most come from events that
   * stopped being young between offer and turn, not from the band) to find 15 more of the 2,025
   * needed; 0.05 narrower missed 100 more.
   */
  public void offer(ClusterArticle a, EventClusterer clusterer) {
    if (pending.size() >= capacity) {
      prefetch(a); // a full cache takes nothing (counted) and is not worth a prediction
      return;
    }
    counts[Outcome.PREDICTED.ordinal()]++;
    // offered again (tests), an article is predicted again on the newer state: what it adds is prefetched too
    for (ClusterArticle x : clusterer.mayEmbedFinely(a)) {
      prefetch(x);
      if (pending.containsKey(x.id()) && !a.id().equals(neededBy.put(x.id(), a.id()))) {
        predicted.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(x.id());
      }
    }
  }

  /** Starts embedding the article (or a kept lead) in the pool, unless it is pending already or the cache is full. */
  public void prefetch(ClusterArticle a) {
    if (pending.containsKey(a.id())) {
      return;
    }
    if (pending.size() >= capacity) {
      counts[Outcome.FULL.ordinal()]++;
      return;
    }
    Thread[] runner = new Thread[1];
    FutureTask<float[]> task = new FutureTask<>(() -> {
      runner[0] = Thread.currentThread(); // read after get(), which orders it
      return fine.apply(a);
    });
    pending.put(a.id(), new Entry(a.title(), a.text(), task, runner));
    counts[Outcome.PREFETCHED.ordinal()]++;
    pool.execute(task);
  }

  /** Whether the article is pending (prefetched and not settled). */
  public boolean pending(String articleId) {
    return pending.containsKey(articleId);
  }

  /** The article's fine embedding: the prefetched one, else computed on this thread. */
  @Override
  public float[] apply(ClusterArticle a) {
    Entry e = pending.remove(a.id());
    neededBy.remove(a.id());
    if (e == null || !Objects.equals(e.title(), a.title()) || !Objects.equals(e.text(), a.text())) {
      if (e != null) {
        e.task().cancel(false);
      }
      counts[Outcome.MISS.ordinal()]++;
      return fine.apply(a);
    }
    FutureTask<float[]> task = e.task();
    if (!task.isDone()) {
      // not started: run it here (a FutureTask runs once; when the pool has started it this returns at once)
      task.run();
    }
    try {
      float[] v = task.get();
      if (e.runner()[0] == Thread.currentThread()) {
        counts[Outcome.STOLEN.ordinal()]++;
      } else {
        counts[Outcome.HIT.ordinal()]++;
      }
      return v;
    } catch (CancellationException ex) {
      counts[Outcome.MISS.ordinal()]++;
      return fine.apply(a);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a fine embedding", ex);
    } catch (ExecutionException ex) {
      // the fine function failed in the pool: fail as it would have failed inline
      if (ex.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(ex.getCause());
    }
  }

  /**
   * The article has been clustered: what was prefetched for it and not needed (unless predicted
   * for a later article too) is cancelled, or counted wasted.
   */
  public void settle(String articleId) {
    for (String id : predicted.getOrDefault(articleId, List.of())) {
      if (articleId.equals(neededBy.get(id))) {
        neededBy.remove(id);
        drop(pending.remove(id));
      }
    }
    predicted.remove(articleId);
    if (neededBy.get(articleId) == null) {
      drop(pending.remove(articleId)); // offered without a prediction (tests, a full cache's callers)
    }
  }

  private void drop(Entry e) {
    if (e == null) {
      return;
    }
    if (e.task().cancel(false)) {
      counts[Outcome.CANCELLED.ordinal()]++;
    } else {
      counts[Outcome.WASTED.ordinal()]++;
    }
  }

  /** How many articles had this outcome so far. */
  public long count(Outcome o) {
    return counts[o.ordinal()];
  }

  /** Cancels what is pending and stops the pool's threads (waits up to a second for a running embedding). */
  @Override
  public void close() {
    pending.values().forEach(e -> e.task().cancel(false));
    pending.clear();
    neededBy.clear();
    predicted.clear();
    pool.shutdownNow();
    try {
      pool.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }
}
