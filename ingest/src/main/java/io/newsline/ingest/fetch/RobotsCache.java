package io.newsline.ingest.fetch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * robots.txt per host, fetched once and cached: 2xx is parsed, 4xx means no rules (RFC 9309),
 * anything else (5xx, timeout, too big) means "disallow everything" for a short while, since we
 * cannot know what the site wants. A Crawl-delay raises the host's rate-limit interval. The cache
 * is bounded, since feed items may link to ever new hosts: at most {@code maxHosts} entries and
 * {@link #MAX_RULE_CHARS} characters of rules in all, the least recently used forgotten first (and
 * fetched again when needed). Thread-safe.
 */
public final class RobotsCache {
  private static final Logger LOG = LoggerFactory.getLogger(RobotsCache.class);
  private static final long MAX_ROBOTS_BYTES = 512 * 1024;
  private static final Duration UNREACHABLE_TTL = Duration.ofMinutes(10);
  /** Rule characters the cache may hold in all (a few hundred MB at most, with the compiled patterns). */
  static final long MAX_RULE_CHARS = 16L << 20;
  /** Loads of different hosts run in parallel; of one host, once (callers of a stripe wait). */
  private static final int LOCK_STRIPES = 64;

  private final HttpFetcher http;
  private final HostRateLimiter limiter;
  private final FetchSettings settings;
  private final Clock clock;
  private final Object[] locks = new Object[LOCK_STRIPES];
  private final int maxHosts;
  private final long maxRuleChars;
  /** Access-ordered: the eldest is the least recently used. Guarded by itself. */
  private final LinkedHashMap<String, Entry> cache = new LinkedHashMap<>(16, 0.75f, true);
  private long ruleChars;

  private record Entry(RobotsTxt robots, Instant expires) {}

  public RobotsCache(HttpFetcher http, HostRateLimiter limiter, FetchSettings settings, Clock clock) {
    this(http, limiter, settings, clock, MAX_RULE_CHARS);
  }

  RobotsCache(HttpFetcher http, HostRateLimiter limiter, FetchSettings settings, Clock clock, long maxRuleChars) {
    this.http = http;
    this.limiter = limiter;
    this.settings = settings;
    this.clock = clock;
    this.maxHosts = settings.maxHosts();
    this.maxRuleChars = maxRuleChars;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /** Whether robots.txt lets us fetch the URL. */
  public boolean allows(URI uri) throws InterruptedException {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return robots(uri).allows(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
  }

  RobotsTxt robots(URI uri) throws InterruptedException {
    String host = HttpFetcher.hostKey(uri);
    Entry e = fresh(host);
    if (e == null) {
      // one fetch per host at a time; a second caller waits for the first's result
      synchronized (locks[Math.floorMod(host.hashCode(), LOCK_STRIPES)]) {
        e = fresh(host);
        if (e == null) {
          e = load(host);
          put(host, e);
        }
      }
    }
    // set on every use: the rate limiter may have forgotten the host since
    if (e.robots.crawlDelay() != null) {
      Duration d = e.robots.crawlDelay().compareTo(settings.maxCrawlDelay()) > 0 ? settings.maxCrawlDelay() : e.robots.crawlDelay();
      limiter.setInterval(host, d);
    }
    return e.robots;
  }

  /** Hosts cached now. */
  int size() {
    synchronized (cache) {
      return cache.size();
    }
  }

  private Entry fresh(String host) {
    synchronized (cache) {
      Entry e = cache.get(host);
      return e != null && clock.instant().isBefore(e.expires) ? e : null;
    }
  }

  private void put(String host, Entry e) {
    synchronized (cache) {
      Entry old = cache.put(host, e);
      ruleChars += e.robots.ruleChars() - (old == null ? 0 : old.robots.ruleChars());
      var eldest = cache.entrySet().iterator();
      while ((cache.size() > maxHosts || ruleChars > maxRuleChars) && eldest.hasNext()) {
        Entry gone = eldest.next().getValue();
        if (gone == e) {
          break; // the newest entry stays even when it alone is over the limit
        }
        ruleChars -= gone.robots.ruleChars();
        eldest.remove();
      }
    }
  }

  private Entry load(String host) throws InterruptedException {
    URI robotsUri = URI.create(host + "/robots.txt");
    Instant now = clock.instant();
    try {
      HttpFetcher.Response r = http.get(robotsUri, Map.of(), MAX_ROBOTS_BYTES, u -> {});
      String text = new String(r.body(), StandardCharsets.UTF_8);
      return new Entry(RobotsTxt.parse(text, settings.robotsToken()), now.plus(settings.robotsTtl()));
    } catch (FetchException f) {
      if (f.status() >= 400 && f.status() < 500) {
        return new Entry(RobotsTxt.ALLOW_ALL, now.plus(settings.robotsTtl()));
      }
      LOG.warn("robots.txt of {} unreadable ({}); not fetching pages there for {}", host, f.getMessage(), UNREACHABLE_TTL);
      return new Entry(RobotsTxt.DISALLOW_ALL, now.plus(UNREACHABLE_TTL));
    }
  }
}
