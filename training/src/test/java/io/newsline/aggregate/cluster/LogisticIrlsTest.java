package io.newsline.aggregate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticIrlsTest {
  @Test
  void recoversTheWeightsThatGeneratedTheLabels() {
    Random r = new Random(7);
    List<LogisticIrls.Row> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      double[] x = {r.nextDouble(), r.nextDouble() < 0.3 ? 1 : 0, r.nextDouble()};
      double p = LogisticIrls.sigmoid(6 * x[0] - 2 * x[1] - 3);
      rows.add(new LogisticIrls.Row(x, r.nextDouble() < p, 1));
    }
    LogisticIrls.Fit fit = LogisticIrls.fit(rows, new boolean[] {true, true, false}, 0);
    assertThat(fit.weights()[0]).isCloseTo(6, within(0.4));
    assertThat(fit.weights()[1]).isCloseTo(-2, within(0.2));
    assertThat(fit.weights()[2]).isZero(); // left out
    assertThat(fit.intercept()).isCloseTo(-3, within(0.3));
  }

  @Test
  void rowWeightsCountLikeRepeatedRows() {
    List<LogisticIrls.Row> weighted = List.of(new LogisticIrls.Row(new double[] {1}, true, 3),
        new LogisticIrls.Row(new double[] {1}, false, 1), new LogisticIrls.Row(new double[] {0}, false, 2),
        new LogisticIrls.Row(new double[] {0}, true, 1));
    List<LogisticIrls.Row> repeated = new ArrayList<>();
    for (LogisticIrls.Row row : weighted) {
      for (int i = 0; i < row.weight(); i++) {
        repeated.add(new LogisticIrls.Row(row.x(), row.label(), 1));
      }
    }
    boolean[] used = {true};
    assertThat(LogisticIrls.fit(weighted, used, 0.01).weights()[0])
        .isCloseTo(LogisticIrls.fit(repeated, used, 0.01).weights()[0], within(1e-9));
  }
}
