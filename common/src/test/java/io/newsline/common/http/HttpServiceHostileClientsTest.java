package io.newsline.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server against clients that misbehave, on raw sockets: slow headers and bodies, too many
 * connections, bodies nobody is entitled to send, smuggling attempts, clients that stop reading;
 * and against well-behaved ones that keep connections alive, send chunked bodies or read a stream.
 */
class HttpServiceHostileClientsTest {
  /** Long enough that a request served at once is served before the slow ones are cut off, even on a busy machine. */
  private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(4);
  private static final Duration BODY_TIMEOUT = Duration.ofSeconds(4);
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<Socket> sockets = new ArrayList<>();
  private HttpService http;

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (http != null) {
      http.close();
    }
  }

  private HttpService.Builder server() {
    return HttpService.builder("test", "127.0.0.1", 0)
        .get("/ping", r -> Response.text(200, "text/plain", "pong"))
        .post("/echo", r -> Response.text(200, "text/plain", r.bodyText()))
        .post("/guarded", r -> "let-me-in".equals(r.header("Authorization")) ? null : Response.error(401, "no"),
            r -> Response.text(200, "text/plain", "got " + r.body().length + " bytes"))
        .maxBodyBytes(20_000_000)
        .headerTimeout(HEADER_TIMEOUT)
        .bodyTimeout(BODY_TIMEOUT)
        .idleTimeout(Duration.ofSeconds(5));
  }

  @Test
  void slowHeadersNeitherStarveOtherClientsNorStayForever() throws Exception {
    http = server().start();
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Socket s = open();
      s.getOutputStream().write("GET /ping HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      slow.add(s);
    }
    long t = System.nanoTime();
    assertThat(get("/ping").body()).isEqualTo("pong");
    assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(HEADER_TIMEOUT);
    // the slow ones are answered 408 and closed once their header time is up
    for (Socket s : slow) {
      s.setSoTimeout(10_000);
      assertThat(readAll(s)).startsWith("HTTP/1.1 408 ");
    }
    awaitActive(0);
  }

  @Test
  void aBodyNobodyIsEntitledToIsNeverWaitedFor() throws Exception {
    http = server().start();
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Socket s = open();
      s.getOutputStream().write(("POST /guarded HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 16000000\r\n\r\n{")
          .getBytes(StandardCharsets.US_ASCII));
      slow.add(s);
    }
    for (Socket s : slow) {
      s.setSoTimeout(1000); // answered at once, not after the body timeout
      assertThat(readHead(s)).startsWith("HTTP/1.1 401 ").contains("Connection: close");
    }
    // too large by its Content-Length: refused before reading, even with the right credentials
    Socket big = open();
    big.getOutputStream().write("POST /guarded HTTP/1.1\r\nHost: x\r\nAuthorization: let-me-in\r\nContent-Length: 30000000\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    big.setSoTimeout(1000);
    assertThat(readHead(big)).startsWith("HTTP/1.1 413 ");
  }

  @Test
  void aSlowBodyIsCutOffAndOthersAreServedMeanwhile() throws Exception {
    http = server().start();
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Socket s = open();
      s.getOutputStream().write(("POST /guarded HTTP/1.1\r\nHost: x\r\nAuthorization: let-me-in\r\nContent-Length: 16000000\r\n\r\n{")
          .getBytes(StandardCharsets.US_ASCII));
      slow.add(s);
    }
    long t = System.nanoTime();
    HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/guarded")).header("Authorization", "let-me-in")
        .POST(HttpRequest.BodyPublishers.ofString("{\"a\": 1}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ok.body()).isEqualTo("got 8 bytes");
    assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(BODY_TIMEOUT);
    for (Socket s : slow) {
      s.setSoTimeout(10_000);
      assertThat(readAll(s)).startsWith("HTTP/1.1 408 ").contains("request body not received within 4 s");
    }
  }

  @Test
  void connectionsBeyondTheLimitAreAnswered503AtOnce() throws Exception {
    http = server().headerTimeout(Duration.ofSeconds(30)).maxConnections(4).maxConnectionsPerClient(4).start();
    for (int i = 0; i < 4; i++) {
      Socket s = open();
      s.getOutputStream().write("GET /ping HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    awaitActive(4);
    Socket fifth = open();
    fifth.setSoTimeout(2000);
    assertThat(readAll(fifth)).startsWith("HTTP/1.1 503 ").contains("Retry-After: 1");
    assertThat(http.refusedConnections()).isEqualTo(1);
  }

  @Test
  void oneClientCannotTakeEveryConnection() throws Exception {
    http = server().headerTimeout(Duration.ofSeconds(30)).maxConnections(8).maxConnectionsPerClient(3).start();
    for (int i = 0; i < 3; i++) {
      open().getOutputStream().write("GET /ping HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    awaitActive(3);
    Socket fourth = open();
    fourth.setSoTimeout(2000);
    assertThat(readAll(fourth)).startsWith("HTTP/1.1 503 ");
  }

  @Test
  void requestsThatCouldBeSmuggledAreRefused() throws Exception {
    http = server().start();
    assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
        .startsWith("HTTP/1.1 400 ");
    assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length : 3\r\n\r\nabc")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /ping HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n")).startsWith("HTTP/1.1 501 ");
    // a coding before chunked is not decoded, so it is refused (the body was read as plain chunks)
    assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n")).startsWith("HTTP/1.1 501 ");
    // a signed chunk size is no chunk size (Long.parseLong took "-5"; the connection was dropped unanswered)
    assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nab\r\n0\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n+2\r\nab\r\n0\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /ping HTTP/2.0\r\n\r\n")).startsWith("HTTP/1.1 505 ");
    assertThat(exchange("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 414 ");
    assertThat(exchange("GET /ping HTTP/1.1\r\n" + "X-Big: aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".repeat(2000) + "\r\n")).startsWith("HTTP/1.1 431 ");
    assertThat(exchange("GET /ping%zz HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /ping?a=%zz HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
  }

  @Test
  void oversizedPartsAreNamedWithTheirOwnStatus() throws Exception {
    http = server().start();
    // one long header line was "414 URI Too Long"
    assertThat(exchange("GET /ping HTTP/1.1\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n"))
        .startsWith("HTTP/1.1 431 ").contains("header line longer than");
    assertThat(exchange("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 414 ").contains("request line longer than");
    // an endless chunk extension or trailer was "413: request body larger than ..." for a two-byte body
    assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2;" + "x".repeat(10_000) + "\r\nab\r\n0\r\n\r\n"))
        .startsWith("HTTP/1.1 400 ").contains("chunk size line longer than");
    assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n" + "X-T: t\r\n".repeat(100) + "\r\n"))
        .startsWith("HTTP/1.1 400 ").contains("trailer: more than 64 header fields");
  }

  @Test
  void aRequestTargetMustBeAsciiAndItsPercentEncodingUtf8() throws Exception {
    http = server().get("/q", r -> Response.text(200, "text/plain", r.query("x"))).start();
    assertThat(exchange("GET /q?x=%C5%81%C3%B3d%C5%BA HTTP/1.1\r\nConnection: close\r\n\r\n")).endsWith("\r\n\r\n\u0141\u00f3d\u017a"
        .transform(t -> new String(t.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
    // %FF was searched as U+FFFD (every event matched); raw "é" as the two characters "Ã©"
    assertThat(exchange("GET /q?x=%FF HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ").contains("not UTF-8");
    assertThat(exchange("GET /q?x=%ED%A0%80 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchange("GET /q?x=\u00c3\u00a9 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ").contains("percent-encode it");
    assertThat(exchange("GET /q?x=a+b%2B HTTP/1.1\r\nConnection: close\r\n\r\n")).endsWith("\r\n\r\na+b+");
  }

  @Test
  void keepAliveChunkedBodiesAndExpectContinue() throws Exception {
    http = server().start();
    Socket s = open();
    OutputStream out = s.getOutputStream();
    out.write(("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"
        + "GET /ping HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    s.setSoTimeout(5000);
    BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
    assertThat(readResponse(r)).startsWith("HTTP/1.1 200 ").endsWith("hello world");
    assertThat(readResponse(r)).startsWith("HTTP/1.1 200 ").endsWith("pong");
    // Expect: 100-continue, answered once the request is found acceptable
    out.write("POST /guarded HTTP/1.1\r\nHost: x\r\nAuthorization: let-me-in\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    assertThat(r.readLine()).isEqualTo("HTTP/1.1 100 Continue");
    assertThat(r.readLine()).isEmpty();
    out.write("abcd".getBytes(StandardCharsets.US_ASCII));
    assertThat(readResponse(r)).startsWith("HTTP/1.1 200 ").endsWith("got 4 bytes");
    // HEAD has headers only; a wrong method and an unknown path are told apart
    out.write("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(readResponse(r)).startsWith("HTTP/1.1 405 ");
    out.write("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(readResponse(r)).startsWith("HTTP/1.1 404 ");
  }

  @Test
  void streamedAnswersArriveAsTheyAreWrittenAndStuckReadersAreCutOff() throws Exception {
    Semaphore read = new Semaphore(0);
    http = server()
        .writeTimeout(Duration.ofMillis(800))
        .get("/events", r -> Response.stream(200, "text/event-stream", Map.of("Cache-Control", "no-cache"), out -> {
          for (int i = 0; i < 3; i++) {
            out.write(("data: event " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            await(read); // the next event only once the client has read this one: it did arrive before the stream ended
          }
        }))
        .get("/firehose", r -> Response.stream(200, "text/plain", Map.of(), out -> {
          byte[] chunk = new byte[64 * 1024];
          while (true) {
            out.write(chunk); // nobody reads: a write blocks until the write timeout cuts it off
          }
        }))
        .start();
    HttpResponse<InputStream> events = client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + "/events")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(events.headers().firstValue("Content-Type")).contains("text/event-stream");
    BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8));
    for (int i = 0; i < 3; i++) {
      assertThat(lines.readLine()).isEqualTo("data: event " + i);
      assertThat(lines.readLine()).isEmpty();
      read.release();
    }
    assertThat(lines.readLine()).isNull();

    Socket stuck = open();
    stuck.getOutputStream().write("GET /firehose HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    Thread.sleep(2500); // not reading: the server's write blocks, and the write timeout (0.8 s) cuts it off
    stuck.setSoTimeout(5000);
    // what was sent before the cut is still there to read, then the stream ends: the server stopped
    long received = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      long n = 0;
      try (InputStream in = stuck.getInputStream()) {
        byte[] buf = new byte[65536];
        for (int k = in.read(buf); k >= 0; k = in.read(buf)) {
          n += k;
        }
      } catch (IOException reset) {
        // a reset ends it too
      }
      return n;
    });
    assertThat(received).isLessThan(64L << 20);
  }

  private Socket open() throws IOException {
    Socket s = new Socket("127.0.0.1", http.port());
    sockets.add(s);
    return s;
  }

  private String exchange(String request) throws IOException {
    Socket s = open();
    s.setSoTimeout(5000);
    s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
    return readAll(s);
  }

  /** The status line and headers of the first answer. */
  private static String readHead(Socket s) throws IOException {
    StringBuilder sb = new StringBuilder();
    InputStream in = s.getInputStream();
    while (sb.indexOf("\r\n\r\n") < 0) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      sb.append((char) b);
    }
    return sb.toString();
  }

  private static String readAll(Socket s) throws IOException {
    return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  /** One response with a Content-Length body: status line, headers and body. */
  private static String readResponse(BufferedReader r) throws IOException {
    StringBuilder sb = new StringBuilder();
    int length = 0;
    for (String line = r.readLine(); line != null && !line.isEmpty(); line = r.readLine()) {
      sb.append(line).append('\n');
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    char[] body = new char[length];
    int n = 0;
    while (n < length) {
      n += r.read(body, n, length - n);
    }
    return sb.append(body).toString();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(http.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void awaitActive(int n) {
    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
      while (http.activeConnections() != n) {
        Thread.sleep(20);
      }
    });
  }

  private static void await(Semaphore s) {
    try {
      if (!s.tryAcquire(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the client did not read the event");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
