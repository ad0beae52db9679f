package io.newsline.aggregate.cluster;

import java.util.Map;

/**
 * An article's term weights for scoring it against candidate events: open addressing over the
 * terms' own (cached) string hashes, weights as primitive doubles. Each candidate event probes it
 * once per centroid term, so the article's lookups were the clusterer's biggest cost in a
 * {@code HashMap<String, Double>} (a node and a boxed weight per hit). Immutable once built.
 */
final class TermLookup {
  private final String[] terms;
  private final double[] weights;
  private final int mask;

  TermLookup(Map<String, Double> vector) {
    int cap = Integer.highestOneBit(Math.max(8, vector.size() * 2 - 1)) << 1; // load at most 1/2
    terms = new String[cap];
    weights = new double[cap];
    mask = cap - 1;
    vector.forEach((t, w) -> {
      int i = slot(t);
      while (terms[i] != null && !terms[i].equals(t)) {
        i = (i + 1) & mask;
      }
      terms[i] = t;
      weights[i] = w;
    });
  }

  private int slot(String term) {
    int h = term.hashCode();
    return (h ^ (h >>> 16)) & mask;
  }

  /**
   * Sum over {@code terms[i]} of {@code weights[i]} times the term's weight here, in the order
   * given (so the floating-point sum is that of the same loop over a map).
   */
  double dot(String[] eventTerms, double[] eventWeights) {
    double dot = 0;
    for (int k = 0; k < eventTerms.length; k++) {
      String t = eventTerms[k];
      int i = slot(t);
      String s;
      while ((s = terms[i]) != null) {
        if (s == t || s.equals(t)) {
          dot += eventWeights[k] * weights[i];
          break;
        }
        i = (i + 1) & mask;
      }
    }
    return dot;
  }
}
