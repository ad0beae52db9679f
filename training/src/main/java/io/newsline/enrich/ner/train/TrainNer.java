package io.newsline.enrich.ner.train;

import io.newsline.enrich.ner.tagger.DocumentStats;
import io.newsline.enrich.ner.tagger.DocumentTagger;
import io.newsline.enrich.ner.tagger.DocumentTagger.Sentence;
import io.newsline.enrich.ner.tagger.FeatureExtractor;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.LineKind;
import io.newsline.enrich.ner.tagger.NerResources;
import io.newsline.enrich.ner.tagger.PredictionHistory;
import io.newsline.enrich.ner.tagger.Viterbi;
import io.newsline.enrich.ner.train.ConllReader.LabelledSentence;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Trains the NER model from CoNLL-2003 English train and writes it as a resource.
 *
 * <pre>
 * java -cp ... io.newsline.enrich.ner.train.TrainNer TRAIN_FILE OUT_MODEL [epochs] [seed] [minWeight] [FROM:TO]
 * </pre>
 *
 * FROM:TO trains on documents FROM (inclusive) to TO (exclusive) of the file only: the held-out
 * proxy (tools/conll_heldout.py) trains on the earlier days of train and scores the later ones.
 *
 * Headlines of modern news are often Title Case, which CoNLL-2003 barely has: a seeded random
 * share of sentences is also added Title-Cased, with the same gold labels.
 */
public final class TrainNer {
  static final double TITLE_CASE_SHARE = 0.3;
  static final float MIN_WEIGHT = 1.0f;
  /** Folds of the jackknife that trains the second pass on honest first-pass predictions. */
  static final int FOLDS = 4;

  private TrainNer() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: TrainNer TRAIN_FILE OUT_MODEL [epochs=12] [seed=20031] [minWeight=1.0] [FROM:TO]");
      System.exit(2);
    }
    Path train = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 20031L;
    float minWeight = args.length > 4 ? Float.parseFloat(args[4]) : MIN_WEIGHT;
    long t0 = System.nanoTime();
    // -Dner.priors=none: the tagger whose verdicts BuildTypePriors counts (docs/ner.md).
    Gazetteer gazetteer = "none".equals(System.getProperty("ner.priors")) ? Gazetteer.load().withoutPriors() : Gazetteer.load();
    FeatureExtractor fx = new FeatureExtractor(gazetteer, NerResources.clusters());
    List<List<LabelledSentence>> read = ConllReader.read(train);
    String range = "";
    if (args.length > 5) {
      String[] fromTo = args[5].split(":");
      read = read.subList(Integer.parseInt(fromTo[0]), Integer.parseInt(fromTo[1]));
      range = " documents=" + args[5];
    }
    List<Doc> docs = prepare(read, fx, seed);
    PerceptronTrainer first = firstStage(docs, d -> true, epochs, seed);
    System.err.printf("%d documents, %d features%n", docs.size(), first.featureCount());
    PerceptronTrainer second = secondStage(docs, epochs, seed);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(out), 1 << 16)) {
      first.write(os, "averaged perceptron, BILOU, CoNLL-2003 eng.train, epochs=" + epochs + " seed=" + seed
          + " title-case share=" + TITLE_CASE_SHARE + " min weight=" + minWeight + " folds=" + FOLDS + range, minWeight, second);
    }
    System.err.printf("wrote %s (%d bytes) in %.1f s%n", out, Files.size(out), (System.nanoTime() - t0) / 1e9);
  }

  /** A training document: its sentences as the tagger sees them, their features and gold labels. */
  record Doc(List<Sentence> sentences, List<long[][]> features, List<int[]> labels,
      List<long[][]> titleCasedFeatures, List<int[]> titleCasedLabels) {}

  /**
   * Features of every sentence of every document, and of a seeded share of sentences also
   * Title-Cased (modern headlines are Title Case, CoNLL's ALL CAPS).
   */
  static List<Doc> prepare(List<List<LabelledSentence>> docs, FeatureExtractor fx, long seed) {
    Random rnd = new Random(seed);
    List<Doc> out = new ArrayList<>(docs.size());
    for (List<LabelledSentence> doc : docs) {
      List<Sentence> view = new ArrayList<>();
      for (LabelledSentence s : doc) {
        view.add(sentence(s.words()));
      }
      DocumentStats stats = DocumentTagger.statsOf(view);
      Doc d = new Doc(view, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (int i = 0; i < doc.size(); i++) {
        LabelledSentence s = doc.get(i);
        d.features().add(fx.extract(view.get(i).words(), view.get(i).kind(), stats));
        d.labels().add(s.labels());
        if (i > 0 && s.words().length >= 4 && rnd.nextDouble() < TITLE_CASE_SHARE) {
          Sentence t = sentence(titleCased(s.words()));
          d.titleCasedFeatures().add(fx.extract(t.words(), t.kind(), stats));
          d.titleCasedLabels().add(s.labels());
        }
      }
      out.add(d);
    }
    return out;
  }

  /** The first-pass tagger trained on the documents whose index passes the filter. */
  static PerceptronTrainer firstStage(List<Doc> docs, java.util.function.IntPredicate use, int epochs, long seed) {
    PerceptronTrainer trainer = new PerceptronTrainer();
    for (int d = 0; d < docs.size(); d++) {
      if (!use.test(d)) {
        continue;
      }
      Doc doc = docs.get(d);
      for (int i = 0; i < doc.features().size(); i++) {
        trainer.add(doc.features().get(i), doc.labels().get(i));
      }
      for (int i = 0; i < doc.titleCasedFeatures().size(); i++) {
        trainer.add(doc.titleCasedFeatures().get(i), doc.titleCasedLabels().get(i));
      }
    }
    trainer.train(epochs, seed);
    return trainer;
  }

  /**
   * The second pass ({@link PredictionHistory}), trained on first-pass predictions that are as
   * wrong as on unseen text: each fold of documents is tagged by a first pass trained without it.
   */
  static PerceptronTrainer secondStage(List<Doc> docs, int epochs, long seed) {
    PerceptronTrainer second = new PerceptronTrainer();
    long[] buf = new long[FeatureExtractor.BUFFER];
    for (int fold = 0; fold < FOLDS; fold++) {
      int f = fold;
      PerceptronTrainer firstPass = firstStage(docs, d -> d % FOLDS != f, epochs, seed);
      float[][] transitions = firstPass.transitions();
      for (int d = fold; d < docs.size(); d += FOLDS) {
        Doc doc = docs.get(d);
        List<float[][]> scores = new ArrayList<>();
        List<int[]> predicted = new ArrayList<>();
        List<String[]> words = new ArrayList<>();
        for (int i = 0; i < doc.features().size(); i++) {
          float[][] s = firstPass.scores(doc.features().get(i));
          scores.add(s);
          predicted.add(s.length == 0 ? new int[0] : Viterbi.decode(s, transitions[0], transitions[1], transitions[2]));
          words.add(doc.sentences().get(i).words());
        }
        PredictionHistory history = PredictionHistory.of(words, predicted);
        for (int i = 0; i < words.size(); i++) {
          String[] w = words.get(i);
          long[][] features = new long[w.length][];
          for (int t = 0; t < w.length; t++) {
            int k = history.features(w[t], predicted.get(i)[t], doc.sentences().get(i).kind(), buf, 0);
            features[t] = java.util.Arrays.copyOf(buf, k);
          }
          second.add(features, doc.labels().get(i), scores.get(i), transitions);
        }
      }
      System.err.printf("fold %d of %d tagged%n", fold + 1, FOLDS);
    }
    second.train(epochs, seed);
    return second;
  }

  static Sentence sentence(String[] words) {
    String[] norm = new String[words.length];
    for (int i = 0; i < words.length; i++) {
      norm[i] = DocumentTagger.normalise(words[i]);
    }
    return new Sentence(norm, LineKind.of(norm, 0, norm.length));
  }

  static String[] titleCased(String[] words) {
    String[] t = new String[words.length];
    for (int i = 0; i < words.length; i++) {
      t[i] = LineKind.titleCase(words[i]);
      if (i == 0 && !t[i].isEmpty() && Character.isLetter(t[i].charAt(0))) {
        t[i] = Character.toUpperCase(t[i].charAt(0)) + t[i].substring(1);
      }
    }
    return t;
  }
}
