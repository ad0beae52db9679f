package io.newsline.ingest.fetch;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * robots.txt per host, fetched once and cached: 2xx is parsed, 4xx means no rules (RFC 9309),
 * anything else (5xx, timeout, too big) means "disallow everything" for a short while, since we
 * cannot know what the site wants. A Crawl-delay raises the host's rate-limit interval. Thread-safe.
 */
public final class RobotsCache {
  private static final Logger LOG = LoggerFactory.getLogger(RobotsCache.class);
  private static final long MAX_ROBOTS_BYTES = 512 * 1024;
  private static final Duration UNREACHABLE_TTL = Duration.ofMinutes(10);

  private final HttpFetcher http;
  private final HostRateLimiter limiter;
  private final FetchSettings settings;
  private final Clock clock;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  private record Entry(RobotsTxt robots, Instant expires) {}

  public RobotsCache(HttpFetcher http, HostRateLimiter limiter, FetchSettings settings, Clock clock) {
    this.http = http;
    this.limiter = limiter;
    this.settings = settings;
    this.clock = clock;
  }

  /** Whether robots.txt lets us fetch the URL. */
  public boolean allows(URI uri) throws InterruptedException {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return robots(uri).allows(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
  }

  RobotsTxt robots(URI uri) throws InterruptedException {
    String host = HttpFetcher.hostKey(uri);
    Entry e = cache.get(host);
    if (e != null && clock.instant().isBefore(e.expires)) {
      return e.robots;
    }
    // one fetch per host at a time; a second caller waits for the first's result
    synchronized (host.intern()) {
      e = cache.get(host);
      if (e != null && clock.instant().isBefore(e.expires)) {
        return e.robots;
      }
      e = load(host);
      cache.put(host, e);
    }
    if (e.robots.crawlDelay() != null) {
      Duration d = e.robots.crawlDelay().compareTo(settings.maxCrawlDelay()) > 0 ? settings.maxCrawlDelay() : e.robots.crawlDelay();
      limiter.setInterval(host, d);
    }
    return e.robots;
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
