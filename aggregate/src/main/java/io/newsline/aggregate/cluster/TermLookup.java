package io.newsline.aggregate.cluster;

import java.util.Map;

/**
 * An article's term weights for scoring it against candidate events: open addressing over the
 * terms' ids ({@link TermIds}), weights as primitive doubles. Each candidate event probes it once
 * per centroid term, so these lookups were the clusterer's biggest cost: with strings (a
 * {@code HashMap<String, Double>}, then open addressing over the strings' hashes) every probe read
 * the centroid term's string and compared it with the article's. Immutable once built; valid while
 * the dictionary keeps its generation (it only changes between articles).
 */
final class TermLookup {
  /** Term id + 1 per slot; 0 is an empty slot. */
  private final int[] keys;
  private final double[] weights;
  private final int shift;

  TermLookup(Map<String, Double> vector, TermIds ids) {
    this(vector, ids, null);
  }

  /**
   * With {@code known}: the ids of terms looked up for this article before (the same dictionary
   * generation), taken from there and the others added to it.
   */
  TermLookup(Map<String, Double> vector, TermIds ids, Map<String, Integer> known) {
    int cap = Integer.highestOneBit(Math.max(8, vector.size() * 2 - 1)) << 1; // load at most 1/2
    keys = new int[cap];
    weights = new double[cap];
    shift = 32 - Integer.numberOfTrailingZeros(cap);
    int mask = cap - 1;
    vector.forEach((t, w) -> {
      int key = (known == null ? ids.id(t) : known.computeIfAbsent(t, ids::id)) + 1;
      int i = slot(key);
      while (keys[i] != 0 && keys[i] != key) {
        i = (i + 1) & mask;
      }
      keys[i] = key;
      weights[i] = w;
    });
  }

  private int slot(int key) {
    return (key * 0x9E3779B9) >>> shift;
  }

  /**
   * Sum over {@code eventIds[k]} of {@code eventWeights[k]} times the term's weight here, in the
   * order given (so the floating-point sum is that of the same loop over a map).
   */
  double dot(int[] eventIds, double[] eventWeights) {
    int mask = keys.length - 1;
    double dot = 0;
    for (int k = 0; k < eventIds.length; k++) {
      int key = eventIds[k] + 1;
      int i = slot(key);
      int s;
      while ((s = keys[i]) != 0) {
        if (s == key) {
          dot += eventWeights[k] * weights[i];
          break;
        }
        i = (i + 1) & mask;
      }
    }
    return dot;
  }
}
