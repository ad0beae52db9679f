package io.newsline.query.model;

import com.fasterxml.jackson.core.JsonGenerator;
import io.newsline.avro.EntityCount;
import io.newsline.avro.EventTimeline;
import io.newsline.avro.OutletStance;
import io.newsline.avro.TimelineArticle;
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
 * entities (shared {@link EntityRef}s), its outlets and search words (shared {@link Term}s), the
 * stance rows of its entity stance chart (packed), and where its latest record sits in the events
 * topic. The full timeline stays in the state store.
 */
public final class EventSummary {
  /** Top entities a list entry shows; the full timeline has up to 20. */
  public static final int LIST_ENTITIES = 8;
  static final int ROW = 6;
  /** Search words per event: label, top entity names and outlets first, then headlines. */
  static final int MAX_WORDS = 64;
  private static final String[] NONE = new String[0];
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
  final Term[] outlets;
  final Term[] words;
  /** Rows of {entity index, outlet index, negative, neutral, positive, mean score x 10,000}. */
  final short[] stance;
  final String[] mergedFrom;
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
    this.words = b.words;
    this.stance = b.stance;
    this.mergedFrom = b.mergedFrom;
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

  /** Summarises a timeline; {@code partition} and {@code offset} locate its record in the events topic. */
  static EventSummary of(String id, EventTimeline t, int partition, long offset, Interner interner) {
    Builder b = new Builder();
    b.id = id;
    b.label = t.getLabel();
    b.status = interner.string(t.getStatus());
    b.firstSeen = t.getFirstSeen().toEpochMilli();
    b.lastUpdated = t.getLastUpdated().toEpochMilli();
    b.version = t.getVersion();
    b.articleCount = t.getArticleCount();
    b.outletCount = t.getOutletCount();
    b.entityCount = t.getEntityCount();
    b.quoteCount = t.getQuoteCount();
    List<EntityCount> top = t.getTopEntities();
    b.entities = new EntityRef[top.size()];
    b.entityArticles = new int[top.size()];
    List<String> text = new ArrayList<>();
    text.add(b.label);
    for (int i = 0; i < top.size(); i++) {
      EntityCount e = top.get(i);
      b.entities[i] = interner.entity(e.getId(), e.getName(), e.getType());
      b.entityArticles[i] = e.getArticles();
      text.add(e.getName());
    }
    Set<String> outlets = new LinkedHashSet<>();
    List<String> titles = new ArrayList<>();
    for (TimelineArticle a : t.getArticles()) {
      outlets.add(outlet(a.getOutlet(), a.getUrl()));
      titles.add(a.getTitle());
    }
    for (OutletStance r : t.getStanceByOutlet()) {
      outlets.add(r.getOutlet());
    }
    List<String> outletNames = List.copyOf(outlets);
    b.outlets = outletNames.stream().map(interner::outlet).toArray(Term[]::new);
    b.stance = stanceRows(t.getStanceByOutlet(), b.entities, outletNames);
    b.mergedFrom = t.getMergedFrom().isEmpty() ? NONE : t.getMergedFrom().toArray(String[]::new);
    text.addAll(outletNames);
    text.addAll(titles);
    b.words = SearchText.distinctWords(text, MAX_WORDS).stream().map(interner::word).toArray(Term[]::new);
    b.partition = partition;
    b.offset = offset;
    return new EventSummary(b);
  }

  /** Rows of {entity index, outlet index, negative, neutral, positive, mean score x 10,000}, counts capped. */
  private static short[] stanceRows(List<OutletStance> rows, EntityRef[] entities, List<String> outlets) {
    short[] packed = new short[rows.size() * ROW];
    int n = 0;
    for (OutletStance r : rows) {
      int e = indexOf(entities, r.getEntityId());
      int o = outlets.indexOf(r.getOutlet());
      if (e < 0 || o < 0 || o > Short.MAX_VALUE) {
        continue;
      }
      packed[n++] = (short) e;
      packed[n++] = (short) o;
      packed[n++] = count(r.getNegative());
      packed[n++] = count(r.getNeutral());
      packed[n++] = count(r.getPositive());
      packed[n++] = (short) Math.round(Math.max(-1, Math.min(1, r.getMeanScore())) * 10_000);
    }
    return n == packed.length ? packed : java.util.Arrays.copyOf(packed, n);
  }

  private static short count(int n) {
    return (short) Math.min(Short.MAX_VALUE, Math.max(0, n));
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

  boolean hasOutlet(Term outlet) {
    for (Term o : outlets) {
      if (o == outlet) {
        return true;
      }
    }
    return false;
  }

  /** Whether every query word starts one of the event's words ("zelen" finds "zelenskyy"). */
  boolean hasWords(List<String> queryWords) {
    for (String q : queryWords) {
      boolean found = false;
      for (Term w : words) {
        if (w.text.startsWith(q)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
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

  /** Shares entities, outlets, search words and small strings across summaries. */
  interface Interner {
    EntityRef entity(String id, String name, String type);

    Term outlet(String name);

    Term word(String normalizedWord);

    String string(String s);
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
    Term[] outlets = new Term[0];
    Term[] words = new Term[0];
    short[] stance = new short[0];
    String[] mergedFrom = NONE;
    int partition = -1;
    long offset = -1;
  }
}
