package io.newsline.query.api;

import io.newsline.common.http.Request;
import io.newsline.common.http.Response;
import io.newsline.query.model.Change;
import io.newsline.query.model.EventIndex;
import io.newsline.query.model.EventsTopic;
import io.newsline.query.model.Position;
import io.newsline.query.model.StalePosition;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * GET /api/stream: Server-Sent Events, one message per change of the events topic, the event's
 * summary as JSON (a removal, when an event is merged away, as {@code event: removed}). Every
 * message's id is the reader's position in the topic ({@link Position}); a client that reconnects
 * with Last-Event-ID (or {@code ?from=}, e.g. the {@code position} of a list answer) first gets
 * the latest state of every event that changed since, then live changes. A client too slow to
 * keep up is disconnected and catches up the same way when it reconnects.
 *
 * <p>A position that can never be reached (the events topic was recreated since, see
 * {@link StalePosition}) gets {@code event: reset} with the instance's current position: the
 * client drops what it shows and loads it again, then follows from there. When the instance reads
 * recreated topics again ({@link Change#CLEARED}), open streams end: their clients reconnect with a
 * position of the earlier topic and are told to reset.
 *
 * <p>A stream holds one of the HTTP server's connections (and its thread) for as long as it is
 * open, so streams are bounded below the server's limits ({@link Limits}): whatever the streams,
 * connections remain for API requests, health checks and scrapes, from every address.
 */
public final class EventStream {
  static final int QUEUE = 10_000;
  /** How often an idle stream checks whether its client has closed the connection. */
  static final long CLIENT_CHECK_MILLIS = 1000;
  /** Asks EventSource clients to reconnect after this long. */
  static final int RETRY_MILLIS = 2000;

  private final EventIndex index;
  private final EventsTopic topic;
  private final Duration heartbeat;
  private final Map<InetAddress, Integer> perAddress = new HashMap<>();
  private volatile Limits limits;
  private int clients;

  public EventStream(EventIndex index, EventsTopic topic, Limits limits, Duration heartbeat) {
    this.index = index;
    this.topic = topic;
    this.limits = limits;
    this.heartbeat = heartbeat;
  }

  /**
   * Streams open at once: in all, and from one client address (one browser shares a stream among
   * its tabs, but a greedy client could open many).
   */
  public record Limits(int total, int perAddress) {
    /** The defaults for a server with the HTTP service's default limits (128 connections, 64 per address). */
    public static final Limits DEFAULT = new Limits(64, 16);
  }

  /** Bounds the streams from now on (the stage sets them from its server's connection limits). */
  public void limit(Limits l) {
    this.limits = l;
  }

  public Limits limits() {
    return limits;
  }

  public synchronized int clients() {
    return clients;
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
    if (r.method().equals("HEAD")) {
      return Response.stream(200, "text/event-stream; charset=utf-8", Map.of("Cache-Control", "no-cache"), out -> { });
    }
    InetAddress address = r.remote() == null ? null : r.remote().getAddress();
    admit(address);
    Position start = from;
    return Response.stream(200, "text/event-stream; charset=utf-8",
        Map.of("Cache-Control", "no-cache", "X-Accel-Buffering", "no"), out -> {
          try {
            follow(start, out);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is closing
          } finally {
            release(address);
          }
        });
  }

  private synchronized void admit(InetAddress address) {
    Limits l = limits;
    if (clients >= l.total()) {
      throw ApiError.of(503, "this instance serves " + l.total() + " live streams already (query.stream.clients.max); "
          + "try another instance or later");
    }
    int mine = perAddress.getOrDefault(address, 0);
    if (mine >= l.perAddress()) {
      throw ApiError.of(503, "your address has " + mine + " live streams open already (query.stream.clients.per-address); "
          + "close one or try later");
    }
    perAddress.put(address, mine + 1);
    clients++;
  }

  private synchronized void release(InetAddress address) {
    clients--;
    perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
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
      String stale = from == null ? null : StalePosition.reason(from, index.position(), topic);
      Position resumed = stale == null ? from : null;
      EventIndex.Backlog backlog = index.subscribe(resumed, listener);
      String known = topic.knownId();
      Position sent = resumed == null ? backlog.position().in(known) : resumed.in(known == null ? resumed.topicId() : known);
      write(out, "retry: " + RETRY_MILLIS + "\n\n");
      if (stale != null) {
        reset(out, sent, stale);
      }
      for (Change c : backlog.changes()) {
        send(out, c, sent);
      }
      // an id without data: the browser remembers the position even when nothing has changed yet
      write(out, "id: " + sent + "\n\n");
      long quietSince = System.nanoTime();
      while (!overflow.get()) {
        Change c = queue.poll(Math.min(heartbeat.toMillis(), CLIENT_CHECK_MILLIS), TimeUnit.MILLISECONDS);
        if (c == Change.CLEARED) {
          return; // the client reconnects from its position, which the rebuilt instance tells stale
        } else if (c == null) {
          // a client that closed its connection frees its place now, not at the next heartbeat's
          // failed write: a tab reloaded 16 times in 15 s was refused 503 until those came
          if (Response.clientClosed(out)) {
            return;
          }
          if (System.nanoTime() - quietSince >= heartbeat.toNanos()) {
            write(out, ": keep-alive\n\n");
            quietSince = System.nanoTime();
          }
        } else if (!sent.covers(c.partition(), c.offset())) {
          send(out, c, sent);
          quietSince = System.nanoTime();
        }
      }
    } finally {
      index.unsubscribe(listener);
    }
  }

  /** Tells the client its position is void: reload everything, then follow from {@code now}. */
  private static void reset(OutputStream out, Position now, String reason) throws IOException {
    String data = new String(JsonBody.bytes(g -> {
      g.writeStartObject();
      g.writeStringField("position", now.toString());
      g.writeStringField("reason", reason);
      g.writeEndObject();
    }), StandardCharsets.UTF_8);
    write(out, "id: " + now + "\nevent: reset\ndata: " + data + "\n\n");
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
