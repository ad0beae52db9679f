package io.newsline.query.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the read model keeps in memory per event: the fields of a list entry, the event's top
 * entities (shared {@link EntityRef}s), its outlets, the stance rows of its entity stance chart
 * (packed), its words for search, and where its latest record sits in the events topic. The full
 * timeline stays in the state store.
 */
public final class EventSummary {
  /** Top entities a list entry shows; the full timeline has up to 20. */
  public static final int LIST_ENTITIES = 8;
  static final int ROW = 6;
  private static final String UNKNOWN_OUTLET = "unknown";

  final String id;
  final String label;
  final String status;
  final long firstSeen;
  final long lastUpdated;
  final long version;
  final int articleCount;
  final int outletCount;
  final int entityCount;
  final int quoteCount;
  final EntityRef[] entities;
  final int[] entityArticles;
  final String[] outlets;
  /** Rows of {entity index, outlet index, negative, neutral, positive, mean score as float bits}. */
  final int[] stance;
  final String[] mergedFrom;
  final String search;
  final int partition;
  final long offset;

  private EventSummary(Builder b) {
    this.id = b.id;
    this.label = b.label;
    this.status = b.status;
    this.firstSeen = b.firstSeen;
    this.lastUpdated = b.lastUpdated;
    this.version = b.version;
    this.articleCount = b.articleCount;
    this.outletCount = b.outletCount;
    this.entityCount = b.entityCount;
    this.quoteCount = b.quoteCount;
    this.entities = b.entities;
    this.entityArticles = b.entityArticles;
    this.outlets = b.outlets;
    this.stance = b.stance;
    this.mergedFrom = b.mergedFrom;
    this.search = b.search;
    this.partition = b.partition;
    this.offset = b.offset;
  }

  /** A key for positioning in the recency order (cursors). */
  static EventSummary probe(long lastUpdated, String id) {
    Builder b = new Builder();
    b.id = id;
    b.lastUpdated = lastUpdated;
    return new EventSummary(b);
  }

  /**
   * Reads a timeline in its JSON form (the timelines.jsonl shape: Avro field names, ISO-8601 times).
   * {@code partition} and {@code offset} locate the record in the events topic.
   */
  static EventSummary of(String id, JsonNode t, int partition, long offset, Interner interner) {
    Builder b = new Builder();
    b.id = id;
    b.label = t.path("label").asText("");
    b.status = interner.word(t.path("status").asText("active"));
    b.firstSeen = millis(t.path("first_seen"));
    b.lastUpdated = millis(t.path("last_updated"));
    b.version = t.path("version").asLong();
    b.articleCount = t.path("article_count").asInt();
    b.outletCount = t.path("outlet_count").asInt();
    b.entityCount = t.path("entity_count").asInt();
    b.quoteCount = t.path("quote_count").asInt();
    JsonNode top = t.path("top_entities");
    b.entities = new EntityRef[top.size()];
    b.entityArticles = new int[top.size()];
    List<String> words = new ArrayList<>();
    words.add(b.label);
    for (int i = 0; i < top.size(); i++) {
      JsonNode e = top.get(i);
      b.entities[i] = interner.entity(e.path("id").asText(), e.path("name").asText(), e.path("type").asText("MISC"));
      b.entityArticles[i] = e.path("articles").asInt();
      words.add(e.path("name").asText());
    }
    Set<String> outlets = new LinkedHashSet<>();
    List<String> titles = new ArrayList<>();
    for (JsonNode a : t.path("articles")) {
      outlets.add(outlet(text(a, "outlet"), text(a, "url")));
      titles.add(text(a, "title"));
    }
    JsonNode rows = t.path("stance_by_outlet");
    for (JsonNode r : rows) {
      outlets.add(r.path("outlet").asText(UNKNOWN_OUTLET));
    }
    b.outlets = outlets.stream().map(interner::word).toArray(String[]::new);
    b.stance = stanceRows(rows, b.entities, b.outlets);
    JsonNode merged = t.path("merged_from");
    b.mergedFrom = new String[merged.size()];
    for (int i = 0; i < merged.size(); i++) {
      b.mergedFrom[i] = merged.get(i).asText();
    }
    words.addAll(outlets);
    words.addAll(titles);
    b.search = SearchText.index(words);
    b.partition = partition;
    b.offset = offset;
    return new EventSummary(b);
  }

  private static int[] stanceRows(JsonNode rows, EntityRef[] entities, String[] outlets) {
    int[] packed = new int[rows.size() * ROW];
    int n = 0;
    for (JsonNode r : rows) {
      int e = indexOf(entities, r.path("entity_id").asText());
      int o = List.of(outlets).indexOf(r.path("outlet").asText(UNKNOWN_OUTLET));
      if (e < 0 || o < 0) {
        continue;
      }
      packed[n++] = e;
      packed[n++] = o;
      packed[n++] = r.path("negative").asInt();
      packed[n++] = r.path("neutral").asInt();
      packed[n++] = r.path("positive").asInt();
      packed[n++] = Float.floatToIntBits((float) r.path("mean_score").asDouble());
    }
    return n == packed.length ? packed : java.util.Arrays.copyOf(packed, n);
  }

  private static int indexOf(EntityRef[] entities, String id) {
    for (int i = 0; i < entities.length; i++) {
      if (entities[i].id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** The outlet a reader sees: the article's outlet, else its site (host without www.), else unknown. */
  static String outlet(String outlet, String url) {
    if (outlet != null && !outlet.isBlank()) {
      return outlet;
    }
    try {
      String host = url == null ? null : URI.create(url.strip()).getHost();
      if (host != null && !host.isBlank()) {
        host = host.toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
      }
    } catch (IllegalArgumentException e) {
      // not a URL
    }
    return UNKNOWN_OUTLET;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static long millis(JsonNode v) {
    if (v.isNumber()) {
      return v.asLong();
    }
    try {
      return Instant.parse(v.asText()).toEpochMilli();
    } catch (RuntimeException e) {
      return 0L;
    }
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public String status() {
    return status;
  }

  public long lastUpdated() {
    return lastUpdated;
  }

  public long version() {
    return version;
  }

  public int articleCount() {
    return articleCount;
  }

  public int partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }

  boolean hasEntity(EntityRef e) {
    for (EntityRef x : entities) {
      if (x == e) {
        return true;
      }
    }
    return false;
  }

  boolean hasOutlet(String outlet) {
    for (String o : outlets) {
      if (o.equalsIgnoreCase(outlet)) {
        return true;
      }
    }
    return false;
  }

  /** The list entry: {event_id, label, status, first_seen, last_updated, counts, top_entities}. */
  public void writeJson(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("event_id", id);
    g.writeStringField("label", label);
    g.writeStringField("status", status);
    g.writeStringField("first_seen", Instant.ofEpochMilli(firstSeen).toString());
    g.writeStringField("last_updated", Instant.ofEpochMilli(lastUpdated).toString());
    g.writeNumberField("version", version);
    g.writeNumberField("article_count", articleCount);
    g.writeNumberField("outlet_count", outletCount);
    g.writeNumberField("entity_count", entityCount);
    g.writeNumberField("quote_count", quoteCount);
    g.writeArrayFieldStart("top_entities");
    for (int i = 0; i < Math.min(LIST_ENTITIES, entities.length); i++) {
      EntityRef e = entities[i];
      g.writeStartObject();
      g.writeStringField("id", e.id());
      g.writeStringField("name", e.name());
      g.writeStringField("type", e.type());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** Shares strings and entities across summaries. */
  interface Interner {
    EntityRef entity(String id, String name, String type);

    String word(String s);
  }

  private static final class Builder {
    String id;
    String label = "";
    String status = "active";
    long firstSeen;
    long lastUpdated;
    long version;
    int articleCount;
    int outletCount;
    int entityCount;
    int quoteCount;
    EntityRef[] entities = new EntityRef[0];
    int[] entityArticles = new int[0];
    String[] outlets = new String[0];
    int[] stance = new int[0];
    String[] mergedFrom = new String[0];
    String search = " ";
    int partition = -1;
    long offset = -1;
  }
}
