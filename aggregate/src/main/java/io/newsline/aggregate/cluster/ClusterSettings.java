package io.newsline.aggregate.cluster;

import io.newsline.common.config.Settings;
import java.time.Duration;

/**
 * Clustering knobs. threshold: minimum similarity to join an event; dormancy: quiet period after
 * which an event stops taking articles; window: time distance beyond which similarity decays.
 */
public record ClusterSettings(double threshold, Duration dormancy, Duration window, double textWeight) {
  public static ClusterSettings defaults() {
    return new ClusterSettings(0.30, Duration.ofDays(3), Duration.ofDays(2), 0.55);
  }

  public static ClusterSettings from(Settings s) {
    ClusterSettings d = defaults();
    return new ClusterSettings(
        s.getDouble("aggregate.threshold", d.threshold()),
        s.getDuration("aggregate.dormancy", d.dormancy()),
        s.getDuration("aggregate.window", d.window()),
        s.getDouble("aggregate.text.weight", d.textWeight()));
  }
}
