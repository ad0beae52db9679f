package io.newsline.enrich.stance.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.stance.LinearModel;
import io.newsline.enrich.stance.PolarityLexicon;
import io.newsline.enrich.stance.SparseFeatures;
import io.newsline.enrich.stance.TargetFeatures;
import io.newsline.enrich.stance.WordVectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same data and seed, same model bytes; and the written model reads back to the same predictions. */
class LogisticTrainerTest {
  private static final String[][] DATA = {
      {"Critics accused Smith of corruption.", "Smith", "0"},
      {"Voters praised Smith for her honesty.", "Smith", "2"},
      {"Smith flew to Paris on Monday.", "Smith", "1"},
      {"The court convicted Jones of fraud.", "Jones", "0"},
      {"Fans cheered Jones after a great win.", "Jones", "2"},
      {"Jones will speak at noon.", "Jones", "1"},
  };

  @Test
  void deterministicAndRoundTrips() throws Exception {
    TargetFeatures features = new TargetFeatures(16, PolarityLexicon.load(), WordVectors.load());
    List<SparseFeatures> xs = new ArrayList<>();
    int[] ys = new int[DATA.length];
    for (int i = 0; i < DATA.length; i++) {
      int from = DATA[i][0].indexOf(DATA[i][1]);
      xs.add(features.of(DATA[i][0], from, from + DATA[i][1].length()));
      ys[i] = Integer.parseInt(DATA[i][2]);
    }
    LogisticTrainer.Settings s = new LogisticTrainer.Settings(16, 30, 0.05, 1e-4, true, 7L, 5);
    byte[] a = bytes(new LogisticTrainer(s).train(xs, ys, features.reserved()));
    byte[] b = bytes(new LogisticTrainer(s).train(xs, ys, features.reserved()));
    assertThat(a).isEqualTo(b);
    LinearModel back = LinearModel.read(new ByteArrayInputStream(a));
    MacroF1 f1 = new MacroF1();
    double[] p = new double[3];
    for (int i = 0; i < xs.size(); i++) {
      back.probabilities(xs.get(i), p);
      f1.add(ys[i], p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2);
    }
    assertThat(f1.accuracy()).isEqualTo(1.0);
  }

  private static byte[] bytes(LinearModel m) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.write(out);
    return out.toByteArray();
  }
}
