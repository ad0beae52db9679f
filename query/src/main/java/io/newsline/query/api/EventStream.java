package io.newsline.query.api;

import io.newsline.common.http.Request;
import io.newsline.common.http.Response;
import io.newsline.query.model.Change;
import io.newsline.query.model.EventIndex;
import io.newsline.query.model.Position;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * GET /api/stream: Server-Sent Events, one message per change of the events topic, the event's
 * summary as JSON (a removal, when an event is merged away, as {@code event: removed}). Every
 * message's id is the reader's position in the topic ({@link Position}); a client that reconnects
 * with Last-Event-ID (or {@code ?from=}, e.g. the {@code position} of a list answer) first gets
 * the latest state of every event that changed since, then live changes. A client too slow to
 * keep up is disconnected and catches up the same way when it reconnects.
 */
public final class EventStream {
  static final int QUEUE = 10_000;
  /** Asks EventSource clients to reconnect after this long. */
  static final int RETRY_MILLIS = 2000;

  private final EventIndex index;
  private final int maxClients;
  private final Duration heartbeat;
  private final AtomicInteger clients = new AtomicInteger();

  public EventStream(EventIndex index, int maxClients, Duration heartbeat) {
    this.index = index;
    this.maxClients = maxClients;
    this.heartbeat = heartbeat;
  }

  public int clients() {
    return clients.get();
  }

  Response open(Request r) {
    String last = r.header("Last-Event-ID");
    if (last == null || last.isBlank()) {
      last = r.query("from");
    }
    Position from;
    try {
      from = last == null || last.isBlank() ? null : Position.parse(last.strip());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("Last-Event-ID / from: " + e.getMessage());
    }
    if (clients.incrementAndGet() > maxClients) {
      clients.decrementAndGet();
      throw ApiError.of(503, "this instance serves " + maxClients + " live streams already; try another instance or later");
    }
    Position start = from;
    return Response.stream(200, "text/event-stream; charset=utf-8",
        Map.of("Cache-Control", "no-cache", "X-Accel-Buffering", "no"), out -> {
          try {
            follow(start, out);
          } finally {
            clients.decrementAndGet();
          }
        });
  }

  private void follow(Position from, OutputStream out) throws IOException, InterruptedException {
    BlockingQueue<Change> queue = new ArrayBlockingQueue<>(QUEUE);
    AtomicBoolean overflow = new AtomicBoolean();
    Consumer<Change> listener = c -> {
      if (!queue.offer(c)) {
        overflow.set(true);
      }
    };
    try {
      EventIndex.Backlog backlog = index.subscribe(from, listener);
      Position sent = from == null ? backlog.position() : from.copy();
      write(out, "retry: " + RETRY_MILLIS + "\n\n");
      for (Change c : backlog.changes()) {
        send(out, c, sent);
      }
      // an id without data: the browser remembers the position even when nothing has changed yet
      write(out, "id: " + sent + "\n\n");
      while (!overflow.get()) {
        Change c = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        if (c == null) {
          write(out, ": keep-alive\n\n");
        } else if (!sent.covers(c.partition(), c.offset())) {
          send(out, c, sent);
        }
      }
    } finally {
      index.unsubscribe(listener);
    }
  }

  private static void send(OutputStream out, Change c, Position sent) throws IOException {
    sent.advance(c.partition(), c.offset());
    StringBuilder m = new StringBuilder(512).append("id: ").append(sent).append('\n');
    if (c.removed()) {
      m.append("event: removed\n");
      String merged = c.mergedInto();
      m.append("data: ").append(new String(JsonBody.bytes(g -> {
        g.writeStartObject();
        g.writeStringField("event_id", c.eventId());
        g.writeStringField("merged_into", merged);
        g.writeEndObject();
      }), StandardCharsets.UTF_8));
    } else {
      m.append("data: ").append(new String(JsonBody.bytes(c.summary()::writeJson), StandardCharsets.UTF_8));
    }
    write(out, m.append("\n\n").toString());
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
