package io.newsline.query.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.micrometer.core.instrument.Timer;
import io.newsline.common.PublicationTime;
import io.newsline.common.http.Handler;
import io.newsline.common.http.HttpError;
import io.newsline.common.http.Request;
import io.newsline.common.http.Response;
import io.newsline.query.QuerySettings;
import io.newsline.query.model.Cursor;
import io.newsline.query.model.EntityView;
import io.newsline.query.model.EventFilter;
import io.newsline.query.model.EventIndex;
import io.newsline.query.model.EventsTopic;
import io.newsline.query.model.EventSummary;
import io.newsline.query.model.Page;
import io.newsline.query.model.SearchText;
import io.newsline.query.store.StoreReader;
import io.newsline.runtime.ops.NewslineMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query stage's HTTP API and dashboard. Lists and entity pages come from the in-memory
 * {@link EventIndex}; timelines and articles are single gets from the state stores, served as the
 * JSON they were stored in. Every error is a status with {"error": "..."}.
 */
public final class QueryApi {
  private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);
  /** Ids and other path or query values longer than this are refused: no id is that long. */
  static final int MAX_VALUE = 256;

  private final EventIndex index;
  private final EventsTopic topic;
  private final StoreReader stores;
  private final QuerySettings settings;
  private final EventStream stream;
  private final BooleanSupplier ready;
  private final StaticFiles files;
  private final byte[] openApi;

  /**
   * @param topic what the broker says of the events topic (its id goes into positions)
   * @param ready whether the stores are loaded and queryable; until then the API answers 503
   */
  public QueryApi(EventIndex index, EventsTopic topic, StoreReader stores, QuerySettings settings, BooleanSupplier ready) {
    this.index = index;
    this.topic = topic;
    this.stores = stores;
    this.settings = settings;
    this.ready = ready;
    this.stream = new EventStream(index, topic, EventStream.Limits.DEFAULT, settings.heartbeat());
    this.files = new StaticFiles(settings.webDir());
    this.openApi = resource("/io/newsline/query/openapi.json");
  }

  public EventStream stream() {
    return stream;
  }

  /** Where routes go: a running server's route(method, pattern, handler) (OpsServer, HttpService). */
  @FunctionalInterface
  public interface Router {
    void route(String method, String pattern, Handler handler);
  }

  /**
   * Mounts the API under /api and the dashboard at / (and /ui/FILE), the CORS origin on the
   * server's own errors ({@code serverErrorHeader}), with the live streams bounded by {@code streams} (see {@link io.newsline.query.QuerySettings#streamLimits}).
   */
  public void mount(Router r, java.util.function.BiConsumer<String, String> serverErrorHeader, EventStream.Limits streams) {
    stream.limit(streams);
    if (!settings.corsOrigin().isEmpty()) { // the server's own 404s and 405s, readable by the other origin too
      serverErrorHeader.accept("Access-Control-Allow-Origin", settings.corsOrigin());
    }
    Map<String, Handler> routes = new LinkedHashMap<>();
    routes.put("/api/events", api("events", this::events));
    routes.put("/api/events/{id}", api("event", this::event));
    routes.put("/api/entities/{id}", api("entity", this::entity));
    routes.put("/api/articles/{id}", api("article", this::article));
    routes.put("/api/stream", api("stream", stream::open));
    routes.put("/api/openapi.json", api("openapi", req -> JsonBody.raw(200, openApi)));
    routes.forEach((pattern, handler) -> {
      r.route("GET", pattern, handler);
      if (!settings.corsOrigin().isEmpty()) {
        r.route("OPTIONS", pattern, this::preflight);
      }
    });
    r.route("GET", "/", files::index);
    r.route("GET", "/ui/{file}", files::file);
  }

  /** Readiness, CORS, a latency metric per route, and no stack trace ever leaves. */
  private Handler api(String route, Handler h) {
    Timer timer = Timer.builder("newsline.query.requests").description("Query API requests by route")
        .tag("route", route).publishPercentiles(0.5, 0.99).register(NewslineMetrics.registry());
    return r -> {
      long t0 = System.nanoTime();
      Response out;
      try {
        if (!ready.getAsBoolean() && !route.equals("openapi")) {
          throw ApiError.of(503, "starting: the query stage is still loading the topics; retry in a few seconds");
        }
        out = h.handle(r);
      } catch (HttpError e) {
        out = Response.json(e.status(), e.body());
      } catch (InvalidStateStoreException e) {
        out = Response.json(503, ApiError.body("the state stores are not available right now (" + e.getMessage() + "); retry shortly"));
      } catch (RuntimeException e) {
        LOG.warn("query: {} {} failed", r.method(), r.path(), e);
        out = Response.json(500, ApiError.body("internal error; the query stage logged it"));
      }
      if (out.status() == 503) {
        out = out.withHeader("Retry-After", "2");
      }
      if (!settings.corsOrigin().isEmpty()) {
        out = out.withHeader("Access-Control-Allow-Origin", settings.corsOrigin());
      }
      // errors quote the request ("no event <svg onload=...>"): never to be read as anything but JSON
      out = out.withHeader("X-Content-Type-Options", "nosniff");
      if (!out.headers().containsKey("Cache-Control")) {
        // errors too: a 404 is cacheable by default, and an unknown event id may be published next
        out = out.withHeader("Cache-Control", "no-cache");
      }
      timer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
      return out;
    };
  }

  /**
   * A browser's CORS preflight (a page of another origin sending a header beyond the simple ones,
   * such as If-None-Match or Last-Event-ID from fetch): allowed for reads, whatever the headers,
   * as the data is public and nothing is sent with credentials. It was a 405, so the read failed.
   */
  private Response preflight(Request r) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Access-Control-Allow-Origin", settings.corsOrigin());
    headers.put("Access-Control-Allow-Methods", "GET, HEAD");
    String asked = r.header("Access-Control-Request-Headers");
    if (asked != null && !asked.isBlank()) {
      headers.put("Access-Control-Allow-Headers", asked);
    }
    headers.put("Access-Control-Max-Age", "86400");
    return new Response(204, null, null, headers);
  }

  private Response events(Request r) {
    List<String> words = words(r);
    EventFilter f = new EventFilter(status(r), value(r, "entity"), value(r, "outlet"), words, since(r));
    Cursor cursor = cursor(r);
    int limit = limit(r);
    // a search without a word to look for ("!!!") finds nothing; it was no filter at all: every event
    Page<EventSummary> page = words == null ? new Page<>(List.of(), null) : index.page(f, cursor, limit);
    String position = index.position().in(topic.knownId()).toString();
    return JsonBody.ok(g -> {
      g.writeStartObject();
      writeEvents(g, "events", page.items());
      g.writeStringField("next", page.next() == null ? null : page.next().encode());
      g.writeStringField("position", position);
      g.writeEndObject();
    });
  }

  private Response event(Request r) {
    String id = id(r);
    byte[] json = stores.timeline(id);
    if (json != null) {
      return JsonBody.raw(200, json);
    }
    String to = index.resolve(id);
    if (to != null && !to.equals(id)) {
      String location = "/api/events/" + URLEncoder.encode(to, StandardCharsets.UTF_8);
      return JsonBody.raw(301, JsonBody.bytes(g -> {
        g.writeStartObject();
        g.writeStringField("event_id", id);
        g.writeStringField("merged_into", to);
        g.writeStringField("location", location);
        g.writeEndObject();
      })).withHeader("Location", location);
    }
    throw ApiError.notFound("no event " + id);
  }

  private Response entity(Request r) {
    String id = id(r);
    EntityView v = index.entity(id, cursor(r), limit(r));
    if (v == null) {
      throw ApiError.notFound("no event has the entity " + id + " among its top entities");
    }
    return JsonBody.ok(g -> {
      g.writeStartObject();
      g.writeStringField("id", v.entity().id());
      g.writeStringField("name", v.entity().name());
      g.writeStringField("type", v.entity().type());
      g.writeNumberField("event_count", v.eventCount());
      g.writeNumberField("article_count", v.articleCount());
      g.writeArrayFieldStart("stance_by_outlet");
      for (EntityView.OutletStance s : v.stanceByOutlet()) {
        g.writeStartObject();
        g.writeStringField("outlet", s.outlet());
        g.writeNumberField("negative", s.negative());
        g.writeNumberField("neutral", s.neutral());
        g.writeNumberField("positive", s.positive());
        g.writeNumberField("mean_score", s.meanScore());
        g.writeEndObject();
      }
      g.writeEndArray();
      writeEvents(g, "events", v.events().items());
      g.writeStringField("next", v.events().next() == null ? null : v.events().next().encode());
      g.writeEndObject();
    });
  }

  private Response article(Request r) {
    String id = id(r);
    byte[] json = stores.article(id);
    if (json == null) {
      throw ApiError.notFound("no enriched article " + id);
    }
    String assigned = stores.eventOfArticle(id);
    String event = assigned == null ? null : index.resolve(assigned);
    return JsonBody.raw(200, withField(json, "event_id", event != null ? event : assigned));
  }

  /** The stored JSON object with one more string field at its end. */
  static byte[] withField(byte[] object, String name, String value) {
    String json = new String(object, StandardCharsets.UTF_8);
    String head = json.substring(0, json.lastIndexOf('}'));
    String field = io.newsline.common.Json.write(io.newsline.common.Json.object().put(name, value));
    String inner = field.substring(1, field.length() - 1);
    return (head + (head.strip().equals("{") ? "" : ",") + inner + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static void writeEvents(JsonGenerator g, String field, List<EventSummary> events) throws IOException {
    g.writeArrayFieldStart(field);
    for (EventSummary s : events) {
      s.writeJson(g);
    }
    g.writeEndArray();
  }

  // --- parameters: anything unexpected is a 400 with what was expected

  private static String id(Request r) {
    String id = r.param("id");
    if (id == null || id.isBlank() || id.length() > MAX_VALUE || id.chars().anyMatch(Character::isISOControl)) {
      throw ApiError.badRequest("not a valid id");
    }
    return id;
  }

  private static String value(Request r, String name) {
    String v = r.query(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    if (v.length() > MAX_VALUE) {
      throw ApiError.badRequest(name + ": longer than " + MAX_VALUE + " characters");
    }
    return v.strip();
  }

  private static String status(Request r) {
    String s = value(r, "status");
    if (s == null) {
      return null;
    }
    s = s.toLowerCase(Locale.ROOT);
    if (!s.equals("active") && !s.equals("dormant")) {
      throw ApiError.badRequest("status: active or dormant, not '" + s + "'");
    }
    return s;
  }

  /** The search words; null for a {@code q} that holds none (only punctuation or symbols), which matches no event. */
  private static List<String> words(Request r) {
    String q = value(r, "q");
    if (q == null) {
      return List.of();
    }
    List<String> w = SearchText.words(q);
    if (w.isEmpty()) {
      return null;
    }
    if (w.size() > SearchText.MAX_QUERY_WORDS) {
      throw ApiError.badRequest("q: at most " + SearchText.MAX_QUERY_WORDS + " words");
    }
    return w;
  }

  /** ISO-8601 instant (2026-12-06T04:00:00Z), a date (2026-12-06, midnight UTC) or epoch milliseconds. */
  static Long since(Request r) {
    String s = value(r, "since");
    if (s == null) {
      return null;
    }
    try {
      if (s.chars().allMatch(Character::isDigit) && s.length() <= 15) {
        return Long.parseLong(s);
      }
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      }
      // a time beyond what epoch milliseconds hold (+999999999-12-31T23:59:59Z) is still a valid
      // ISO-8601 time: it means "after (or before) everything", not a server error
      Instant t = Instant.parse(s);
      return PublicationTime.representable(t) ? t.toEpochMilli() : t.isAfter(Instant.EPOCH) ? Long.MAX_VALUE : Long.MIN_VALUE;
    } catch (DateTimeParseException | NumberFormatException e) {
      throw ApiError.badRequest("since: an ISO-8601 time (2026-12-06T04:00:00Z), a date (2026-12-06) or epoch milliseconds, not '" + s + "'");
    }
  }

  private int limit(Request r) {
    String s = value(r, "limit");
    if (s == null) {
      return settings.defaultLimit();
    }
    int n;
    try {
      n = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      // larger values are capped, not refused, however many digits they have
      if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
        return settings.maxLimit();
      }
      throw ApiError.badRequest("limit: a whole number from 1 to " + settings.maxLimit() + ", not '" + s + "'");
    }
    if (n < 1) {
      throw ApiError.badRequest("limit: a whole number from 1 to " + settings.maxLimit() + ", not " + n);
    }
    return Math.min(n, settings.maxLimit());
  }

  private static Cursor cursor(Request r) {
    String c = value(r, "cursor");
    try {
      return c == null ? null : Cursor.parse(c);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("cursor: " + e.getMessage());
    }
  }

  private static byte[] resource(String path) {
    try (InputStream in = QueryApi.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
