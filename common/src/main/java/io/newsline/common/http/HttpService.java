package io.newsline.common.http;

import io.newsline.common.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server with path-pattern routing ({@code /a/{b}}), a request-body size limit,
 * JSON error bodies and streamed answers (server-sent events). Used by the schema registry, the
 * push endpoint and the health/metrics endpoints, so no stage needs a servlet container.
 *
 * <p>It is built to stay answerable when clients misbehave (slowloris and the like): one thread
 * per connection and at most {@code maxConnections} connections ({@code maxConnectionsPerClient}
 * from one address; more are answered 503 at once); the request line and headers must arrive
 * within {@code headerTimeout} of the connection (or of the request's first byte), a body within
 * {@code bodyTimeout}, an idle keep-alive connection is closed after {@code idleTimeout}, and every
 * write must get through within {@code writeTimeout} (a client that stops reading is cut off).
 * Size, Content-Length and a route's {@link HeadCheck} (credentials, content type) are checked
 * before any body byte is read, and a refused body is never read. Parsing is strict: conflicting
 * Content-Length, Transfer-Encoding with Content-Length, folded or malformed header lines are
 * refused, so nothing can smuggle a request past a proxy.
 */
public final class HttpService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpService.class);

  final String name;
  final List<Route> routes;
  final long maxBodyBytes;
  final String jsonContentType;
  private final int maxConnections;
  private final int maxPerClient;
  final long headerTimeoutNanos;
  final long bodyTimeoutNanos;
  final long idleTimeoutNanos;
  final long writeTimeoutNanos;
  final int maxHeaderBytes;
  private final ErrorBody errorBody;
  private final ServerSocket server;
  private final ExecutorService workers;
  private final SocketWatchdog watchdog;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Map<InetAddress, Integer> perClient = new HashMap<>();
  private final AtomicLong refused = new AtomicLong();
  private int active;
  private volatile boolean closed;
  /** Headers of every error the server answers itself, beside nosniff (e.g. a mounted API's CORS origin). */
  private final Map<String, String> errorHeaders = new ConcurrentHashMap<>();
  private volatile long lastRefusalLog;

  private HttpService(Builder b) throws IOException {
    this.name = b.name;
    this.routes = new CopyOnWriteArrayList<>(b.routes);
    this.maxBodyBytes = b.maxBodyBytes;
    this.jsonContentType = b.jsonContentType;
    this.maxConnections = b.maxConnections;
    this.maxPerClient = b.maxPerClient > 0 ? b.maxPerClient : Math.max(1, b.maxConnections / 2);
    this.headerTimeoutNanos = b.headerTimeout.toNanos();
    this.bodyTimeoutNanos = b.bodyTimeout.toNanos();
    this.idleTimeoutNanos = b.idleTimeout.toNanos();
    this.writeTimeoutNanos = b.writeTimeout.toNanos();
    this.maxHeaderBytes = b.maxHeaderBytes;
    this.errorBody = b.errorBody;
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    try {
      server.bind(new InetSocketAddress(b.host, b.port), 128);
    } catch (IOException e) {
      server.close();
      throw e;
    }
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, name + "-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.watchdog = new SocketWatchdog(name + "-http");
    this.acceptor = new Thread(this::acceptLoop, name + "-http-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static Builder builder(String name, String host, int port) {
    return new Builder(name, host, port);
  }

  /**
   * Adds a route to the running server, after the builder's (the first route that matches wins):
   * how a stage mounts its own API on the ops server it shares with the process.
   */
  public HttpService route(String method, String pattern, Handler handler) {
    return route(method, pattern, null, handler);
  }

  /** Adds a route to the running server whose requests are checked before their body is read (see {@link HeadCheck}). */
  public HttpService route(String method, String pattern, HeadCheck check, Handler handler) {
    routes.add(new Route(method.toUpperCase(Locale.ROOT), split(pattern), check, handler));
    return this;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Base URL with the bound port, e.g. http://127.0.0.1:8081. */
  public String baseUrl() {
    InetAddress a = server.getInetAddress();
    String host = a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  /** Connections open at once, at most (beyond, 503). */
  public int maxConnections() {
    return maxConnections;
  }

  /** Connections open at once from one client address, at most. */
  public int maxConnectionsPerClient() {
    return maxPerClient;
  }

  /** Connections answered 503 at once because the server or the client was at its limit. */
  public long refusedConnections() {
    return refused.get();
  }

  boolean isClosed() {
    return closed;
  }

  /** Connections open now. */
  public synchronized int activeConnections() {
    return active;
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("{}: closing the listening socket: {}", name, e.toString());
    }
    for (Socket s : open) {
      closeQuietly(s);
    }
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
      acceptor.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watchdog.close();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("{}: accept failed: {}", name, e.toString());
          pause();
        }
        continue;
      }
      InetAddress client = s.getInetAddress();
      if (!admit(client)) {
        refuse(s);
        continue;
      }
      open.add(s);
      try {
        workers.execute(() -> serve(s, client));
      } catch (RejectedExecutionException e) {
        open.remove(s);
        release(client);
        closeQuietly(s);
      }
    }
  }

  private synchronized boolean admit(InetAddress client) {
    int mine = perClient.getOrDefault(client, 0);
    if (active >= maxConnections || mine >= maxPerClient) {
      return false;
    }
    perClient.put(client, mine + 1);
    active++;
    return true;
  }

  private synchronized void release(InetAddress client) {
    active--;
    int left = perClient.getOrDefault(client, 1) - 1;
    if (left <= 0) {
      perClient.remove(client);
    } else {
      perClient.put(client, left);
    }
  }

  /** Under pressure, answered connections are closed rather than kept alive. */
  synchronized boolean crowded() {
    return active > maxConnections * 3 / 4;
  }

  private void refuse(Socket s) {
    refused.incrementAndGet();
    long now = System.nanoTime();
    if (now - lastRefusalLog > TimeUnit.SECONDS.toNanos(10)) {
      lastRefusalLog = now;
      LOG.warn("{}: connection limit reached ({} in all, {} per client); refusing connections with 503", name, maxConnections, maxPerClient);
    }
    try (s) {
      byte[] body = errorBody(503, "too many connections, retry later");
      String head = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nX-Content-Type-Options: nosniff\r\nContent-Type: " + jsonContentType
          + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII)); // fits in the socket buffer: does not block
      out.write(body);
      out.flush();
    } catch (IOException e) {
      // the client is gone already
    }
  }

  private void serve(Socket socket, InetAddress client) {
    try (socket; SocketWatchdog.Watch watch = watchdog.watch(socket)) {
      new HttpConnection(this, socket, watch).serve();
    } catch (IOException e) {
      LOG.debug("{}: connection from {} ended: {}", name, client, e.toString());
    } catch (RuntimeException e) {
      LOG.warn("{}: connection from {} failed", name, client, e);
    } finally {
      open.remove(socket);
      release(client);
    }
  }

  /** A handler or check's answer: HttpError becomes its status, other failures a 500. */
  Response invoke(Call call, String method, String path) {
    try {
      return call.call();
    } catch (HttpError e) {
      return Response.json(e.status(), e.body());
    } catch (Exception e) {
      LOG.warn("{}: {} {} failed", name, method, path, e);
      return error(500, "internal error: " + e.getMessage());
    }
  }

  /** An error the server answers itself (no route, wrong method, limits, failures), in the configured shape. */
  Response error(int status, String message) {
    Response r = Response.json(status, errorBody.body(status, message))
        // the message quotes the request ("no such resource: /<svg onload=...>"): never to be read as anything but JSON
        .withHeader("X-Content-Type-Options", "nosniff");
    for (Map.Entry<String, String> h : errorHeaders.entrySet()) {
      r = r.withHeader(h.getKey(), h.getValue());
    }
    return r;
  }

  /**
   * Adds a header to the errors the server answers itself (no route, wrong method, malformed
   * request, limits) as a mounted API adds it to its own answers: a page of another origin reading
   * the API then reads a 404 too, not a CORS failure.
   */
  public HttpService errorHeader(String name, String value) {
    errorHeaders.put(name, value);
    return this;
  }

  interface Call {
    Response call() throws Exception;
  }

  private byte[] errorBody(int status, String message) {
    return Json.write(errorBody.body(status, message)).getBytes(StandardCharsets.UTF_8);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing is all we wanted
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The path's segments without empty ones: repeated slashes and a trailing one mean nothing
   * (//api//events/ is /api/events, as nginx's merge_slashes reads it), for every route alike.
   */
  static String[] split(String rawPath) {
    String p = rawPath == null ? "" : rawPath;
    return Arrays.stream(p.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
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

  /**
   * Percent-decodes a path segment or query part ({@code +} stays a plus), strictly: bytes that are
   * not UTF-8 are a 400, not U+FFFD (a search for {@code %FF} found every event).
   */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s; // the request line is ASCII (HttpConnection)
    }
    byte[] bytes = new byte[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        bytes[n++] = (byte) c;
        continue;
      }
      int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
      int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
      if (lo < 0) {
        throw new HttpError(400, "malformed percent-encoding in the request target");
      }
      bytes[n++] = (byte) (hi << 4 | lo);
      i += 2;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, n)).toString();
    } catch (CharacterCodingException e) {
      throw new HttpError(400, "percent-encoded bytes in the request target are not UTF-8");
    }
  }

  /** Builds and starts an {@link HttpService}. */
  public static final class Builder {
    final String name;
    private final String host;
    private final int port;
    private final List<Route> routes = new ArrayList<>();
    private long maxBodyBytes = 1 << 20;
    private String jsonContentType = Response.JSON;
    private int maxConnections = 128;
    private int maxPerClient;
    private Duration headerTimeout = Duration.ofSeconds(10);
    private Duration bodyTimeout = Duration.ofSeconds(30);
    private Duration idleTimeout = Duration.ofSeconds(15);
    private Duration writeTimeout = Duration.ofSeconds(30);
    private int maxHeaderBytes = 32 * 1024;
    private ErrorBody errorBody = (status, message) -> Map.of("error_code", status, "message", message);

    private Builder(String name, String host, int port) {
      this.name = name;
      this.host = host;
      this.port = port;
    }

    /** Adds a route; pattern segments in braces are path parameters, e.g. /subjects/{subject}. */
    public Builder route(String method, String pattern, Handler handler) {
      return route(method, pattern, null, handler);
    }

    /** Adds a route whose requests are first checked, before their body is read (see {@link HeadCheck}). */
    public Builder route(String method, String pattern, HeadCheck check, Handler handler) {
      routes.add(new Route(method.toUpperCase(Locale.ROOT), split(pattern), check, handler));
      return this;
    }

    public Builder get(String pattern, Handler handler) {
      return route("GET", pattern, handler);
    }

    public Builder post(String pattern, Handler handler) {
      return route("POST", pattern, handler);
    }

    public Builder post(String pattern, HeadCheck check, Handler handler) {
      return route("POST", pattern, check, handler);
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

    /** Connections open at once (default 128); each has its own thread (streams hold theirs). */
    public Builder maxConnections(int n) {
      this.maxConnections = Math.max(1, n);
      return this;
    }

    /** Connections open at once from one address (default half of {@link #maxConnections}). */
    public Builder maxConnectionsPerClient(int n) {
      this.maxPerClient = Math.max(1, n);
      return this;
    }

    /** Time for the request line and headers (default 10 s). */
    public Builder headerTimeout(Duration d) {
      this.headerTimeout = d;
      return this;
    }

    /** Time for a request body (default 30 s). */
    public Builder bodyTimeout(Duration d) {
      this.bodyTimeout = d;
      return this;
    }

    /** How long a kept-alive connection may wait for its next request (default 15 s). */
    public Builder idleTimeout(Duration d) {
      this.idleTimeout = d;
      return this;
    }

    /** Time for each write of an answer (default 30 s). */
    public Builder writeTimeout(Duration d) {
      this.writeTimeout = d;
      return this;
    }

    /** Size of the header block (default 32 KiB). */
    public Builder maxHeaderBytes(int bytes) {
      this.maxHeaderBytes = bytes;
      return this;
    }

    /**
     * The JSON body of the errors the server answers itself (no route, wrong method, malformed or
     * oversized requests, timeouts, connection limit, a failing handler); by default {@code
     * {"error_code": status, "message": ...}}. An API with a documented error shape sets it, so a
     * client sees one shape whoever answered.
     */
    public Builder errorBody(ErrorBody shape) {
      this.errorBody = shape;
      return this;
    }

    /**
     * Formerly the size of a fixed thread pool. Ignored: every connection has its own thread, up to
     * {@link #maxConnections}.
     */
    @Deprecated
    public Builder threads(int threads) {
      return this;
    }

    public HttpService start() throws IOException {
      return new HttpService(this);
    }
  }

  /** Shapes the JSON body of an error answer. */
  @FunctionalInterface
  public interface ErrorBody {
    Object body(int status, String message);
  }

  record Route(String method, String[] pattern, HeadCheck check, Handler handler) {
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
