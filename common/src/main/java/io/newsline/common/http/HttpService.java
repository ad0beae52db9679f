package io.newsline.common.http;

import com.sun.net.httpserver.Headers;
import io.newsline.common.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
  private static final int MAX_REQUEST_LINE = 8192;
  private static final int MAX_HEADER_FIELDS = 100;
  private static final int MAX_REQUESTS_PER_CONNECTION = 10_000;
  private static final byte[] EMPTY = new byte[0];
  private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long MAX_LINGER_BYTES = 256 * 1024;

  private final String name;
  private final List<Route> routes;
  private final long maxBodyBytes;
  private final String jsonContentType;
  private final int maxConnections;
  private final int maxPerClient;
  private final long headerTimeoutNanos;
  private final long bodyTimeoutNanos;
  private final long idleTimeoutNanos;
  private final long writeTimeoutNanos;
  private final int maxHeaderBytes;
  private final ServerSocket server;
  private final ExecutorService workers;
  private final SocketWatchdog watchdog;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Map<InetAddress, Integer> perClient = new HashMap<>();
  private final AtomicLong refused = new AtomicLong();
  private int active;
  private volatile boolean closed;
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

  /** Connections answered 503 at once because the server or the client was at its limit. */
  public long refusedConnections() {
    return refused.get();
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
  private synchronized boolean crowded() {
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
      String head = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: " + jsonContentType
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
      socket.setTcpNoDelay(true);
      HttpWire.DeadlineInputStream raw = new HttpWire.DeadlineInputStream(socket);
      BufferedInputStream in = new BufferedInputStream(raw, 8192);
      Connection c = new Connection(socket, raw, in, new BufferedOutputStream(socket.getOutputStream(), 16 * 1024), watch);
      for (int n = 0; n < MAX_REQUESTS_PER_CONNECTION && !closed; n++) {
        // the header deadline runs from the connection's start; between requests the idle one
        raw.deadline(n == 0 ? headerTimeoutNanos : idleTimeoutNanos, n == 0 ? "request header" : "keep-alive wait");
        in.mark(1);
        int first;
        try {
          first = in.read();
        } catch (SocketTimeoutException e) {
          if (n == 0) {
            c.fail(408, "request header not received within " + seconds(headerTimeoutNanos));
          }
          return;
        }
        if (first < 0) {
          return;
        }
        in.reset();
        if (n > 0) {
          raw.deadline(headerTimeoutNanos, "request header");
        }
        if (!c.exchange()) {
          return;
        }
      }
    } catch (IOException e) {
      LOG.debug("{}: connection from {} ended: {}", name, client, e.toString());
    } catch (RuntimeException e) {
      LOG.warn("{}: connection from {} failed", name, client, e);
    } finally {
      open.remove(socket);
      release(client);
    }
  }

  /** One connection's requests, in turn. */
  private final class Connection {
    private final Socket socket;
    private final HttpWire.DeadlineInputStream raw;
    private final InputStream in;
    private final OutputStream out;
    private final SocketWatchdog.Watch watch;

    Connection(Socket socket, HttpWire.DeadlineInputStream raw, InputStream in, OutputStream out, SocketWatchdog.Watch watch) {
      this.socket = socket;
      this.raw = raw;
      this.in = in;
      this.out = out;
      this.watch = watch;
    }

    /** Reads, handles and answers one request; false when the connection must close. */
    boolean exchange() throws IOException {
      String line;
      Map<String, List<String>> fields;
      try {
        line = HttpWire.readLine(in, MAX_REQUEST_LINE);
        for (int empty = 0; line != null && line.isEmpty() && empty < 2; empty++) {
          line = HttpWire.readLine(in, MAX_REQUEST_LINE); // stray CRLF after a previous body
        }
        if (line == null) {
          return false;
        }
        if (line.split(" ", -1).length != 3) {
          return fail(400, "malformed request line");
        }
        fields = HttpWire.readHeaders(in, maxHeaderBytes, MAX_HEADER_FIELDS, true);
      } catch (SocketTimeoutException e) {
        return fail(408, "request header not received within " + seconds(headerTimeoutNanos));
      } catch (HttpWire.TooLargeException e) {
        return fail(e.getMessage().startsWith("line") ? 414 : 431, e.getMessage());
      } catch (HttpWire.ProtocolException e) {
        return fail(400, e.getMessage());
      }
      String[] parts = line.split(" ", -1);
      String method = parts[0];
      String version = parts[2];
      boolean http10 = version.equals("HTTP/1.0");
      if (!http10 && !version.equals("HTTP/1.1")) {
        return fail(version.startsWith("HTTP/") ? 505 : 400, "unsupported protocol version");
      }
      if (method.isEmpty() || !method.chars().allMatch(ch -> ch >= 'A' && ch <= 'Z')) {
        return fail(400, "malformed method");
      }
      URI target;
      try {
        target = new URI(parts[1]);
      } catch (URISyntaxException e) {
        return fail(400, "malformed request target");
      }
      String rawPath = target.getRawPath();
      if (rawPath == null || !rawPath.startsWith("/")) {
        return fail(400, "request target must be a path");
      }
      // body framing, checked before anything is read
      boolean hasTransferEncoding = fields.containsKey("transfer-encoding");
      boolean chunked = HttpWire.isChunked(fields);
      long length;
      try {
        if (hasTransferEncoding && (http10 || fields.containsKey("content-length"))) {
          return fail(400, "Transfer-Encoding with Content-Length or in HTTP/1.0");
        }
        if (hasTransferEncoding && !chunked) {
          return fail(501, "unsupported Transfer-Encoding");
        }
        length = chunked ? -1 : HttpWire.contentLength(fields);
      } catch (HttpWire.ProtocolException e) {
        return fail(400, e.getMessage());
      }
      boolean bodyPending = chunked || length > 0;
      boolean keepAlive = !http10 && !hasToken(fields.get("connection"), "close");
      boolean head = method.equals("HEAD");
      Headers headers = new Headers();
      fields.forEach((k, values) -> values.forEach(v -> headers.add(k, v)));
      InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
      Map<String, List<String>> query;
      Route route = null;
      Map<String, String> params = null;
      boolean pathMatched = false;
      try {
        query = parseQuery(target.getRawQuery());
        String[] segments = split(rawPath);
        for (Route r : routes) {
          Map<String, String> p = r.match(segments);
          if (p == null) {
            continue;
          }
          pathMatched = true;
          if (r.method.equalsIgnoreCase(method)) {
            route = r;
            params = p;
            break;
          }
        }
      } catch (HttpError e) {
        return fail(e.status(), e.getMessage());
      }
      if (route == null) {
        Response r = pathMatched ? Response.error(405, "method not allowed: " + method) : Response.error(404, "no such resource: " + rawPath);
        return respond(r, head, keepAlive && !bodyPending, http10);
      }
      Route chosen = route;
      Map<String, String> pathParams = params;
      if (chosen.check != null) {
        Request requestHead = new Request(method, rawPath, pathParams, query, headers, EMPTY, remote);
        Response refusal = invoke(() -> chosen.check.check(requestHead), method, rawPath);
        if (refusal != null) {
          return respond(refusal, head, keepAlive && !bodyPending, http10);
        }
      }
      if (length > maxBodyBytes) {
        return fail(413, "request body larger than " + maxBodyBytes + " bytes");
      }
      String expect = HttpWire.first(fields, "expect");
      if (expect != null) {
        if (!expect.equalsIgnoreCase("100-continue")) {
          return fail(417, "unsupported Expect");
        }
        if (bodyPending && !http10) {
          write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII), null);
        }
      }
      byte[] body;
      raw.deadline(bodyTimeoutNanos, "request body");
      try {
        body = !bodyPending ? EMPTY
            : chunked ? readAll(new HttpWire.ChunkedInputStream(in, maxBodyBytes))
            : readAll(new HttpWire.FixedLengthInputStream(in, length));
      } catch (SocketTimeoutException e) {
        return fail(408, "request body not received within " + seconds(bodyTimeoutNanos));
      } catch (HttpWire.TooLargeException e) {
        return fail(413, "request body larger than " + maxBodyBytes + " bytes");
      } catch (EOFException e) {
        return false;
      } catch (HttpWire.ProtocolException e) {
        return fail(400, e.getMessage());
      }
      raw.noDeadline();
      Request request = new Request(method, rawPath, pathParams, query, headers, body, remote);
      Response response = invoke(() -> chosen.handler.handle(request), method, rawPath);
      return respond(response, head, keepAlive && !crowded() && !closed, http10);
    }

    /** Answers an error and ends the connection (whatever was not read of the request stays unread). */
    boolean fail(int status, String message) throws IOException {
      respond(Response.json(status, Map.of("error_code", status, "message", message)), false, false, false);
      return false;
    }

    /** Writes the answer; returns whether the connection stays open. */
    boolean respond(Response r, boolean head, boolean keepAlive, boolean http10) throws IOException {
      int status = r.status();
      boolean streamed = r.stream() != null;
      boolean close = !keepAlive || (streamed && http10);
      StringBuilder h = new StringBuilder(256);
      h.append(http10 ? "HTTP/1.0 " : "HTTP/1.1 ").append(status).append(' ').append(HttpWire.reason(status)).append("\r\n");
      if (r.headers() != null) {
        r.headers().forEach((k, v) -> header(h, k, v));
      }
      if (r.contentType() != null) {
        header(h, "Content-Type", Response.JSON.equals(r.contentType()) ? jsonContentType : r.contentType());
      }
      boolean noBody = status == 204 || status == 304 || status < 200;
      byte[] body = r.body() == null ? EMPTY : r.body();
      if (streamed) {
        if (!http10) {
          header(h, "Transfer-Encoding", "chunked");
        }
      } else if (!noBody) {
        header(h, "Content-Length", String.valueOf(body.length));
      }
      if (close) {
        header(h, "Connection", "close");
      }
      h.append("\r\n");
      write(h.toString().getBytes(StandardCharsets.ISO_8859_1), head || noBody || streamed ? null : body);
      if (streamed && !head) {
        OutputStream target = http10 ? out : new HttpWire.ChunkedOutputStream(out, 8192);
        try {
          r.stream().writeTo(new WatchedOutput(target));
          target.close(); // the last chunk (the socket stays open)
          out.flush();
        } catch (IOException e) {
          return false; // the client went away
        } catch (RuntimeException e) {
          LOG.warn("{}: streamed answer failed", name, e);
          return false;
        }
      }
      if (close) {
        linger();
      }
      return !close;
    }

    /**
     * Closes gently: our side first, then what the client still sends is read and dropped for a
     * moment, so a client that is still sending a (refused) body reads the answer instead of a
     * connection reset.
     */
    private void linger() {
      try {
        socket.shutdownOutput();
        raw.deadline(LINGER_NANOS, "linger");
        byte[] buf = new byte[8192];
        long drained = 0;
        while (drained < MAX_LINGER_BYTES) {
          int n = in.read(buf);
          if (n < 0) {
            return;
          }
          drained += n;
        }
      } catch (IOException e) {
        // the client is gone or still sending: either way we are done
      }
    }

    private void write(byte[] head, byte[] body) throws IOException {
      watch.deadline(writeTimeoutNanos);
      out.write(head);
      if (body != null) {
        out.write(body);
      }
      out.flush();
      watch.noDeadline();
    }

    /** A streamed answer's output: every write and flush must finish within the write timeout. */
    private final class WatchedOutput extends OutputStream {
      private final OutputStream target;

      WatchedOutput(OutputStream target) {
        this.target = target;
      }

      @Override
      public void write(int b) throws IOException {
        watch.deadline(writeTimeoutNanos);
        target.write(b);
        watch.noDeadline();
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        watch.deadline(writeTimeoutNanos);
        target.write(b, off, len);
        watch.noDeadline();
      }

      @Override
      public void flush() throws IOException {
        watch.deadline(writeTimeoutNanos);
        target.flush();
        out.flush();
        watch.noDeadline();
      }

      @Override
      public void close() {
        // the server ends the body
      }
    }
  }

  /** A handler or check's answer: HttpError becomes its status, other failures a 500. */
  private Response invoke(Call call, String method, String path) {
    try {
      return call.call();
    } catch (HttpError e) {
      return Response.json(e.status(), e.body());
    } catch (Exception e) {
      LOG.warn("{}: {} {} failed", name, method, path, e);
      return Response.error(500, "internal error: " + e.getMessage());
    }
  }

  private interface Call {
    Response call() throws Exception;
  }

  private static byte[] readAll(InputStream body) throws IOException {
    return body.readAllBytes();
  }

  private static boolean hasToken(List<String> values, String token) {
    if (values == null) {
      return false;
    }
    for (String v : values) {
      for (String t : v.split(",")) {
        if (t.strip().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Appends a header line; CR and LF in a name or value (header injection) are dropped. */
  private static void header(StringBuilder h, String name, String value) {
    h.append(name.replaceAll("[\\r\\n:]", "")).append(": ").append(value.replaceAll("[\\r\\n]", " ")).append("\r\n");
  }

  private byte[] errorBody(int status, String message) {
    return Json.write(Map.of("error_code", status, "message", message)).getBytes(StandardCharsets.UTF_8);
  }

  private static String seconds(long nanos) {
    return Duration.ofNanos(nanos).toMillis() % 1000 == 0 ? Duration.ofNanos(nanos).toSeconds() + " s" : Duration.ofNanos(nanos).toMillis() + " ms";
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
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "malformed percent-encoding in the request target");
    }
  }

  /** Builds and starts an {@link HttpService}. */
  public static final class Builder {
    private final String name;
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

  private record Route(String method, String[] pattern, HeadCheck check, Handler handler) {
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
