package io.newsline.ingest.feed;

import io.newsline.common.Hashing;
import io.newsline.ingest.ArticleSink;
import io.newsline.ingest.IncomingArticle;
import io.newsline.ingest.IngestError;
import io.newsline.ingest.IngestMetrics;
import io.newsline.ingest.IngestTransaction;
import io.newsline.ingest.RejectedInputException;
import io.newsline.ingest.fetch.FetchException;
import io.newsline.ingest.fetch.PoliteFetcher;
import io.newsline.runtime.deadletter.DeadLetters;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls feeds on their own schedules: conditional GET, new and changed items only (oldest first, a
 * bounded number per poll), pages fetched for summary-only items, and one atomic transaction per poll
 * holding the articles, the dead letters and the feed's new state. A failing feed backs off
 * exponentially with jitter; nothing a feed or a page does (XXE, 50 MB, bad bytes, loops, 5xx,
 * silence) stops the poller: every failure becomes a dead letter, a metric and a backed-off retry.
 */
public final class FeedPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
  /** When a poll leaves items for later, come back after this long rather than a whole interval. */
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final List<FeedSource> feeds;
  private final PoliteFetcher fetcher;
  private final ArticleSink sink;
  private final Clock clock;
  private final Backoff backoff;
  private final int maxItemsPerPoll;
  private final ItemReader items;
  private final Map<String, FeedState> states = new ConcurrentHashMap<>();
  private final ScheduledExecutorService executor;
  private volatile boolean closed;

  /** What one poll did. */
  public record PollResult(String outcome, int articles, int failures, Instant nextPollAt) {}

  public FeedPoller(List<FeedSource> feeds, Map<String, FeedState> saved, PoliteFetcher fetcher, ArticleSink sink,
      Clock clock, Backoff backoff, int threads, int maxItemsPerPoll, int minContentChars) {
    this.feeds = List.copyOf(feeds);
    this.fetcher = fetcher;
    this.sink = sink;
    this.clock = clock;
    this.backoff = backoff;
    this.maxItemsPerPoll = maxItemsPerPoll;
    this.items = new ItemReader(fetcher, minContentChars);
    saved.forEach((url, st) -> states.put(url, st));
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newScheduledThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "feed-poller-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Schedules every feed: at its saved next-poll time, or now when it has none or it has passed. */
  public void start() {
    IngestMetrics.feedPollsFromZero();
    IngestMetrics.errorsFromZero(ItemReader.SOURCE_TYPE);
    for (FeedSource f : feeds) {
      schedule(f, state(f.url()).nextPollAt());
    }
    LOG.info("polling {} feeds", feeds.size());
  }

  public List<FeedSource> feeds() {
    return feeds;
  }

  /** Waits until every feed has been polled at least once (or the timeout passes); true when all were. */
  public boolean awaitFirstPolls(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (feeds.stream().anyMatch(f -> state(f.url()).lastPolledAt() == null)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  /** The feed's current state (initial when never polled). */
  public FeedState state(String url) {
    return states.getOrDefault(url, FeedState.initial(url));
  }

  public Map<String, FeedState> states() {
    return Collections.unmodifiableMap(states);
  }

  private void schedule(FeedSource f, Instant at) {
    if (closed) {
      return;
    }
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    executor.schedule(() -> {
      try {
        poll(f);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Throwable t) {
        if (t instanceof VirtualMachineError vme) {
          throw vme;
        }
        LOG.error("feed {}: unexpected failure; retrying later", f.url(), t);
        states.put(f.url(), state(f.url()).failed(String.valueOf(t), clock.instant(), clock.instant().plus(backoff.delay(1, null))));
      }
      schedule(f, state(f.url()).nextPollAt());
    }, delay, TimeUnit.MILLISECONDS);
  }

  /** Polls the feed once, now, and publishes the result; never throws for anything the feed did. */
  public PollResult poll(FeedSource f) throws InterruptedException {
    FeedState st = state(f.url());
    Instant now = clock.instant();
    try {
      PoliteFetcher.FeedResponse r = fetcher.fetchFeed(URI.create(f.url()), st.etag(), st.lastModified());
      if (r.notModified()) {
        FeedState next = st.succeeded(st.etag(), st.lastModified(), Map.of(), st.seen().keySet(), now, now.plus(f.interval()));
        commit(f, st, next, List.of(), List.of());
        IngestMetrics.feedPoll("not_modified");
        return new PollResult("not_modified", 0, 0, next.nextPollAt());
      }
      Feed feed = FeedParser.parse(r.body(), r.charset(), f.url());
      List<FeedItem> fresh = new ArrayList<>();
      List<FeedItem> all = new ArrayList<>(feed.items().subList(0, Math.min(feed.items().size(), FeedState.MAX_ITEMS)));
      Set<String> listed = all.stream().map(FeedPoller::key).collect(Collectors.toSet());
      Collections.reverse(all); // feeds list newest first; ingest oldest first
      for (FeedItem i : all) {
        if (st.isNewOrChanged(key(i), fingerprint(i))) {
          fresh.add(i);
        }
      }
      boolean more = fresh.size() > maxItemsPerPoll;
      if (more) {
        fresh = fresh.subList(0, maxItemsPerPoll);
      }
      List<IncomingArticle> articles = new ArrayList<>();
      List<IngestTransaction.Rejected> failures = new ArrayList<>();
      if (feed.items().size() > FeedState.MAX_ITEMS) {
        failures.add(new IngestTransaction.Rejected(new RejectedInputException(IngestError.TOO_LARGE, f.url() + ": the feed lists "
            + feed.items().size() + " items; only the newest " + FeedState.MAX_ITEMS + " are read", null), ItemReader.SOURCE_TYPE, f.url(), null));
      }
      Map<String, String> seen = new LinkedHashMap<>();
      for (FeedItem i : fresh) {
        ItemReader.Result res = items.read(f, feed, i);
        if (res.article() != null) {
          articles.add(res.article());
        }
        if (res.failure() != null) {
          failures.add(res.failure());
        }
        seen.put(key(i), fingerprint(i));
      }
      // with items left over, forget the validators so the next poll gets the whole feed again
      FeedState next = st.succeeded(more ? null : r.etag(), more ? null : r.lastModified(), seen, listed, now,
          now.plus(more && CATCH_UP.compareTo(f.interval()) < 0 ? CATCH_UP : f.interval()));
      commit(f, st, next, articles, failures);
      IngestMetrics.feedPoll("ok");
      return new PollResult("ok", articles.size(), failures.size(), next.nextPollAt());
    } catch (RejectedInputException e) {
      return failed(f, st, e, now, e instanceof FetchException fe ? fe.retryAfter() : null);
    } catch (IllegalArgumentException e) {
      return failed(f, st, new FetchException(IngestError.INVALID_URL, f.url() + ": " + e.getMessage(), e), now, null);
    } catch (RuntimeException e) {
      return failed(f, st, new RejectedInputException(IngestError.INTERNAL, f.url() + ": " + DeadLetters.describe(e), e), now, null);
    }
  }

  private PollResult failed(FeedSource f, FeedState st, RejectedInputException e, Instant started, Duration retryAfter) {
    Instant now = clock.instant(); // a timed-out poll took a while: back off from its end
    int errors = st.consecutiveErrors() + 1;
    Instant nextAt = now.plus(backoff.delay(errors, retryAfter));
    FeedState next = st.failed(e.getMessage(), now, nextAt);
    LOG.warn("{} (error {} in a row; next poll at {})", e.getMessage(), errors, nextAt);
    commit(f, st, next, List.of(), List.of(new IngestTransaction.Rejected(e, ItemReader.SOURCE_TYPE, f.url(), null)));
    IngestMetrics.feedPoll("error");
    return new PollResult("error", 0, 1, next.nextPollAt());
  }

  /** Publishes the poll's transaction; if that fails (broker down) nothing is marked seen and the poll is retried. */
  private void commit(FeedSource f, FeedState before, FeedState after, List<IncomingArticle> articles, List<IngestTransaction.Rejected> failures) {
    try {
      sink.publish(new IngestTransaction(articles, failures, List.of(new IngestTransaction.StateRecord(f.url(), after.toJson()))));
      states.put(f.url(), after);
    } catch (RuntimeException e) {
      Instant now = clock.instant();
      Instant retry = now.plus(backoff.delay(before.consecutiveErrors() + 1, null));
      if (closed) {
        LOG.debug("feed {}: poll abandoned at shutdown", f.url());
        return;
      }
      LOG.error("feed {}: cannot publish the poll's results ({}); polling again at {}", f.url(), DeadLetters.describe(e), retry);
      states.put(f.url(), before.failed("publish failed: " + DeadLetters.describe(e), now, retry));
    }
  }

  static String key(FeedItem i) {
    return Hashing.shortId(i.id(), 16);
  }

  static String fingerprint(FeedItem i) {
    return Hashing.shortId(i.title() + "\n" + i.link() + "\n" + i.summary() + "\n" + i.content() + "\n" + i.published(), 12);
  }

  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
