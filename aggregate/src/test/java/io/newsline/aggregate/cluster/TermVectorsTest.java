package io.newsline.aggregate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TermVectorsTest {
  /** What strongest did before it selected by value: a sort of every entry by value, then term. */
  private static <N extends Number> TreeMap<String, N> bySorting(Map<String, N> v, int n) {
    List<Map.Entry<String, N>> entries = new ArrayList<>(v.entrySet());
    entries.sort((x, y) -> {
      int c = Double.compare(y.getValue().doubleValue(), x.getValue().doubleValue());
      return c != 0 ? c : x.getKey().compareTo(y.getKey());
    });
    TreeMap<String, N> out = new TreeMap<>();
    for (int i = 0; i < Math.min(n, entries.size()); i++) {
      out.put(entries.get(i).getKey(), entries.get(i).getValue());
    }
    return out;
  }

  @Test
  void strongestKeepsWhatASortKeptWithTiesByTerm() {
    Random r = new Random(14);
    for (int round = 0; round < 3000; round++) {
      TreeMap<String, Integer> counts = new TreeMap<>();
      TreeMap<String, Double> weights = new TreeMap<>();
      int m = r.nextInt(400);
      for (int i = 0; i < m; i++) {
        String t = "t" + r.nextInt(1000);
        counts.put(t, 1 + r.nextInt(round % 3 == 0 ? 2 : 20)); // many ties
        weights.put(t, round % 5 == 0 ? r.nextInt(4) * 0.25 : r.nextDouble());
      }
      int n = r.nextInt(250);
      assertThat(TermVectors.strongest(counts, n)).isEqualTo(bySorting(counts, n));
      assertThat(TermVectors.strongest(new HashMap<>(counts), n)).isEqualTo(bySorting(counts, n));
      assertThat(TermVectors.strongest(weights, n)).isEqualTo(bySorting(weights, n));
      assertThat(TermVectors.strongest(new HashMap<>(weights), n)).isEqualTo(bySorting(weights, n));
    }
  }
}
