package io.newsline.ingest.fetch;

import io.newsline.ingest.IngestError;
import io.newsline.ingest.Messages;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * GET with the defences a crawler needs: one deadline for headers and body together, a body-size
 * limit enforced while streaming, redirects followed by hand (a limit, loop detection, http/https
 * only, each hop rate-limited and vetted by the caller), and every failure turned into a
 * {@link FetchException} with a reason.
 *
 * <p>URLs found in feed content are not trusted (server-side request forgery): on every hop the
 * host name is resolved once, each address checked ({@link AddressPolicy}: no loopback, private,
 * link-local, multicast... unless private networks are allowed), and the connection made to a
 * checked address, never to a second lookup. A refused hop is a {@link FetchException} with
 * reason forbidden_address. A trusted request (a feed URL the operator configured) skips the
 * check for its own host and port; its redirects elsewhere are checked. Thread-safe.
 */
public final class HttpFetcher implements AutoCloseable {
  private final FetchSettings settings;
  private final HostRateLimiter limiter;
  private final PinnedHttpClient client;
  private final AddressPolicy policy;
  private final Resolver resolver;

  /** Name resolution, replaceable in tests. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  public HttpFetcher(FetchSettings settings, HostRateLimiter limiter) {
    this(settings, limiter, InetAddress::getAllByName, defaultTls());
  }

  HttpFetcher(FetchSettings settings, HostRateLimiter limiter, Resolver resolver, SSLContext tls) {
    this(settings, limiter, resolver, tls, new AddressPolicy(settings.allowPrivateNetworks()));
  }

  HttpFetcher(FetchSettings settings, HostRateLimiter limiter, Resolver resolver, SSLContext tls, AddressPolicy policy) {
    this.settings = settings;
    this.limiter = limiter;
    this.client = new PinnedHttpClient(tls);
    this.policy = policy;
    this.resolver = resolver;
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no TLS support in this JVM", e);
    }
  }

  /** A final answer: 2xx with its body, or 304 Not Modified with none. */
  public record Response(URI uri, int status, HttpHeaders headers, byte[] body) {
    public boolean notModified() {
      return status == 304;
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  /**
   * Fetches {@code uri}, a URL found in feed content (every hop's address is checked), following
   * redirects; {@code beforeEachHop} may veto a hop by throwing (robots.txt). 4xx and 5xx answers
   * throw, with the status and any Retry-After.
   */
  public Response get(URI uri, Map<String, String> headers, long maxBytes, Consumer<URI> beforeEachHop)
      throws InterruptedException {
    return get(uri, headers, maxBytes, beforeEachHop, false);
  }

  /**
   * As {@link #get(URI, Map, long, Consumer)}; when {@code trusted} (an operator's feed URL) the
   * hops to the URL's own scheme, host and port are not checked.
   */
  public Response get(URI uri, Map<String, String> headers, long maxBytes, Consumer<URI> beforeEachHop, boolean trusted)
      throws InterruptedException {
    Set<URI> visited = new LinkedHashSet<>();
    URI current = checkUrl(uri, uri);
    String trustedHost = trusted ? hostKey(current) : null;
    while (true) {
      if (!visited.add(current)) {
        throw new FetchException(IngestError.REDIRECT_LOOP, uri + ": redirect loop " + chain(visited, current));
      }
      if (visited.size() > settings.maxRedirects() + 1) {
        throw new FetchException(IngestError.TOO_MANY_REDIRECTS, uri + ": more than " + settings.maxRedirects() + " redirects " + chain(visited, null));
      }
      List<InetAddress> addresses = addresses(current, hostKey(current).equals(trustedHost));
      beforeEachHop.accept(current);
      limiter.acquire(hostKey(current));
      PinnedHttpClient.Answer r = send(current, addresses, headers, maxBytes);
      int status = r.status();
      if (isRedirect(status)) {
        String location = r.headers().firstValue("Location").orElse(null);
        if (location == null || location.isBlank()) {
          throw new FetchException(IngestError.BAD_REDIRECT, current + ": HTTP " + status + " without a Location header");
        }
        current = checkUrl(resolve(current, location.strip()), uri);
        continue;
      }
      if (status == 304 || (status >= 200 && status < 300)) {
        return new Response(current, status, r.headers(), r.body());
      }
      throw httpError(current, r);
    }
  }

  /**
   * The host's addresses this hop may connect to: all of them when trusted, else the ones the
   * policy allows; none allowed is a forbidden_address failure (counted, dead-lettered).
   */
  private List<InetAddress> addresses(URI uri, boolean trusted) {
    String host = PinnedHttpClient.bare(uri.getHost());
    InetAddress[] all;
    try {
      all = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new FetchException(IngestError.CONNECT_ERROR, uri + ": unknown host " + host, e);
    }
    if (trusted) {
      return List.of(all);
    }
    List<InetAddress> allowed = new ArrayList<>();
    String refused = null;
    for (InetAddress a : all) {
      String why = policy.refusal(a);
      if (why == null) {
        allowed.add(a);
      } else if (refused == null) {
        refused = a.getHostAddress() + " is a " + why + " address";
      }
    }
    if (allowed.isEmpty()) {
      throw new FetchException(IngestError.FORBIDDEN_ADDRESS, uri + ": refused: " + (refused == null ? host + " has no address" : refused)
          + "; links found in feeds may reach public addresses only"
          + (settings.allowPrivateNetworks() ? "" : " (ingest.http.allow-private-networks=true allows private networks)"));
    }
    return allowed;
  }

  private PinnedHttpClient.Answer send(URI uri, List<InetAddress> addresses, Map<String, String> headers, long maxBytes)
      throws InterruptedException {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("User-Agent", settings.userAgent());
    all.putAll(headers);
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    try {
      return client.get(uri, addresses, all, maxBytes, settings.connectTimeout().toNanos(), deadline);
    } catch (PinnedHttpClient.TooLarge e) {
      throw new FetchException(IngestError.TOO_LARGE, uri + ": response larger than the limit of " + e.limit + " bytes", e);
    } catch (PinnedHttpClient.UnreadableBody e) {
      throw new FetchException(e.reason, uri + ": " + e.getMessage(), e);
    } catch (PinnedHttpClient.ConnectTimeout e) {
      throw new FetchException(IngestError.TIMEOUT, uri + ": connect timed out after " + seconds(settings.connectTimeout()), e);
    } catch (InterruptedIOException e) {
      if (e instanceof SocketTimeoutException && !Thread.currentThread().isInterrupted()) {
        throw new FetchException(IngestError.TIMEOUT, uri + ": no complete response within " + seconds(settings.timeout()), e);
      }
      throw new InterruptedException("fetch of " + uri + " interrupted");
    } catch (ConnectException e) {
      throw new FetchException(IngestError.CONNECT_ERROR, uri + ": cannot connect (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new FetchException(IngestError.NETWORK_ERROR, uri + ": " + msg, e);
    }
  }

  private static FetchException httpError(URI uri, PinnedHttpClient.Answer r) {
    int status = r.status();
    String snippet = new String(r.body(), 0, Math.min(r.body().length, 200), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    String msg = uri + ": HTTP " + status + (snippet.isEmpty() || snippet.startsWith("<") ? "" : " (" + snippet + ")");
    return new FetchException(status >= 500 ? IngestError.HTTP_5XX : IngestError.HTTP_4XX, msg, status,
        retryAfter(r.headers().firstValue("Retry-After").orElse(null)), null);
  }

  /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip())));
    } catch (NumberFormatException e) {
      try {
        Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException e2) {
        return null;
      }
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static URI resolve(URI base, String location) {
    try {
      return base.resolve(new URI(location));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new FetchException(IngestError.BAD_REDIRECT, base + ": redirect to an invalid URL " + Messages.quote(location), e);
    }
  }

  /** Only absolute http(s) URLs with a host; no fragments. */
  static URI checkUrl(URI u, URI original) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
      throw new FetchException(u.equals(original) ? IngestError.INVALID_URL : IngestError.BAD_REDIRECT,
          original + ": not an http(s) URL: " + u);
    }
    try {
      return u.getRawFragment() == null ? u : new URI(u.getScheme(), u.getRawAuthority(), u.getRawPath(), u.getRawQuery(), null);
    } catch (URISyntaxException e) {
      return u;
    }
  }

  /** Rate limits and robots.txt apply per scheme, host and port. */
  public static String hostKey(URI u) {
    return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT) + (u.getPort() < 0 ? "" : ":" + u.getPort());
  }

  private static String chain(Set<URI> visited, URI last) {
    List<String> s = new ArrayList<>();
    visited.forEach(u -> s.add(u.toString()));
    if (last != null) {
      s.add(last.toString());
    }
    return String.join(" -> ", s);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  @Override
  public void close() {
    client.close();
  }
}
