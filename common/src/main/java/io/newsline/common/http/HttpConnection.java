package io.newsline.common.http;

import com.sun.net.httpserver.Headers;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection of an {@link HttpService}, on its own thread: requests read in turn within the
 * server's deadlines, framing checked strictly, a route's head check run before the body is read,
 * answers written within the write timeout (streamed ones chunk by chunk), and a gentle close.
 */
final class HttpConnection {
  private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);

  private static final int MAX_REQUEST_LINE = 8192;
  private static final int MAX_HEADER_FIELDS = 100;
  private static final int MAX_REQUESTS_PER_CONNECTION = 10_000;
  private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long MAX_LINGER_BYTES = 256 * 1024;
  private static final byte[] EMPTY = new byte[0];

  private final HttpService server;
  private final Socket socket;
  private final HttpWire.DeadlineInputStream raw;
  private final BufferedInputStream in;
  private final OutputStream out;
  private final SocketWatchdog.Watch watch;

  HttpConnection(HttpService server, Socket socket, SocketWatchdog.Watch watch) throws IOException {
    this.server = server;
    this.socket = socket;
    this.watch = watch;
    socket.setTcpNoDelay(true);
    this.raw = new HttpWire.DeadlineInputStream(socket);
    this.in = new BufferedInputStream(raw, 8192);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
  }

  /**
   * TCP keepalive probes after 5 s of silence, 3 of them 2 s apart: a streamed answer's client
   * that vanished while nothing was being sent is dropped by the kernel within about 11 s (the
   * system's default waits 2 hours), and the stream's next client check sees it.
   */
  static void keepAlive(Socket socket) {
    try {
      socket.setKeepAlive(true);
      socket.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, 5);
      socket.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL, 2);
      socket.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT, 3);
    } catch (IOException | UnsupportedOperationException e) {
      // a platform without them keeps its defaults; the retransmit check still applies
    }
  }

  /** Serves requests until the client or a limit ends the connection. */
  void serve() throws IOException {
    for (int n = 0; n < MAX_REQUESTS_PER_CONNECTION && !server.isClosed(); n++) {
      // the header deadline runs from the connection's start; between requests the idle one
      raw.deadline(n == 0 ? server.headerTimeoutNanos : server.idleTimeoutNanos, n == 0 ? "request header" : "keep-alive wait");
      in.mark(1);
      int first;
      try {
        first = in.read();
      } catch (SocketTimeoutException e) {
        if (n == 0) {
          fail(408, "request header not received within " + seconds(server.headerTimeoutNanos));
        }
        return;
      }
      if (first < 0) {
        return;
      }
      in.reset();
      if (n > 0) {
        raw.deadline(server.headerTimeoutNanos, "request header");
      }
      if (!exchange()) {
        return;
      }
    }
  }

  /** Reads, handles and answers one request; false when the connection must close. */
  private boolean exchange() throws IOException {
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
    } catch (SocketTimeoutException e) {
      return fail(408, "request header not received within " + seconds(server.headerTimeoutNanos));
    } catch (HttpWire.TooLargeException e) {
      return fail(414, "request " + e.getMessage());
    } catch (HttpWire.ProtocolException e) {
      return fail(400, e.getMessage());
    }
    try {
      fields = HttpWire.readHeaders(in, server.maxHeaderBytes, MAX_HEADER_FIELDS, true);
    } catch (SocketTimeoutException e) {
      return fail(408, "request header not received within " + seconds(server.headerTimeoutNanos));
    } catch (HttpWire.TooLargeException e) { // a long header line too: 414 is for the request target
      return fail(431, e.getMessage().startsWith("line") ? "header " + e.getMessage() : e.getMessage());
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
    if (!parts[1].chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      // raw UTF-8 (curl sends it as typed) read byte by byte: refused, never searched as mojibake
      return fail(400, "request target with a byte that is not printable ASCII: percent-encode it (curl -G --data-urlencode)");
    }
    URI target;
    try {
      // an origin-form target is a path whatever it starts with: java.net.URI reads "//api/events"
      // as the authority "api" and the path "/events" (a 404, and //x/api/events the API)
      target = new URI(parts[1].startsWith("/") ? "http://origin" + parts[1] : parts[1]);
    } catch (URISyntaxException e) {
      return fail(400, "malformed request target");
    }
    String rawPath = target.getRawPath();
    if (rawPath == null || !rawPath.startsWith("/")) {
      return fail(400, "request target must be a path");
    }
    // body framing, checked before anything is read
    boolean hasTransferEncoding = fields.containsKey("transfer-encoding");
    boolean chunked = HttpWire.isChunkedOnly(fields);
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
    HttpService.Route route = null;
    Map<String, String> params = null;
    // RFC 9110 15.5.6: a 405 lists the methods the resource does support
    Set<String> allowed = new TreeSet<>();
    try {
      query = HttpService.parseQuery(target.getRawQuery());
      String[] segments = HttpService.split(rawPath);
      for (HttpService.Route r : server.routes) {
        Map<String, String> p = r.match(segments);
        if (p == null) {
          continue;
        }
        allowed.add(r.method().toUpperCase(Locale.ROOT));
        if (r.method().equalsIgnoreCase("GET")) {
          allowed.add("HEAD");
        }
        // HEAD is answered wherever GET is: the GET answer's head, without its body
        if (r.method().equalsIgnoreCase(method) || (head && r.method().equals("GET"))) {
          route = r;
          params = p;
          break;
        }
      }
    } catch (HttpError e) {
      return fail(e.status(), e.getMessage());
    }
    if (route == null) {
      Response r = !allowed.isEmpty()
          ? server.error(405, "method not allowed: " + method).withHeader("Allow", String.join(", ", allowed))
          : server.error(404, "no such resource: " + rawPath);
      return respond(r, head, keepAlive && !bodyPending, http10);
    }
    HttpService.Route chosen = route;
    Map<String, String> pathParams = params;
    if (chosen.check() != null) {
      Request requestHead = new Request(method, rawPath, pathParams, query, headers, EMPTY, remote);
      Response refusal = server.invoke(() -> chosen.check().check(requestHead), method, rawPath);
      if (refusal != null) {
        return respond(refusal, head, keepAlive && !bodyPending, http10);
      }
    }
    if (length > server.maxBodyBytes) {
      return fail(413, "request body larger than " + server.maxBodyBytes + " bytes");
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
    raw.deadline(server.bodyTimeoutNanos, "request body");
    try {
      body = !bodyPending ? EMPTY
          : chunked ? readAll(new HttpWire.ChunkedInputStream(in, server.maxBodyBytes))
          : readAll(new HttpWire.FixedLengthInputStream(in, length));
    } catch (SocketTimeoutException e) {
      return fail(408, "request body not received within " + seconds(server.bodyTimeoutNanos));
    } catch (HttpWire.TooLargeException e) {
      return fail(413, "request body larger than " + server.maxBodyBytes + " bytes");
    } catch (EOFException e) {
      return false;
    } catch (HttpWire.ProtocolException e) {
      return fail(400, e.getMessage());
    }
    raw.noDeadline();
    Request request = new Request(method, rawPath, pathParams, query, headers, body, remote);
    Response answer = server.invoke(() -> chosen.handler().handle(request), method, rawPath);
    Response response = answer != null ? answer : server.error(500, "internal error: no answer");
    return respond(response, head, keepAlive && !server.crowded() && !server.isClosed(), http10);
  }

  /** Answers an error and ends the connection (whatever was not read of the request stays unread). */
  private boolean fail(int status, String message) throws IOException {
    respond(server.error(status, message), false, false, false);
    return false;
  }

  /** Writes the answer; returns whether the connection stays open. */
  private boolean respond(Response r, boolean head, boolean keepAlive, boolean http10) throws IOException {
    int status = r.status();
    boolean streamed = r.stream() != null;
    boolean close = !keepAlive || (streamed && http10);
    StringBuilder h = new StringBuilder(256);
    h.append(http10 ? "HTTP/1.0 " : "HTTP/1.1 ").append(status).append(' ').append(HttpWire.reason(status)).append("\r\n");
    if (r.headers() != null) {
      r.headers().forEach((k, v) -> header(h, k, v));
    }
    if (r.contentType() != null) {
      header(h, "Content-Type", Response.JSON.equals(r.contentType()) ? server.jsonContentType : r.contentType());
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
        LOG.warn("{}: streamed answer failed", server.name, e);
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
    watch.deadline(server.writeTimeoutNanos);
    out.write(head);
    if (body != null) {
      out.write(body);
    }
    out.flush();
    watch.noDeadline();
  }

  /** A streamed answer's output: every write and flush must finish within the write timeout. */
  private final class WatchedOutput extends OutputStream implements Response.ClientLink {
    /** 3 s after a write on a short path (resends at 0.2, 0.6, 1.4, 3 s), longer on slow ones. */
    static final int GONE_AFTER_RETRANSMITS = 4;
    private final OutputStream target;

    WatchedOutput(OutputStream target) {
      this.target = target;
      keepAlive(socket);
    }

    /**
     * The client's end of file, looked for during 5 ms (a byte it sent stays unread), or a client
     * that has acknowledged nothing through {@value #GONE_AFTER_RETRANSMITS} resends of what was
     * written to it (it vanished without closing: a cut network).
     */
    @Override
    public boolean closedByClient() {
      if (TcpRetransmits.of(socket) >= GONE_AFTER_RETRANSMITS) {
        return true;
      }
      try {
        if (in.available() > 0) {
          return false;
        }
        in.mark(1);
        raw.deadline(TimeUnit.MILLISECONDS.toNanos(5), "client check");
        if (in.read() < 0) {
          return true;
        }
        in.reset();
        return false;
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true;
      } finally {
        raw.noDeadline();
      }
    }

    @Override
    public void write(int b) throws IOException {
      watch.deadline(server.writeTimeoutNanos);
      target.write(b);
      watch.noDeadline();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      watch.deadline(server.writeTimeoutNanos);
      target.write(b, off, len);
      watch.noDeadline();
    }

    @Override
    public void flush() throws IOException {
      watch.deadline(server.writeTimeoutNanos);
      target.flush();
      out.flush();
      watch.noDeadline();
    }

    @Override
    public void close() {
      // the server ends the body
    }
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

  private static byte[] readAll(InputStream body) throws IOException {
    return body.readAllBytes();
  }

  private static String seconds(long nanos) {
    Duration d = Duration.ofNanos(nanos);
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
