package io.newsline.common.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server on the JDK's built-in server, with path-pattern routing ({@code /a/{b}}), a
 * request-body size limit and JSON error bodies. Used by the schema registry, the push endpoint
 * and the health/metrics endpoints, so no stage needs a servlet container.
 */
public final class HttpService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);

  static {
    // The JDK server sends headers and body in separate writes: with Nagle's algorithm and the
    // client's delayed ACK each small answer then waits ~40 ms. The server reads this property
    // once, when the first HttpServer is created, so set it here unless the user chose a value.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Route> routes;
  private final long maxBodyBytes;
  private final String name;
  private final String jsonContentType;

  private HttpService(Builder b) throws IOException {
    this.routes = new CopyOnWriteArrayList<>(b.routes);
    this.maxBodyBytes = b.maxBodyBytes;
    this.name = b.name;
    this.jsonContentType = b.jsonContentType;
    this.server = HttpServer.create(new InetSocketAddress(b.host, b.port), 64);
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf =
        r -> {
          Thread t = new Thread(r, b.name + "-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.executor = Executors.newFixedThreadPool(b.threads, tf);
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
  }

  public static Builder builder(String name, String host, int port) {
    return new Builder(name, host, port);
  }

  /**
   * Adds a route to the running server, after the builder's (the first route that matches wins):
   * how a stage mounts its own API on the ops server it shares with the process.
   */
  public HttpService route(String method, String pattern, Handler handler) {
    routes.add(new Route(method, split(pattern), handler));
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Base URL with the bound port, e.g. http://127.0.0.1:8081. */
  public String baseUrl() {
    String host = server.getAddress().getHostString();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) {
      host = "127.0.0.1";
    }
    return "http://" + host + ":" + port();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void dispatch(HttpExchange ex) {
    try (ex) {
      Response response;
      try {
        response = route(ex);
      } catch (HttpError e) {
        response = Response.json(e.status(), e.body());
      } catch (RuntimeException e) {
        LOG.warn("{}: {} {} failed", name, ex.getRequestMethod(), ex.getRequestURI(), e);
        response = Response.error(500, "internal error: " + e.getMessage());
      }
      write(ex, response);
    } catch (IOException e) {
      LOG.debug("{}: client went away: {}", name, e.toString());
    }
  }

  private Response route(HttpExchange ex) throws IOException {
    String rawPath = ex.getRequestURI().getRawPath();
    String[] segments = split(rawPath);
    boolean pathMatched = false;
    for (Route r : routes) {
      Map<String, String> params = r.match(segments);
      if (params == null) {
        continue;
      }
      pathMatched = true;
      if (!r.method.equalsIgnoreCase(ex.getRequestMethod())) {
        continue;
      }
      Request req =
          new Request(
              ex.getRequestMethod(),
              rawPath,
              params,
              parseQuery(ex.getRequestURI().getRawQuery()),
              ex.getRequestHeaders(),
              readBody(ex.getRequestBody()),
              ex.getRemoteAddress());
      try {
        return r.handler.handle(req);
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return pathMatched
        ? Response.error(405, "method not allowed: " + ex.getRequestMethod())
        : Response.error(404, "no such resource: " + rawPath);
  }

  private byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    if (body.length > maxBodyBytes) {
      throw new HttpError(413, "request body larger than " + maxBodyBytes + " bytes");
    }
    return body;
  }

  private void write(HttpExchange ex, Response r) throws IOException {
    r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    if (r.contentType() != null) {
      String type = Response.JSON.equals(r.contentType()) ? jsonContentType : r.contentType();
      ex.getResponseHeaders().set("Content-Type", type);
    }
    boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
    byte[] body = r.body() == null ? new byte[0] : r.body();
    ex.sendResponseHeaders(r.status(), head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static String[] split(String rawPath) {
    String p = rawPath == null ? "" : rawPath;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? new String[0] : p.split("/", -1);
  }

  static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return q;
  }

  static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** Builds and starts an {@link HttpService}. */
  public static final class Builder {
    private final String name;
    private final String host;
    private final int port;
    private final List<Route> routes = new ArrayList<>();
    private long maxBodyBytes = 1 << 20;
    private int threads = 4;
    private String jsonContentType = Response.JSON;

    private Builder(String name, String host, int port) {
      this.name = name;
      this.host = host;
      this.port = port;
    }

    /** Adds a route; pattern segments in braces are path parameters, e.g. /subjects/{subject}. */
    public Builder route(String method, String pattern, Handler handler) {
      routes.add(new Route(method, split(pattern), handler));
      return this;
    }

    public Builder get(String pattern, Handler handler) {
      return route("GET", pattern, handler);
    }

    public Builder post(String pattern, Handler handler) {
      return route("POST", pattern, handler);
    }

    public Builder put(String pattern, Handler handler) {
      return route("PUT", pattern, handler);
    }

    public Builder delete(String pattern, Handler handler) {
      return route("DELETE", pattern, handler);
    }

    public Builder maxBodyBytes(long bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * Content type sent with every JSON answer, errors included, instead of application/json: e.g.
     * application/vnd.schemaregistry.v1+json for the schema registry API.
     */
    public Builder jsonContentType(String type) {
      this.jsonContentType = type;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public HttpService start() throws IOException {
      return new HttpService(this);
    }
  }

  private record Route(String method, String[] pattern, Handler handler) {
    /** Path parameters when the segments match this pattern, else null. */
    Map<String, String> match(String[] segments) {
      if (segments.length != pattern.length) {
        return null;
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < pattern.length; i++) {
        String p = pattern[i];
        if (p.startsWith("{") && p.endsWith("}")) {
          params.put(p.substring(1, p.length() - 1), decode(segments[i]));
        } else if (!p.equals(segments[i])) {
          return null;
        }
      }
      return params;
    }
  }
}
