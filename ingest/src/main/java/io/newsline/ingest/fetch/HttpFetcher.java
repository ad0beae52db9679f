package io.newsline.ingest.fetch;

import io.newsline.ingest.IngestError;
import io.newsline.ingest.Messages;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * GET with the defences a crawler needs: one deadline for headers and body together, a body-size
 * limit enforced while streaming, redirects followed by hand (a limit, loop detection, http/https
 * only, each hop rate-limited and vetted by the caller), and every failure turned into a
 * {@link FetchException} with a reason. Thread-safe; one HttpClient for all requests.
 */
public final class HttpFetcher implements AutoCloseable {
  private final FetchSettings settings;
  private final HostRateLimiter limiter;
  private final HttpClient client;

  public HttpFetcher(FetchSettings settings, HostRateLimiter limiter) {
    this.settings = settings;
    this.limiter = limiter;
    this.client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(settings.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1)
        .build();
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
   * Fetches {@code uri} following redirects; {@code beforeEachHop} may veto a hop by throwing (robots.txt).
   * 4xx and 5xx answers throw, with the status and any Retry-After.
   */
  public Response get(URI uri, Map<String, String> headers, long maxBytes, Consumer<URI> beforeEachHop)
      throws InterruptedException {
    Set<URI> visited = new LinkedHashSet<>();
    URI current = checkUrl(uri, uri);
    while (true) {
      if (!visited.add(current)) {
        throw new FetchException(IngestError.REDIRECT_LOOP, uri + ": redirect loop " + chain(visited, current));
      }
      if (visited.size() > settings.maxRedirects() + 1) {
        throw new FetchException(IngestError.TOO_MANY_REDIRECTS, uri + ": more than " + settings.maxRedirects() + " redirects " + chain(visited, null));
      }
      beforeEachHop.accept(current);
      limiter.acquire(hostKey(current));
      HttpResponse<byte[]> r = send(current, headers, maxBytes);
      int status = r.statusCode();
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

  private HttpResponse<byte[]> send(URI uri, Map<String, String> headers, long maxBytes) throws InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(settings.timeout()).header("User-Agent", settings.userAgent());
    headers.forEach(b::header);
    CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(b.build(), LimitedBody.handler(maxBytes));
    try {
      return f.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new FetchException(IngestError.TIMEOUT, uri + ": no complete response within " + seconds(settings.timeout()), e);
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    } catch (CancellationException e) {
      throw new FetchException(IngestError.NETWORK_ERROR, uri + ": request cancelled", e);
    } catch (ExecutionException e) {
      throw failure(uri, e.getCause(), maxBytes);
    }
  }

  private FetchException failure(URI uri, Throwable t, long maxBytes) {
    Throwable c = t;
    while (c != null) {
      if (c instanceof LimitedBody.TooLarge tl) {
        return new FetchException(IngestError.TOO_LARGE, uri + ": response larger than the limit of " + tl.limit + " bytes", t);
      }
      if (c instanceof HttpConnectTimeoutException) {
        return new FetchException(IngestError.TIMEOUT, uri + ": connect timed out after " + seconds(settings.connectTimeout()), t);
      }
      if (c instanceof HttpTimeoutException) {
        return new FetchException(IngestError.TIMEOUT, uri + ": no response within " + seconds(settings.timeout()), t);
      }
      if (c instanceof ConnectException) {
        return new FetchException(IngestError.CONNECT_ERROR, uri + ": cannot connect (" + c.getMessage() + ")", t);
      }
      c = c.getCause();
    }
    String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return new FetchException(IngestError.NETWORK_ERROR, uri + ": " + msg, t);
  }

  private static FetchException httpError(URI uri, HttpResponse<byte[]> r) {
    int status = r.statusCode();
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
    // java.net.http.HttpClient has no close() before Java 21; its threads are daemons and idle out
  }
}
