package io.newsline.query.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsline.common.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real browser for tests and benchmarks: Debian's chromium, headless, driven over the DevTools
 * protocol with the JDK's WebSocket client (no driver download, no library). Navigates, evaluates
 * JavaScript, presses keys, takes screenshots, and collects the page's console errors and uncaught
 * exceptions so a test can assert there were none.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

  /** The browser binary: NEWSLINE_CHROMIUM, else chromium on the PATH; null when there is none. */
  public static Path binary() {
    String env = System.getenv("NEWSLINE_CHROMIUM");
    if (env != null && Files.isExecutable(Path.of(env))) {
      return Path.of(env);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  public static HeadlessChromium start(int width, int height) throws Exception {
    Path bin = binary();
    if (bin == null) {
      throw new IllegalStateException("no chromium: apt-get install chromium chromium-driver");
    }
    return new HeadlessChromium(bin, width, height);
  }

  private HeadlessChromium(Path binary, int width, int height) throws Exception {
    profile = Files.createTempDirectory("newsline-chromium");
    process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--disable-popup-blocking", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
        "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
        "--remote-allow-origins=*", "--window-size=" + width + "," + height, "about:blank")
        .redirectErrorStream(true).start();
    String browserWs = awaitDevTools();
    URI base = URI.create(browserWs.replaceFirst("^ws://", "http://").replaceFirst("/devtools/.*$", ""));
    HttpClient http = HttpClient.newHttpClient();
    String pageWs = null;
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (pageWs == null && System.nanoTime() < deadline) {
      JsonNode targets = Json.parse(http.send(HttpRequest.newBuilder(base.resolve("/json/list")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      for (JsonNode t : targets) {
        if ("page".equals(t.path("type").asText())) {
          pageWs = t.path("webSocketDebuggerUrl").asText();
          break;
        }
      }
      if (pageWs == null) {
        Thread.sleep(100);
      }
    }
    if (pageWs == null) {
      throw new IllegalStateException("chromium opened no page");
    }
    socket = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new Listener()).get(30, TimeUnit.SECONDS);
    call("Page.enable", Map.of());
    call("Runtime.enable", Map.of());
    call("Log.enable", Map.of());
    call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
  }

  private String awaitDevTools() throws Exception {
    CompletableFuture<String> url = new CompletableFuture<>();
    StringBuilder log = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          Matcher m = DEVTOOLS.matcher(line);
          if (m.find()) {
            url.complete(m.group(1));
          } else if (!url.isDone()) {
            log.append(line).append('\n');
          }
        }
      } catch (IOException e) {
        // browser gone
      }
      url.completeExceptionally(new IllegalStateException("chromium exited before DevTools were ready:\n" + log));
    }, "chromium-output");
    reader.setDaemon(true);
    reader.start();
    return url.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Sends a DevTools command and waits for its result. */
  public JsonNode call(String method, Map<String, ?> params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    ObjectNode msg = Json.object().put("id", id).put("method", method);
    msg.set("params", Json.mapper().valueToTree(params));
    socket.sendText(Json.write(msg), true).join();
    try {
      JsonNode r = f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (r.has("error")) {
        throw new IllegalStateException(method + ": " + r.get("error"));
      }
      return r.path("result");
    } catch (Exception e) {
      throw e instanceof RuntimeException re ? re : new IllegalStateException(method + " failed", e);
    } finally {
      pending.remove(id);
    }
  }

  /** Loads the URL and waits until the document has loaded. */
  public void open(String url) {
    call("Page.navigate", Map.of("url", url));
    waitFor("document.readyState === 'complete'", TIMEOUT);
  }

  /** Evaluates an expression in the page (promises awaited) and returns its value as JSON. */
  public JsonNode eval(String expression) {
    JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("page threw: " + r.path("exceptionDetails").path("exception").path("description").asText(r.toString()));
    }
    return r.path("result").path("value");
  }

  /** Waits until the expression is true in the page; false on timeout. */
  public boolean waitFor(String expression, Duration timeout) {
    return poll(() -> eval("Boolean(" + expression + ")").asBoolean(), timeout);
  }

  public static boolean poll(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  /** Presses a key as a user would (e.g. "Tab", "Enter", "/"), to the focused element. */
  public void press(String key) {
    String code = switch (key) {
      case "Tab" -> "Tab";
      case "Enter" -> "Enter";
      case "Escape" -> "Escape";
      case "/" -> "Slash";
      default -> "Key" + key.toUpperCase(java.util.Locale.ROOT);
    };
    int keyCode = switch (key) {
      case "Tab" -> 9;
      case "Enter" -> 13;
      case "Escape" -> 27;
      case "/" -> 191;
      default -> key.toUpperCase(java.util.Locale.ROOT).charAt(0);
    };
    String text = key.length() == 1 ? key : key.equals("Enter") ? "\r" : "";
    Map<String, Object> down = new java.util.HashMap<>(Map.of("type", text.isEmpty() ? "rawKeyDown" : "keyDown", "key", key,
        "code", code, "windowsVirtualKeyCode", keyCode));
    if (!text.isEmpty()) {
      down.put("text", text);
    }
    call("Input.dispatchKeyEvent", down);
    call("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", key, "code", code, "windowsVirtualKeyCode", keyCode));
  }

  /** Types text into the focused element. */
  public void type(String text) {
    call("Input.insertText", Map.of("text", text));
  }

  /** Saves a PNG of the whole page (beyond the window when it is longer). */
  public Path screenshot(Path file) throws IOException {
    JsonNode r = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(r.path("data").asText()));
    return file;
  }

  /** Console errors and uncaught exceptions the page produced so far. */
  public List<String> errors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
    // the renderer and network processes too: they write into the profile while it is deleted
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      for (ProcessHandle c : children) {
        c.onExit().get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      children.forEach(ProcessHandle::destroyForcibly);
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // a file that vanished meanwhile, or a temp folder left behind: not the test's concern
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonNode msg = Json.parse(partial.toString());
        partial.setLength(0);
        if (msg.has("id")) {
          CompletableFuture<JsonNode> f = pending.get(msg.get("id").asInt());
          if (f != null) {
            f.complete(msg);
          }
        } else {
          event(msg);
        }
      }
      ws.request(1);
      return null;
    }

    private void event(JsonNode msg) {
      String method = msg.path("method").asText();
      JsonNode p = msg.path("params");
      if (method.equals("Runtime.exceptionThrown")) {
        errors.add("exception: " + p.path("exceptionDetails").path("exception").path("description")
            .asText(p.path("exceptionDetails").path("text").asText()));
      } else if (method.equals("Runtime.consoleAPICalled") && p.path("type").asText().equals("error")) {
        errors.add("console.error: " + p.path("args").toString());
      } else if (method.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
        errors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
      }
    }
  }
}
