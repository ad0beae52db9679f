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
    TermIds ids = new TermIds();
    for (int round = 0; round < 2000; round++) {
      Map<String, Double> article = new TreeMap<>();
      int n = r.nextInt(120);
      for (int i = 0; i < n; i++) {
        article.put("t" + r.nextInt(300), r.nextGaussian());
      }
      TreeMap<String, Double> event = new TreeMap<>();
      int m = r.nextInt(220);
      for (int i = 0; i < m; i++) {
        event.put("t" + r.nextInt(400), r.nextDouble() * 3);
      }
      String[] terms = event.keySet().toArray(new String[0]);
      double[] weights = event.values().stream().mapToDouble(Double::doubleValue).toArray();
      double expected = mapDot(terms, weights, new HashMap<>(article));
      // the event's ids looked up before or after the article's
      TermLookup lookup;
      int[] eventIds;
      if (round % 2 == 0) {
        lookup = new TermLookup(article, ids);
        eventIds = ids.ids(terms);
      } else {
        eventIds = ids.ids(terms);
        lookup = new TermLookup(article, ids);
      }
      assertThat(Double.doubleToRawLongBits(lookup.dot(eventIds, weights))).isEqualTo(Double.doubleToRawLongBits(expected));
    }
  }

  @Test
  void absentTermsAndEmptyVectors() {
    TermIds ids = new TermIds();
    Map<String, Double> article = Map.of("Aa", 2.0, "AaAa", 3.0, "BBBB", 5.0);
    TermLookup lookup = new TermLookup(article, ids);
    assertThat(lookup.dot(ids.ids(new String[] {"BB", "AaBB", "BBBB", "Aa"}), new double[] {7, 11, 13, 17})).isEqualTo(5 * 13 + 2 * 17);
    assertThat(lookup.dot(ids.ids(new String[] {new String("AaAa")}), new double[] {1})).isEqualTo(3.0);
    assertThat(lookup.dot(new int[0], new double[0])).isZero();
    assertThat(new TermLookup(Map.of(), ids).dot(ids.ids(new String[] {"x"}), new double[] {1})).isZero();
  }

  /** Past its limit the dictionary starts a new generation between articles; ids then start again. */
  @Test
  void theDictionaryForgetsPastItsLimitWithANewGeneration() {
    TermIds ids = new TermIds(3);
    assertThat(ids.id("a")).isZero();
    assertThat(ids.id("b")).isEqualTo(1);
    assertThat(ids.id("a")).isZero();
    Object before = ids.generation();
    ids.trim();
    assertThat(ids.generation()).isSameAs(before);
    ids.id("c");
    ids.id("d");
    ids.trim();
    assertThat(ids.generation()).isNotSameAs(before);
    assertThat(ids.size()).isZero();
    assertThat(ids.id("d")).isZero();
  }

  @Test
  void idsOfAChangedCentroidAndAKnownArticleAreTheDictionarys() {
    Random r = new Random(15);
    TermIds ids = new TermIds();
    TreeMap<String, Double> centroid = new TreeMap<>();
    String[] known = new String[0];
    int[] knownIds = new int[0];
    Map<String, Integer> articleIds = new HashMap<>();
    for (int round = 0; round < 500; round++) {
      // an article joins: terms added and dropped, some as new String instances equal to old ones
      for (int i = 0; i < r.nextInt(30); i++) {
        centroid.put(new String("t" + r.nextInt(600)), 1.0);
      }
      for (int i = 0; i < r.nextInt(20) && !centroid.isEmpty(); i++) {
        String drop = centroid.ceilingKey("t" + r.nextInt(600));
        centroid.remove(drop == null ? centroid.firstKey() : drop);
      }
      String[] terms = centroid.keySet().toArray(new String[0]);
      int[] merged = ids.ids(terms, known, knownIds);
      assertThat(merged).isEqualTo(ids.ids(terms));
      known = terms;
      knownIds = merged;
      Map<String, Double> article = new TreeMap<>();
      for (int i = 0; i < r.nextInt(50); i++) {
        article.put("t" + r.nextInt(900), r.nextGaussian());
      }
      int[] eventIds = ids.ids(terms);
      double[] weights = new double[terms.length];
      java.util.Arrays.fill(weights, 1.5);
      double plain = new TermLookup(article, ids).dot(eventIds, weights);
      double viaKnown = new TermLookup(article, ids, articleIds).dot(eventIds, weights);
      assertThat(Double.doubleToRawLongBits(viaKnown)).isEqualTo(Double.doubleToRawLongBits(plain));
    }
  }
}
