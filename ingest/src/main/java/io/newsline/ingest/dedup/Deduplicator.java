package io.newsline.ingest.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds duplicates of an article among those seen before: the same canonical URL, the same
 * normalised content, or a SimHash within {@link #NEAR_BITS} bits (syndicated copies, light
 * rewrites). Near-duplicate lookup uses four 16-bit bands, so a candidate shares at least one band
 * exactly (pigeonhole: at most 3 differing bits leave one band intact). Not thread-safe.
 */
public final class Deduplicator {
  public static final int NEAR_BITS = 3;

  private final Map<String, String> byUrl = new HashMap<>();
  private final Map<String, String> byContent = new HashMap<>();
  private final List<Map<Integer, List<Entry>>> bands = new ArrayList<>();

  public Deduplicator() {
    for (int i = 0; i < 4; i++) {
      bands.add(new HashMap<>());
    }
  }

  /** The earlier article this one duplicates, or null. */
  public Duplicate find(String canonicalUrl, String contentHash, long simhash) {
    if (canonicalUrl != null && byUrl.containsKey(canonicalUrl)) {
      return new Duplicate(byUrl.get(canonicalUrl), "url");
    }
    if (byContent.containsKey(contentHash)) {
      return new Duplicate(byContent.get(contentHash), "content");
    }
    for (int b = 0; b < 4; b++) {
      for (Entry e : bands.get(b).getOrDefault(band(simhash, b), List.of())) {
        if (SimHash.distance(e.simhash, simhash) <= NEAR_BITS) {
          return new Duplicate(e.id, "near");
        }
      }
    }
    return null;
  }

  /** Remembers an original article (duplicates are linked to originals, never indexed themselves). */
  public void remember(String id, String canonicalUrl, String contentHash, long simhash) {
    if (canonicalUrl != null) {
      byUrl.putIfAbsent(canonicalUrl, id);
    }
    byContent.putIfAbsent(contentHash, id);
    Entry e = new Entry(id, simhash);
    for (int b = 0; b < 4; b++) {
      bands.get(b).computeIfAbsent(band(simhash, b), k -> new ArrayList<>()).add(e);
    }
  }

  public int size() {
    return byContent.size();
  }

  private static int band(long h, int b) {
    return (int) ((h >>> (16 * b)) & 0xffff);
  }

  /** The original's id and how the duplicate was found (url, content or near). */
  public record Duplicate(String originalId, String kind) {}

  private record Entry(String id, long simhash) {}
}
