package io.newsline.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The client against servers speaking HTTP/1.x the way real ones do, from a raw socket. */
class PinnedHttpClientTest {
  @Test
  void readsWhatRealServersSend() throws Exception {
    // an interim 100, a folded header, no Content-Length: the body runs to the end of the connection
    Answered a = serve("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=utf-8\r\nX-A: 1\r\n\r\n<p>to the end</p>");
    assertThat(new String(a.answer.body(), StandardCharsets.UTF_8)).isEqualTo("<p>to the end</p>");
    assertThat(a.answer.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
    assertThat(a.request).startsWith("GET /p?q=1 HTTP/1.1\r\nHost: 127.0.0.1:").contains("\r\nConnection: close\r\n")
        .contains("\r\nIf-None-Match: \"a\"  b\r\n"); // a CR LF in a validator cannot add a header
    // chunked with extensions and trailers, LF-only line ends
    Answered chunked = serve("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n4;x=y\nabcd\n2\nef\n0\nT: 1\n\n");
    assertThat(new String(chunked.answer.body(), StandardCharsets.UTF_8)).isEqualTo("abcdef");
  }

  @Test
  void limitsHold() throws Exception {
    assertThatThrownBy(() -> serve("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n")).isInstanceOf(PinnedHttpClient.TooLarge.class);
    assertThatThrownBy(() -> serve("HTTP/1.1 200 OK\r\n\r\n" + "x".repeat(1500))).isInstanceOf(PinnedHttpClient.TooLarge.class);
    // an error body is cut to its beginning, not refused
    Answered error = serve("HTTP/1.1 500 Oops\r\n\r\n" + "e".repeat(PinnedHttpClient.ERROR_BODY_PREFIX + 10));
    assertThat(error.answer.status()).isEqualTo(500);
    assertThat(error.answer.body()).hasSize(PinnedHttpClient.ERROR_BODY_PREFIX);
    assertThatThrownBy(() -> serve("HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(20_000) + "\r\n")).hasMessageContaining("header");
    assertThatThrownBy(() -> serve("SSH-2.0-OpenSSH\r\n")).hasMessageContaining("not an HTTP/1.x response");
    // a server that says nothing: the deadline ends it
    assertThatThrownBy(() -> serve(null)).isInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void aCompressedBodyIsInflatedWithinTheLimitOrRefusedByName() throws Exception {
    // newsline asks for identity; a server compressing anyway was read as text: bad_encoding, "byte 0x8B at offset 1"
    Answered gzip = serve("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + latin1(gzip("<rss>news</rss>".getBytes(StandardCharsets.UTF_8))));
    assertThat(new String(gzip.answer.body(), StandardCharsets.UTF_8)).isEqualTo("<rss>news</rss>");
    java.io.ByteArrayOutputStream zlib = new java.io.ByteArrayOutputStream();
    try (var z = new java.util.zip.DeflaterOutputStream(zlib)) {
      z.write("<feed/>".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(serve("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n" + latin1(zlib.toByteArray())).answer.body())
        .isEqualTo("<feed/>".getBytes(StandardCharsets.UTF_8));
    // a bomb: 2,000 bytes on the wire, a million inflated; cut at the limit (1,000 here)
    byte[] bomb = gzip(new byte[1_000_000]);
    assertThat(bomb.length).isLessThan(2_000);
    assertThatThrownBy(() -> serve("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + latin1(bomb))).isInstanceOf(PinnedHttpClient.TooLarge.class);
    assertThatThrownBy(() -> serve("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxyz"))
        .isInstanceOf(PinnedHttpClient.UnreadableBody.class).hasMessageContaining("Content-Encoding 'br' is not supported")
        .satisfies(e -> assertThat(((PinnedHttpClient.UnreadableBody) e).reason).isEqualTo(io.newsline.ingest.IngestError.UNSUPPORTED_CONTENT_TYPE));
    assertThatThrownBy(() -> serve("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n<rss>not compressed</rss>"))
        .isInstanceOf(PinnedHttpClient.UnreadableBody.class).hasMessageContaining("does not inflate")
        .satisfies(e -> assertThat(((PinnedHttpClient.UnreadableBody) e).reason).isEqualTo(io.newsline.ingest.IngestError.BAD_ENCODING));
  }

  private static byte[] gzip(byte[] data) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (var z = new java.util.zip.GZIPOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  private static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private record Answered(PinnedHttpClient.Answer answer, String request) {}

  /** Answers one request with the raw bytes (null: never answers) and closes. */
  private static Answered serve(String response) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        PinnedHttpClient client = new PinnedHttpClient(SSLContext.getDefault())) {
      AtomicReference<String> request = new AtomicReference<>();
      Thread t = new Thread(() -> {
        try (Socket s = server.accept()) {
          InputStream in = s.getInputStream();
          StringBuilder sb = new StringBuilder();
          while (sb.indexOf("\r\n\r\n") < 0) {
            sb.append((char) in.read());
          }
          request.set(sb.toString());
          if (response == null) {
            Thread.sleep(3000);
            return;
          }
          s.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
        } catch (Exception e) {
          // the client gave up
        }
      });
      t.setDaemon(true);
      t.start();
      URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/p?q=1");
      PinnedHttpClient.Answer a = client.get(uri, List.of(InetAddress.getByName("127.0.0.1")), Map.of("If-None-Match", "\"a\"\r\nb"), 1000,
          Duration.ofSeconds(5).toNanos(), System.nanoTime() + Duration.ofSeconds(1).toNanos());
      t.join(5000);
      return new Answered(a, request.get());
    }
  }
}
