package io.newsline.ingest.fetch;

import io.newsline.common.config.Settings;
import java.time.Duration;

/**
 * How politely and how defensively to fetch: who we say we are, how long to wait, how much to
 * read, how many redirects to follow, how often to hit one host.
 *
 * @param userAgent sent with every request and matched against robots.txt groups
 * @param connectTimeout to open a connection
 * @param timeout for a whole response, headers and body: a server trickling bytes is cut off too
 * @param maxPageBytes article pages larger than this are refused (read is aborted at the limit)
 * @param maxFeedBytes the same for feeds
 * @param maxRedirects redirects followed per request
 * @param hostInterval at least this long between two requests to the same host
 * @param maxCrawlDelay a robots.txt Crawl-delay above this is capped
 * @param robotsTtl how long a host's robots.txt is cached
 * @param maxHosts hosts whose rate-limit slot and robots.txt are remembered (least recently used forgotten)
 * @param allowPrivateNetworks whether URLs found in feed content (item links, redirects, their
 *     robots.txt) may reach loopback, private and other non-public addresses; configured feed URLs
 *     may always
 */
public record FetchSettings(
    String userAgent,
    Duration connectTimeout,
    Duration timeout,
    long maxPageBytes,
    long maxFeedBytes,
    int maxRedirects,
    Duration hostInterval,
    Duration maxCrawlDelay,
    Duration robotsTtl,
    int maxHosts,
    boolean allowPrivateNetworks) {

  public static final String DEFAULT_USER_AGENT = "newsline/0.1 (+https://github.com/newsline/newsline)";

  public static FetchSettings defaults() {
    return from(Settings.empty());
  }

  /** From ingest.http.* settings (see docs/ingest.md). */
  public static FetchSettings from(Settings s) {
    return new FetchSettings(
        s.get("ingest.http.user-agent", DEFAULT_USER_AGENT),
        s.getDuration("ingest.http.connect-timeout", Duration.ofSeconds(10)),
        s.getDuration("ingest.http.timeout", Duration.ofSeconds(30)),
        s.getLong("ingest.http.max-page-bytes", 5L * 1024 * 1024),
        s.getLong("ingest.http.max-feed-bytes", 10L * 1024 * 1024),
        s.getInt("ingest.http.max-redirects", 5),
        s.getDuration("ingest.http.host-interval", Duration.ofSeconds(1)),
        s.getDuration("ingest.http.max-crawl-delay", Duration.ofSeconds(30)),
        s.getDuration("ingest.http.robots-ttl", Duration.ofHours(12)),
        s.getInt("ingest.http.max-hosts", 10_000),
        s.getBoolean("ingest.http.allow-private-networks", false));
  }

  public FetchSettings withTimeout(Duration t) {
    return new FetchSettings(userAgent, connectTimeout, t, maxPageBytes, maxFeedBytes, maxRedirects, hostInterval, maxCrawlDelay, robotsTtl, maxHosts, allowPrivateNetworks);
  }

  public FetchSettings withHostInterval(Duration d) {
    return new FetchSettings(userAgent, connectTimeout, timeout, maxPageBytes, maxFeedBytes, maxRedirects, d, maxCrawlDelay, robotsTtl, maxHosts, allowPrivateNetworks);
  }

  public FetchSettings withMaxPageBytes(long b) {
    return new FetchSettings(userAgent, connectTimeout, timeout, b, maxFeedBytes, maxRedirects, hostInterval, maxCrawlDelay, robotsTtl, maxHosts, allowPrivateNetworks);
  }

  public FetchSettings withMaxHosts(int n) {
    return new FetchSettings(userAgent, connectTimeout, timeout, maxPageBytes, maxFeedBytes, maxRedirects, hostInterval, maxCrawlDelay, robotsTtl, n, allowPrivateNetworks);
  }

  public FetchSettings withAllowPrivateNetworks(boolean allow) {
    return new FetchSettings(userAgent, connectTimeout, timeout, maxPageBytes, maxFeedBytes, maxRedirects, hostInterval, maxCrawlDelay, robotsTtl, maxHosts, allow);
  }

  /** The product token robots.txt groups are matched against: "newsline" for the default agent. */
  public String robotsToken() {
    String t = userAgent.split("[/ ]")[0];
    return t.toLowerCase(java.util.Locale.ROOT);
  }
}
