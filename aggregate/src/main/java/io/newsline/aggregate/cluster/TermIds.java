package io.newsline.aggregate.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * Int ids for terms, so that scoring an article against an event's centroid compares ints, not
 * strings ({@link TermLookup}): a centroid's ids are looked up once when it changes and cached on
 * the event, not once per candidate and article. Ids say nothing about order or weight: every sum
 * still runs in term order, so results are the same bits as with the strings. One dictionary per
 * clusterer. Not thread-safe.
 *
 * <p>A long stream's vocabulary grows without end, so between articles ({@link #trim}) the
 * dictionary forgets every id once it holds more than {@value #LIMIT} terms; ids cached under the
 * old {@link #generation} are then looked up again.
 */
final class TermIds {
  static final int LIMIT = 1 << 18;
  private final int limit;
  private final Map<String, Integer> ids = new HashMap<>();
  private Object generation = new Object();

  TermIds() {
    this(LIMIT);
  }

  TermIds(int limit) {
    this.limit = limit;
  }

  /** The term's id, assigned now if it has none. */
  int id(String term) {
    Integer id = ids.get(term);
    if (id == null) {
      id = ids.size();
      ids.put(term, id);
    }
    return id;
  }

  /** The ids of these terms, in their order. */
  int[] ids(String[] terms) {
    int[] out = new int[terms.length];
    for (int i = 0; i < terms.length; i++) {
      out[i] = id(terms[i]);
    }
    return out;
  }

  /**
   * The ids of these terms (sorted, as a centroid's), taking those of {@code known} (sorted, ids of
   * this generation) from {@code knownIds}: an event's centroid changes by a few terms when an
   * article joins, and looking all of them up again was a twentieth of the clustering thread's Java
   * time (a large map's lookups miss the processor's caches).
   */
  int[] ids(String[] terms, String[] known, int[] knownIds) {
    int[] out = new int[terms.length];
    int j = 0;
    for (int i = 0; i < terms.length; i++) {
      String t = terms[i];
      while (j < known.length && known[j] != t && known[j].compareTo(t) < 0) {
        j++;
      }
      out[i] = j < known.length && (known[j] == t || known[j].equals(t)) ? knownIds[j++] : id(t);
    }
    return out;
  }

  /** Ids cached with another generation are stale. */
  Object generation() {
    return generation;
  }

  /** Between articles: forgets every id once there are more than the limit (a new generation). */
  void trim() {
    if (ids.size() > limit) {
      ids.clear();
      generation = new Object();
    }
  }

  int size() {
    return ids.size();
  }
}
