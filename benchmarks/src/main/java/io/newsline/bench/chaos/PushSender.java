package io.newsline.bench.chaos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsline.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Sends the input to ingest's push endpoint in order, in batches, at a steady rate, as a client
 * that insists would: a batch is sent again (after a pause) until ingest answers 202, whatever went
 * wrong (ingest killed, restarting, or failing its transaction). A batch whose answer was lost is
 * therefore delivered twice; ingest must publish it once. The last articles (the sentinels that
 * end the input) wait until the gate opens.
 */
final class PushSender implements Runnable {
  /** What the last articles wait for. */
  interface Gate {
    void await() throws InterruptedException;
  }

  private final String url;
  private final String token;
  private final List<ObjectNode> articles;
  private final List<ObjectNode> last;
  private final Gate gate;
  private final int batchSize;
  private final double perSecond;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private volatile int sent;
  private volatile int retries;
  private volatile boolean done;

  PushSender(String url, String token, List<ObjectNode> articles, List<ObjectNode> last, Gate gate, int batchSize,
      double perSecond) {
    this.url = url;
    this.token = token;
    this.articles = articles;
    this.last = last;
    this.gate = gate;
    this.batchSize = batchSize;
    this.perSecond = perSecond;
  }

  @Override
  public void run() {
    long start = System.nanoTime();
    try {
      for (int from = 0; from < articles.size(); from += batchSize) {
        long due = start + (long) (from / perSecond * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000);
        }
        send(articles.subList(from, Math.min(articles.size(), from + batchSize)));
        sent = Math.min(articles.size(), from + batchSize);
      }
      gate.await();
      send(last);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      done = true;
    }
  }

  private void send(List<ObjectNode> batch) throws InterruptedException {
    ArrayNode body = Json.mapper().createArrayNode();
    batch.forEach(body::add);
    while (!accepted(Json.write(body))) {
      retries++;
      Thread.sleep(500);
    }
  }

  private boolean accepted(String body) throws InterruptedException {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 202;
    } catch (IOException e) {
      return false; // ingest is down or was killed while answering
    }
  }

  int sent() {
    return sent;
  }

  int retries() {
    return retries;
  }

  boolean done() {
    return done;
  }
}
