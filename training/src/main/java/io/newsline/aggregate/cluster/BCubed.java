package io.newsline.aggregate.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * B-cubed precision, recall and F1 of predicted clusters against gold clusters, computed as the
 * shared scorer (../shared/eval/score_clusters.py) does; for development tools that score many
 * settings in one run. Reported figures come from the shared scorer.
 */
public record BCubed(double precision, double recall, int events) {
  public double f1() {
    return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
  }

  /** @param gold article id to gold cluster; predicted article id to event (every gold article must have one) */
  public static BCubed of(Map<String, String> gold, Map<String, String> predicted) {
    Map<String, Map<String, Integer>> both = new HashMap<>();
    Map<String, Integer> goldSize = new HashMap<>();
    Map<String, Integer> predictedSize = new HashMap<>();
    gold.forEach((id, g) -> {
      String p = predicted.get(id);
      both.computeIfAbsent(p, x -> new HashMap<>()).merge(g, 1, Integer::sum);
      goldSize.merge(g, 1, Integer::sum);
      predictedSize.merge(p, 1, Integer::sum);
    });
    double p = 0;
    double r = 0;
    for (Map.Entry<String, String> e : gold.entrySet()) {
      String pc = predicted.get(e.getKey());
      int n = both.get(pc).get(e.getValue());
      p += n / (double) predictedSize.get(pc);
      r += n / (double) goldSize.get(e.getValue());
    }
    return new BCubed(p / gold.size(), r / gold.size(), predictedSize.size());
  }

  @Override
  public String toString() {
    return String.format("P %.4f R %.4f F1 %.4f (%d events)", precision, recall, f1(), events);
  }
}
