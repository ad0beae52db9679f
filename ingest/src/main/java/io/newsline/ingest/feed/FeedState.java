package io.newsline.ingest.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsline.common.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the poller remembers about a feed between polls and across restarts (a JSON record in the
 * compacted ingest state topic, keyed by feed URL): the validators for conditional GET, the items
 * seen (a bounded window of item key and content fingerprint, oldest first, so a changed item is
 * ingested again as an update), when to poll next and how many polls in a row failed.
 */
public record FeedState(
    String url,
    String etag,
    String lastModified,
    Map<String, String> seen,
    Instant nextPollAt,
    int consecutiveErrors,
    String lastError,
    Instant lastPolledAt,
    Instant lastSuccessAt) {

  /** Items remembered per feed; feeds carry tens of items, so this covers months of a busy feed. */
  public static final int SEEN_WINDOW = 2000;
  /**
   * Items of one feed read at most, its newest (the window keeps each listed one, some 40 bytes of
   * state apiece: a feed listing hundreds of thousands would make a state record no topic takes).
   */
  public static final int MAX_ITEMS = 20_000;
  static final int VERSION = 1;

  public FeedState {
    seen = Collections.unmodifiableMap(new LinkedHashMap<>(seen));
  }

  public static FeedState initial(String url) {
    return new FeedState(url, null, null, Map.of(), Instant.EPOCH, 0, null, null, null);
  }

  /** Whether the item (key, fingerprint) is new or changed since it was last ingested. */
  public boolean isNewOrChanged(String key, String fingerprint) {
    return !fingerprint.equals(seen.get(key));
  }

  /**
   * After a successful poll: validators, newly seen items, next poll. The window is trimmed to
   * {@link #SEEN_WINDOW}, oldest out, but never of an item the feed still lists ({@code listed}):
   * a feed of 10,000 items had its oldest forgotten while it still listed them, so they were new
   * again at the next poll, read (their pages fetched) and forgotten again, every 30 seconds for good.
   */
  public FeedState succeeded(String newEtag, String newLastModified, Map<String, String> newlySeen, Set<String> listed,
      Instant now, Instant next) {
    LinkedHashMap<String, String> s = new LinkedHashMap<>(seen);
    newlySeen.forEach((k, v) -> {
      s.remove(k);
      s.put(k, v);
    });
    for (Iterator<String> oldest = s.keySet().iterator(); s.size() > SEEN_WINDOW && oldest.hasNext(); ) {
      if (!listed.contains(oldest.next())) {
        oldest.remove();
      }
    }
    return new FeedState(url, newEtag, newLastModified, s, next, 0, null, now, now);
  }

  /** After a failed poll: one more error, the reason, the backed-off next poll. */
  public FeedState failed(String error, Instant now, Instant next) {
    return new FeedState(url, etag, lastModified, seen, next, consecutiveErrors + 1, error, now, lastSuccessAt);
  }

  public byte[] toJson() {
    ObjectNode o = Json.object();
    o.put("v", VERSION).put("url", url).put("etag", etag).put("last_modified", lastModified);
    o.put("next_poll_at", str(nextPollAt)).put("consecutive_errors", consecutiveErrors).put("last_error", lastError);
    o.put("last_polled_at", str(lastPolledAt)).put("last_success_at", str(lastSuccessAt));
    ArrayNode s = o.putArray("seen");
    seen.forEach((k, v) -> s.addArray().add(k).add(v));
    return Json.write(o).getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a state record; throws IllegalArgumentException when it is not one. */
  public static FeedState fromJson(byte[] json) {
    JsonNode n = Json.parse(new String(json, StandardCharsets.UTF_8));
    if (!n.isObject() || n.path("url").asText("").isEmpty()) {
      throw new IllegalArgumentException("not a feed state record");
    }
    LinkedHashMap<String, String> seen = new LinkedHashMap<>();
    for (JsonNode pair : n.path("seen")) {
      if (pair.isArray() && pair.size() == 2) {
        seen.put(pair.get(0).asText(), pair.get(1).asText());
      }
    }
    return new FeedState(n.get("url").asText(), Json.text(n, "etag"), Json.text(n, "last_modified"), seen,
        time(Json.text(n, "next_poll_at"), Instant.EPOCH), n.path("consecutive_errors").asInt(0), Json.text(n, "last_error"),
        time(Json.text(n, "last_polled_at"), null), time(Json.text(n, "last_success_at"), null));
  }

  private static String str(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Instant time(String s, Instant fallback) {
    return s == null ? fallback : Instant.parse(s);
  }
}
