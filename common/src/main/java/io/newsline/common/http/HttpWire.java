package io.newsline.common.http;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 framing (RFC 9112) shared by the server ({@link HttpService}) and ingest's fetcher:
 * lines and header blocks read with size limits, chunked and fixed-length bodies with a size
 * limit, chunked output for streamed answers, and reads bounded by a deadline. The server parses
 * strictly (what could smuggle a request is refused); a client reads what real servers send.
 */
public final class HttpWire {
  private HttpWire() {}

  /** The peer broke the protocol; the message says how. */
  public static class ProtocolException extends IOException {
    public ProtocolException(String message) {
      super(message);
    }
  }

  /** A line, header block or body is larger than allowed. */
  public static final class TooLargeException extends ProtocolException {
    public TooLargeException(String message) {
      super(message);
    }
  }

  /**
   * Reads a line ending in LF (a CR before it is dropped) as ISO-8859-1; null at the end of the
   * stream before any byte. Longer than {@code max} bytes: {@link TooLargeException}.
   */
  public static String readLine(InputStream in, int max) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (sb.length() == 0) {
          return null;
        }
        throw new EOFException("connection closed in the middle of a line");
      }
      if (b == '\n') {
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
          sb.setLength(n - 1);
        }
        return sb.toString();
      }
      if (sb.length() >= max) {
        throw new TooLargeException("line longer than " + max + " bytes");
      }
      sb.append((char) b);
    }
  }

  /**
   * Reads header fields up to the empty line: names lower-cased, values trimmed, in order. Strict
   * (a server): whitespace before the colon, folded lines and bad names are errors. Lenient (a
   * client): folded lines are joined, lines without a colon skipped.
   */
  public static Map<String, List<String>> readHeaders(InputStream in, int maxBytes, int maxFields, boolean strict) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int total = 0;
    int fields = 0;
    String lastName = null;
    while (true) {
      String line = readLine(in, Math.max(1, maxBytes - total));
      if (line == null) {
        throw new EOFException("connection closed in the header block");
      }
      if (line.isEmpty()) {
        return headers;
      }
      total += line.length() + 2;
      if (total > maxBytes) {
        throw new TooLargeException("header block larger than " + maxBytes + " bytes");
      }
      char first = line.charAt(0);
      if (first == ' ' || first == '\t') {
        if (strict || lastName == null) {
          throw new ProtocolException("folded header line");
        }
        List<String> values = headers.get(lastName);
        values.set(values.size() - 1, (values.get(values.size() - 1) + " " + line.strip()).strip());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || (strict && !isToken(line, colon))) {
        if (strict) {
          throw new ProtocolException("malformed header line");
        }
        continue;
      }
      if (++fields > maxFields) {
        throw new TooLargeException("more than " + maxFields + " header fields");
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(line.substring(colon + 1).strip());
      lastName = name;
    }
  }

  /** Whether s[0, end) is an RFC 9110 token (a header name). */
  private static boolean isToken(String s, int end) {
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The first value of a header from {@link #readHeaders}, or null. */
  public static String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /**
   * The declared Content-Length: -1 when absent; {@link ProtocolException} when it is not a
   * number or several differ (a request smuggling vector).
   */
  public static long contentLength(Map<String, List<String>> headers) throws ProtocolException {
    List<String> values = headers.get("content-length");
    if (values == null || values.isEmpty()) {
      return -1;
    }
    long length = -1;
    for (String v : values) {
      for (String part : v.split(",")) {
        String p = part.strip();
        if (p.isEmpty() || p.length() > 18 || !p.chars().allMatch(Character::isDigit)) {
          throw new ProtocolException("invalid Content-Length");
        }
        long n = Long.parseLong(p);
        if (length >= 0 && n != length) {
          throw new ProtocolException("conflicting Content-Length values");
        }
        length = n;
      }
    }
    return length;
  }

  /** Whether the message body is chunked: Transfer-Encoding's last coding is "chunked". */
  public static boolean isChunked(Map<String, List<String>> headers) {
    List<String> values = headers.get("transfer-encoding");
    if (values == null || values.isEmpty()) {
      return false;
    }
    String all = String.join(",", values);
    String[] codings = all.split(",");
    return codings[codings.length - 1].strip().equalsIgnoreCase("chunked");
  }

  /**
   * Whether chunked is the only transfer coding. A server must decode every coding it accepts
   * (RFC 9112 6.1): read as plain chunks, a "gzip, chunked" body would be taken for its compressed bytes.
   */
  public static boolean isChunkedOnly(Map<String, List<String>> headers) {
    return isChunked(headers) && String.join(",", headers.get("transfer-encoding")).split(",").length == 1;
  }

  /** A message body: read in blocks; a single byte is a block of one. */
  private abstract static class BodyInputStream extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
  }

  /** A body of exactly {@code length} bytes; ends early: {@link EOFException}. */
  public static final class FixedLengthInputStream extends BodyInputStream {
    private final InputStream in;
    private long remaining;

    public FixedLengthInputStream(InputStream in, long length) {
      this.in = in;
      this.remaining = length;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        throw new EOFException("connection closed " + remaining + " bytes before the end of the body");
      }
      remaining -= n;
      return n;
    }
  }

  /**
   * A chunked body, decoded: chunk sizes (extensions ignored) and trailer fields read with
   * limits; more than {@code maxBytes} of content is a {@link TooLargeException}.
   */
  public static final class ChunkedInputStream extends BodyInputStream {
    private static final int MAX_SIZE_LINE = 1024;
    private static final int MAX_TRAILER_BYTES = 16 * 1024;
    private final InputStream in;
    private final long maxBytes;
    private long chunkLeft;
    private long total;
    private boolean done;

    public ChunkedInputStream(InputStream in, long maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (chunkLeft == 0) {
        chunkLeft = nextChunkSize();
        if (chunkLeft == 0) {
          try {
            readHeaders(in, MAX_TRAILER_BYTES, 64, false); // trailer fields, ignored
          } catch (TooLargeException e) { // not the body's size: a 400 saying what, not a 413 about the body
            throw new ProtocolException("trailer: " + e.getMessage());
          }
          done = true;
          return -1;
        }
        if (total + chunkLeft > maxBytes) {
          throw new TooLargeException("body larger than " + maxBytes + " bytes");
        }
        total += chunkLeft;
      }
      int n = in.read(b, off, (int) Math.min(len, chunkLeft));
      if (n < 0) {
        throw new EOFException("connection closed in the middle of a chunk");
      }
      chunkLeft -= n;
      if (chunkLeft == 0) {
        String crlf = readLine(in, 2);
        if (crlf == null || !crlf.isEmpty()) {
          throw new ProtocolException("chunk not followed by CRLF");
        }
      }
      return n;
    }

    private long nextChunkSize() throws IOException {
      String line;
      try {
        line = readLine(in, MAX_SIZE_LINE);
      } catch (TooLargeException e) { // a chunk extension kept going: a 400 saying so, not a 413 about the body
        throw new ProtocolException("chunk size " + e.getMessage());
      }
      if (line == null) {
        throw new EOFException("connection closed before a chunk size");
      }
      int semi = line.indexOf(';');
      String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
      // hex digits only: Long.parseLong would also take a sign ("-5" gave a negative chunk size)
      if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        throw new ProtocolException("invalid chunk size");
      }
      try {
        return Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new ProtocolException("invalid chunk size");
      }
    }
  }

  /** Writes chunks: each flush sends what was written since as one chunk; close ends the body. */
  public static final class ChunkedOutputStream extends OutputStream {
    private final OutputStream out;
    private final byte[] buf;
    private int n;
    private boolean closed;

    public ChunkedOutputStream(OutputStream out, int bufferSize) {
      this.out = out;
      this.buf = new byte[bufferSize];
    }

    @Override
    public void write(int b) throws IOException {
      if (n == buf.length) {
        chunk();
      }
      buf[n++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (n == buf.length) {
          chunk();
        }
        int k = Math.min(len, buf.length - n);
        System.arraycopy(b, off, buf, n, k);
        n += k;
        off += k;
        len -= k;
      }
    }

    @Override
    public void flush() throws IOException {
      chunk();
      out.flush();
    }

    private void chunk() throws IOException {
      if (closed) {
        throw new IOException("body already ended");
      }
      if (n > 0) {
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(buf, 0, n);
        out.write('\r');
        out.write('\n');
        n = 0;
      }
    }

    /** Sends the last chunk; the underlying stream stays open. */
    @Override
    public void close() throws IOException {
      if (!closed) {
        chunk();
        closed = true;
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    }
  }

  /**
   * Reads from a socket within a deadline: each read waits at most until the deadline (the
   * socket's timeout set to what is left), then fails with {@link SocketTimeoutException}. The
   * deadline can be moved between phases (headers, body, keep-alive wait).
   */
  public static final class DeadlineInputStream extends FilterInputStream {
    private final Socket socket;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private String phase = "read";

    public DeadlineInputStream(Socket socket) throws IOException {
      super(socket.getInputStream());
      this.socket = socket;
    }

    /** Reads from now on must end within {@code nanos}; {@code phase} names what timed out. */
    public void deadline(long nanos, String phase) {
      this.deadlineNanos = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
      this.phase = phase;
    }

    /** No deadline (a handler producing its answer). */
    public void noDeadline() {
      this.deadlineNanos = Long.MAX_VALUE;
    }

    @Override
    public int read() throws IOException {
      arm();
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      arm();
      return super.read(b, off, len);
    }

    private void arm() throws IOException {
      long d = deadlineNanos;
      if (d == Long.MAX_VALUE) {
        socket.setSoTimeout(0);
        return;
      }
      long left = d - System.nanoTime();
      if (left <= 0) {
        throw new SocketTimeoutException(phase + " timed out");
      }
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
    }
  }

  /** The reason phrase of a status code. */
  public static String reason(int status) {
    return switch (status) {
      case 100 -> "Continue";
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 411 -> "Length Required";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 417 -> "Expectation Failed";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> "Status " + status;
    };
  }
}
