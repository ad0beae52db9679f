package io.newsline.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/** Waits for a stage service's health endpoint to answer 200, while the service is still alive. */
final class ReadyProbe {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ReadyProbe() {}

  /**
   * @return the body of the first 200 response
   * @throws AssertionError with the last answer and the service's log when it stops or the time runs out
   */
  static String awaitOk(String url, Duration timeout, BooleanSupplier alive, Callable<String> log) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline && alive.getAsBoolean()) {
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return r.body();
        }
        last = r.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("not ready: " + last + "\n" + log.call());
  }

  static String get(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
