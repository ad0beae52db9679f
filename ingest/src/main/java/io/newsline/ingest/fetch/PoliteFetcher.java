package io.newsline.ingest.fetch;

import io.newsline.ingest.IngestError;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The crawler's front door: article pages (robots.txt checked at every hop, HTML or text only,
 * decoded strictly) and feeds (conditional GET with ETag and Last-Modified), both with a clear
 * User-Agent, per-host rate limits, timeouts, size limits and redirect checks. Pages come from
 * links in feed content, so their every hop (and its robots.txt) must reach a public address
 * unless private networks are allowed; feed URLs are the operator's and trusted. Thread-safe.
 */
public final class PoliteFetcher implements AutoCloseable {
  private final FetchSettings settings;
  private final HttpFetcher http;
  private final RobotsCache robots;

  public PoliteFetcher(FetchSettings settings, Clock clock) {
    this(settings, clock, new HostRateLimiter(settings.hostInterval(), settings.maxHosts()));
  }

  private PoliteFetcher(FetchSettings settings, Clock clock, HostRateLimiter limiter) {
    this(settings, clock, limiter, new HttpFetcher(settings, limiter));
  }

  /** With a fetcher of the caller's (tests: name resolution, TLS trust). */
  PoliteFetcher(FetchSettings settings, Clock clock, HostRateLimiter limiter, HttpFetcher http) {
    this.settings = settings;
    this.http = http;
    this.robots = new RobotsCache(http, limiter, settings, clock);
  }

  public FetchSettings settings() {
    return settings;
  }

  /** A fetched article page, decoded. */
  public record Page(URI uri, String contentType, String text) {
    public boolean isHtml() {
      return contentType == null || contentType.contains("html");
    }
  }

  /** A feed response: not modified, or the body with the validators for the next conditional GET. */
  public record FeedResponse(URI uri, boolean notModified, byte[] body, String charset, String etag, String lastModified) {}

  public Page fetchPage(URI uri) throws InterruptedException {
    HttpFetcher.Response r = http.get(uri, Map.of("Accept", "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5"),
        settings.maxPageBytes(), this::checkRobots);
    String type = r.header("Content-Type");
    String mime = mime(type);
    if (mime != null && !(mime.equals("text/html") || mime.equals("application/xhtml+xml") || mime.equals("text/plain"))) {
      throw new FetchException(IngestError.UNSUPPORTED_CONTENT_TYPE, r.uri() + ": content type " + mime + " is not an article page");
    }
    String text = mime != null && mime.equals("text/plain")
        ? Charsets.decode(r.body(), Charsets.charset(orUtf8(Charsets.fromContentType(type)), r.uri().toString()), r.uri().toString())
        : Charsets.decodeHtml(r.body(), Charsets.fromContentType(type), r.uri().toString());
    return new Page(r.uri(), mime, text);
  }

  public FeedResponse fetchFeed(URI uri, String etag, String lastModified) throws InterruptedException {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1");
    if (etag != null) {
      h.put("If-None-Match", etag);
    }
    if (lastModified != null) {
      h.put("If-Modified-Since", lastModified);
    }
    HttpFetcher.Response r = http.get(uri, h, settings.maxFeedBytes(), u -> {}, true); // the operator's own feed URL
    if (r.notModified()) {
      return new FeedResponse(r.uri(), true, new byte[0], null, etag, lastModified);
    }
    String type = r.header("Content-Type");
    String mime = mime(type);
    if (mime != null && (mime.startsWith("image/") || mime.startsWith("audio/") || mime.startsWith("video/")
        || mime.startsWith("font/") || mime.equals("application/pdf") || mime.equals("application/zip"))) {
      throw new FetchException(IngestError.UNSUPPORTED_CONTENT_TYPE, r.uri() + ": content type " + mime + " is not a feed");
    }
    return new FeedResponse(r.uri(), false, r.body(), Charsets.fromContentType(type), r.header("ETag"), r.header("Last-Modified"));
  }

  private void checkRobots(URI u) {
    try {
      if (!robots.allows(u)) {
        throw new FetchException(IngestError.ROBOTS_DISALLOWED, u + ": disallowed by robots.txt for " + settings.robotsToken());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(IngestError.NETWORK_ERROR, u + ": interrupted");
    }
  }

  private static String mime(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return null;
    }
    return contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
  }

  private static String orUtf8(String cs) {
    return cs == null ? "UTF-8" : cs;
  }

  @Override
  public void close() {
    http.close();
  }
}
