package io.newsline.ingest.fetch;

import io.newsline.common.http.HttpWire;
import io.newsline.ingest.IngestError;
import io.newsline.ingest.Messages;
import io.newsline.common.http.SocketWatchdog;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 GET over a fresh connection to an address the caller already resolved and
 * checked: the connection goes to exactly that address (no second name lookup, so DNS rebinding
 * between the check and the connection cannot redirect it), TLS verifies the certificate against
 * the URL's host name (sent as SNI). One deadline covers connecting, TLS, headers and body; the
 * body is read up to a limit. The socket is closed when the deadline passes or the calling thread
 * is interrupted. Thread-safe.
 */
final class PinnedHttpClient implements AutoCloseable {
  /** Error and redirect bodies are read only this far. */
  static final int ERROR_BODY_PREFIX = 64 * 1024;
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int MAX_HEADER_FIELDS = 200;

  private final SSLSocketFactory tls;
  private final SocketWatchdog watchdog = new SocketWatchdog("fetch");

  PinnedHttpClient(SSLContext tls) {
    this.tls = tls.getSocketFactory();
  }

  /** A response: status, headers (names lower case) and the body read so far. */
  record Answer(int status, HttpHeaders headers, byte[] body) {}

  /** The body is larger than allowed. */
  static final class TooLarge extends IOException {
    final long limit;

    TooLarge(long limit) {
      super("body larger than " + limit + " bytes");
      this.limit = limit;
    }
  }

  /** A body that cannot be read as sent (its Content-Encoding), with the failure's reason. */
  static final class UnreadableBody extends IOException {
    final IngestError reason;

    UnreadableBody(IngestError reason, String message) {
      super(message);
      this.reason = reason;
    }
  }

  /** Connecting did not finish within the connect timeout. */
  static final class ConnectTimeout extends SocketTimeoutException {
    ConnectTimeout(String message) {
      super(message);
    }
  }

  /**
   * GETs {@code uri} from one of {@code addresses} (tried in order). A 2xx body over {@code
   * maxBytes} (by Content-Length or as it streams) is a {@link TooLarge}; other bodies are read to
   * {@link #ERROR_BODY_PREFIX} at most.
   */
  Answer get(URI uri, List<InetAddress> addresses, Map<String, String> headers, long maxBytes, long connectTimeoutNanos,
      long deadlineNanos) throws IOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("interrupted");
    }
    boolean https = uri.getScheme().equalsIgnoreCase("https");
    String host = bare(uri.getHost());
    int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
    Socket socket = connect(addresses, port, connectTimeoutNanos, deadlineNanos);
    try (SocketWatchdog.Watch watch = watchdog.watchWithInterrupts(socket)) {
      watch.deadline(deadlineNanos - System.nanoTime());
      try (Socket s = https ? tls(socket, host, port, deadlineNanos) : socket) {
        OutputStream out = s.getOutputStream();
        out.write(request(uri, host, port, https, headers));
        out.flush();
        HttpWire.DeadlineInputStream raw = new HttpWire.DeadlineInputStream(s);
        raw.deadline(deadlineNanos - System.nanoTime(), "response");
        InputStream in = new BufferedInputStream(raw, 16 * 1024);
        return read(in, maxBytes);
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("interrupted");
        }
        if (watch.fired()) {
          throw new SocketTimeoutException("deadline passed");
        }
        throw e;
      }
    } finally {
      socket.close();
    }
  }

  private static Socket connect(List<InetAddress> addresses, int port, long connectTimeoutNanos, long deadlineNanos) throws IOException {
    IOException last = null;
    for (InetAddress a : addresses) {
      long left = Math.min(connectTimeoutNanos, deadlineNanos - System.nanoTime());
      if (left <= 0) {
        break;
      }
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(a, port), (int) Math.max(1, left / 1_000_000));
        s.setTcpNoDelay(true);
        return s;
      } catch (SocketTimeoutException e) {
        s.close();
        last = new ConnectTimeout("connect to " + a.getHostAddress() + " timed out");
      } catch (IOException e) {
        s.close();
        last = e;
      }
    }
    throw last != null ? last : new ConnectTimeout("no time left to connect");
  }

  private SSLSocket tls(Socket plain, String host, int port, long deadlineNanos) throws IOException {
    SSLSocket s = (SSLSocket) tls.createSocket(plain, host, port, true);
    SSLParameters p = s.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
    if (!isIpLiteral(host)) {
      p.setServerNames(List.of(new SNIHostName(host)));
    }
    s.setSSLParameters(p);
    s.setSoTimeout((int) Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
    s.startHandshake();
    return s;
  }

  private static byte[] request(URI uri, String host, int port, boolean https, Map<String, String> headers) {
    URI ascii = URI.create(uri.toASCIIString());
    String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
    String target = ascii.getRawQuery() == null ? path : path + "?" + ascii.getRawQuery();
    boolean defaultPort = port == (https ? 443 : 80);
    String hostHeader = (host.contains(":") ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port);
    StringBuilder sb = new StringBuilder(256).append("GET ").append(target).append(" HTTP/1.1\r\n");
    line(sb, "Host", hostHeader);
    headers.forEach((k, v) -> line(sb, k, v));
    line(sb, "Accept-Encoding", "identity");
    line(sb, "Connection", "close");
    return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A header line; CR and LF in a value (a validator a server sent back) cannot start another. */
  private static void line(StringBuilder sb, String name, String value) {
    sb.append(name).append(": ").append(value.replaceAll("[\\r\\n]", " ")).append("\r\n");
  }

  private static Answer read(InputStream in, long maxBytes) throws IOException {
    for (int interim = 0; ; interim++) {
      String status = HttpWire.readLine(in, 8192);
      if (status == null) {
        throw new HttpWire.ProtocolException("connection closed before a response");
      }
      String[] parts = status.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3 || !parts[1].chars().allMatch(Character::isDigit)) {
        throw new HttpWire.ProtocolException("not an HTTP/1.x response");
      }
      int code = Integer.parseInt(parts[1]);
      Map<String, List<String>> fields = HttpWire.readHeaders(in, MAX_HEADER_BYTES, MAX_HEADER_FIELDS, false);
      if (code >= 100 && code < 200 && interim < 5) {
        continue; // 100 Continue, 103 Early Hints: the real answer follows
      }
      HttpHeaders headers = HttpHeaders.of(fields, (k, v) -> true);
      if (code == 204 || code == 304 || code < 200) {
        return new Answer(code, headers, new byte[0]);
      }
      boolean success = code < 300;
      long declared = HttpWire.contentLength(fields);
      if (success && declared > maxBytes) {
        throw new TooLarge(maxBytes); // before reading any of it
      }
      InputStream body = HttpWire.isChunked(fields) ? new HttpWire.ChunkedInputStream(in, Long.MAX_VALUE)
          : declared >= 0 ? new HttpWire.FixedLengthInputStream(in, declared) : in;
      if (!success) {
        return new Answer(code, headers, prefix(body, ERROR_BODY_PREFIX));
      }
      String coding = headers.firstValue("Content-Encoding").orElse(null);
      try {
        return new Answer(code, headers, readUpTo(decoded(body, coding), maxBytes));
      } catch (ZipException | EOFException e) {
        throw new UnreadableBody(IngestError.BAD_ENCODING,
            "body sent with Content-Encoding " + coding + " does not inflate (" + e.getMessage() + ")");
      }
    }
  }

  /**
   * The body as the server meant it. newsline asks for identity, but misconfigured servers and CDNs
   * compress anyway: a gzip or deflate body is inflated, within the same byte limit (a gzip bomb is
   * cut off at it); another coding is refused by name. Either was taken as the text itself: a
   * bad_encoding failure naming a byte of the compressed stream at every poll.
   */
  private static InputStream decoded(InputStream body, String coding) throws IOException {
    String c = coding == null ? "" : coding.strip().toLowerCase(Locale.ROOT);
    return switch (c) {
      case "", "identity" -> body;
      case "gzip", "x-gzip" -> new GZIPInputStream(body, 16 * 1024);
      case "deflate" -> new InflaterInputStream(body);
      default -> throw new UnreadableBody(IngestError.UNSUPPORTED_CONTENT_TYPE,
          "Content-Encoding " + Messages.quote(coding) + " is not supported (newsline asks for identity and reads gzip and deflate)");
    };
  }

  private static byte[] readUpTo(InputStream body, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16 * 1024];
    for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
      if (out.size() + (long) n > max) {
        throw new TooLarge(max);
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static byte[] prefix(InputStream body, int max) throws IOException {
    return body.readNBytes(max);
  }

  /** The host without IPv6 brackets. */
  static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static boolean isIpLiteral(String host) {
    return host.contains(":") || host.toLowerCase(Locale.ROOT).matches("[0-9.]+");
  }

  @Override
  public void close() {
    watchdog.close();
  }
}
