package io.newsline.aggregate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TermLookupTest {
  /** The loop it replaces: the event's terms in order, the article's weight from a map. */
  private static double mapDot(String[] terms, double[] weights, Map<String, Double> article) {
    double dot = 0;
    for (int i = 0; i < terms.length; i++) {
      Double w = article.get(terms[i]);
      if (w != null) {
        dot += weights[i] * w;
      }
    }
    return dot;
  }

  @Test
  void sameSumAsTheMapLoopBitForBit() {
    Random r = new Random(14);
    for (int round = 0; round < 2000; round++) {
      Map<String, Double> article = new TreeMap<>();
      int n = r.nextInt(120);
      for (int i = 0; i < n; i++) {
        article.put("t" + r.nextInt(300), r.nextGaussian());
      }
      TreeMap<String, Double> event = new TreeMap<>();
      int m = r.nextInt(220);
      for (int i = 0; i < m; i++) {
        event.put("t" + r.nextInt(300), r.nextDouble() * 3);
      }
      String[] terms = event.keySet().toArray(new String[0]);
      double[] weights = event.values().stream().mapToDouble(Double::doubleValue).toArray();
      double expected = mapDot(terms, weights, new HashMap<>(article));
      assertThat(Double.doubleToRawLongBits(new TermLookup(article).dot(terms, weights)))
          .isEqualTo(Double.doubleToRawLongBits(expected));
    }
  }

  @Test
  void equalHashesAndAbsentTermsAndEmptyVectors() {
    // "Aa" and "BB" (and "AaAa", "BBBB", "AaBB") share a String hash code
    Map<String, Double> article = Map.of("Aa", 2.0, "AaAa", 3.0, "BBBB", 5.0);
    TermLookup lookup = new TermLookup(article);
    assertThat(lookup.dot(new String[] {"BB", "AaBB", "BBBB", "Aa"}, new double[] {7, 11, 13, 17})).isEqualTo(5 * 13 + 2 * 17);
    assertThat(lookup.dot(new String[] {new String("AaAa")}, new double[] {1})).isEqualTo(3.0); // equal, not the same instance
    assertThat(lookup.dot(new String[0], new double[0])).isZero();
    assertThat(new TermLookup(Map.of()).dot(new String[] {"x"}, new double[] {1})).isZero();
  }
}
