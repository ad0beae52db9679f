package io.newsline.enrich.stance.train;

import io.newsline.enrich.stance.LinearModel;
import io.newsline.enrich.stance.PolarityLexicon;
import io.newsline.enrich.stance.SparseFeatures;
import io.newsline.enrich.stance.StanceExample;
import io.newsline.enrich.stance.TargetFeatures;
import io.newsline.enrich.stance.WordVectors;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Rebuilds the shipped stance model from NewsMTSC train, with grouped k-fold cross-validation for
 * model selection. Deterministic: same data and flags, same model bytes.
 *
 * <pre>
 * java -cp ... io.newsline.enrich.stance.train.StanceTrainer --train ../shared/datasets/stance/newsmtsc_train.jsonl \
 *     --out enrich/src/main/resources/stance/newsmtsc-linear.bin.gz [--cv 5] [--eval FILE]...
 * </pre>
 */
public final class StanceTrainer {
  private StanceTrainer() {}

  public static void main(String[] args) throws Exception {
    Path train = null;
    Path out = null;
    int folds = 5;
    List<Path> evals = new ArrayList<>();
    LogisticTrainer.Settings d = LogisticTrainer.Settings.defaults();
    int bits = d.bits();
    int epochs = d.epochs();
    double lr = d.learningRate();
    double l2 = d.l2();
    boolean balance = d.balance();
    long seed = d.seed();
    int averageLast = d.averageLast();
    Path dump = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--train" -> train = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--cv" -> folds = Integer.parseInt(args[++i]);
        case "--eval" -> evals.add(Path.of(args[++i]));
        case "--bits" -> bits = Integer.parseInt(args[++i]);
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--lr" -> lr = Double.parseDouble(args[++i]);
        case "--l2" -> l2 = Double.parseDouble(args[++i]);
        case "--no-balance" -> balance = false;
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--average-last" -> averageLast = Integer.parseInt(args[++i]);
        case "--dump-cv" -> dump = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (train == null) {
      throw new IllegalArgumentException("--train FILE is required");
    }
    LogisticTrainer.Settings settings = new LogisticTrainer.Settings(bits, epochs, lr, l2, balance, seed, averageLast);
    TargetFeatures features = new TargetFeatures(bits, PolarityLexicon.load(), WordVectors.load());
    List<StanceExample> data = StanceExample.read(train);
    List<SparseFeatures> xs = featurize(features, data);
    int[] ys = labels(data);
    System.err.println("settings " + settings + ", " + data.size() + " targets");
    if (folds > 1) {
      System.err.println("cv" + folds + " " + crossValidate(settings, data, xs, ys, folds, dump, features.reserved()));
    }
    LinearModel model = new LogisticTrainer(settings).train(xs, ys, features.reserved());
    for (Path e : evals) {
      List<StanceExample> dev = StanceExample.read(e);
      System.err.println(e.getFileName() + " " + evaluate(model, featurize(features, dev), labels(dev)));
    }
    if (out != null) {
      try (OutputStream o = Files.newOutputStream(out)) {
        model.write(o);
      }
      System.err.printf(Locale.ROOT, "wrote %s (%d bytes)%n", out, Files.size(out));
    }
  }

  static MacroF1 crossValidate(LogisticTrainer.Settings s, List<StanceExample> data, List<SparseFeatures> xs,
      int[] ys, int folds, Path dump, int reserved) throws java.io.IOException {
    int[] fold = folds(data, folds, s.seed());
    int[] predicted = new int[xs.size()];
    double[][] probabilities = new double[xs.size()][];
    MacroF1 total = new MacroF1();
    for (int f = 0; f < folds; f++) {
      List<SparseFeatures> trX = new ArrayList<>();
      List<Integer> trY = new ArrayList<>();
      for (int i = 0; i < xs.size(); i++) {
        if (fold[i] != f) {
          trX.add(xs.get(i));
          trY.add(ys[i]);
        }
      }
      LinearModel m = new LogisticTrainer(s).train(trX, trY.stream().mapToInt(Integer::intValue).toArray(), reserved);
      double[] p = new double[LinearModel.CLASSES];
      for (int i = 0; i < xs.size(); i++) {
        if (fold[i] == f) {
          m.probabilities(xs.get(i), p);
          predicted[i] = argmax(p);
          probabilities[i] = p.clone();
          total.add(ys[i], predicted[i]);
        }
      }
    }
    if (dump != null) {
      // out-of-fold predictions for error analysis: gold, predicted, P(-1,0,+1), target, sentence
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < xs.size(); i++) {
        StanceExample e = data.get(i);
        lines.add((ys[i] - 1) + "\t" + (predicted[i] - 1) + "\t"
            + String.format(Locale.ROOT, "%.4f %.4f %.4f", probabilities[i][0], probabilities[i][1], probabilities[i][2])
            + "\t" + e.sentence().substring(e.from(), e.to()) + "\t" + e.sentence().replace('\n', ' '));
      }
      Files.write(dump, lines);
    }
    return total;
  }

  /** Fold of each example: whole source articles are dealt to folds in a seeded random order. */
  static int[] folds(List<StanceExample> data, int folds, long seed) {
    List<String> groups = new ArrayList<>(new TreeSet<>(data.stream().map(StanceExample::group).toList()));
    java.util.Collections.shuffle(groups, new Random(seed));
    Map<String, Integer> foldOf = new HashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      foldOf.put(groups.get(i), i % folds);
    }
    return data.stream().mapToInt(e -> foldOf.get(e.group())).toArray();
  }

  static MacroF1 evaluate(LinearModel m, List<SparseFeatures> xs, int[] ys) {
    MacroF1 score = new MacroF1();
    double[] p = new double[LinearModel.CLASSES];
    for (int i = 0; i < xs.size(); i++) {
      m.probabilities(xs.get(i), p);
      score.add(ys[i], argmax(p));
    }
    return score;
  }

  static List<SparseFeatures> featurize(TargetFeatures f, List<StanceExample> data) {
    return data.stream().map(e -> f.of(e.sentence(), e.from(), e.to())).toList();
  }

  static int[] labels(List<StanceExample> data) {
    return data.stream().mapToInt(StanceExample::label).toArray();
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }
}
