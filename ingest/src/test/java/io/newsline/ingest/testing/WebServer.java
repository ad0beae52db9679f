package io.newsline.ingest.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real local HTTP server (JDK HttpServer) for fetch and feed tests: handlers per path, full
 * control over status, headers, streaming and timing, and a log of every request.
 */
public final class WebServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-web");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  /** A request as the server saw it. */
  public record Request(String path, Map<String, List<String>> headers, long nanos) {
    public String header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  @FunctionalInterface
  public interface Handler {
    void handle(HttpExchange ex) throws IOException, InterruptedException;
  }

  public WebServer() throws IOException {
    this("127.0.0.1");
  }

  /** A server on the address, e.g. 0.0.0.0 to answer on every loopback address (127.0.0.2 is another host). */
  public WebServer(String bindAddress) throws IOException {
    this(bindAddress, 0);
  }

  public WebServer(String bindAddress, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public WebServer on(String path, Handler h) {
    handlers.put(path, h);
    return this;
  }

  public WebServer text(String path, int status, String contentType, String body) {
    return on(path, ex -> send(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8)));
  }

  public WebServer bytes(String path, int status, String contentType, byte[] body) {
    return on(path, ex -> send(ex, status, contentType, body));
  }

  public List<Request> requests() {
    return requests;
  }

  public List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path.equals(path)).toList();
  }

  private void dispatch(HttpExchange ex) {
    String path = ex.getRequestURI().getPath();
    requests.add(new Request(path, Map.copyOf(ex.getRequestHeaders()), System.nanoTime()));
    try (ex) {
      Handler h = handlers.get(path);
      if (h == null) {
        send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
      } else {
        h.handle(ex);
      }
    } catch (IOException | InterruptedException e) {
      // the client went away (as it should when it aborts a too-large body)
    }
  }

  public static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
