package io.newsline.enrich.ner.train;

import io.newsline.enrich.ner.tagger.DocumentStats;
import io.newsline.enrich.ner.tagger.DocumentTagger;
import io.newsline.enrich.ner.tagger.DocumentTagger.Sentence;
import io.newsline.enrich.ner.tagger.FeatureExtractor;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.LineKind;
import io.newsline.enrich.ner.tagger.NerResources;
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
 * java -cp ... io.newsline.enrich.ner.train.TrainNer TRAIN_FILE OUT_MODEL [epochs] [seed] [minWeight]
 * </pre>
 *
 * Headlines of modern news are often Title Case, which CoNLL-2003 barely has: a seeded random
 * share of sentences is also added Title-Cased, with the same gold labels.
 */
public final class TrainNer {
  static final double TITLE_CASE_SHARE = 0.3;
  static final float MIN_WEIGHT = 1.0f;

  private TrainNer() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: TrainNer TRAIN_FILE OUT_MODEL [epochs=12] [seed=20031] [minWeight=1.0]");
      System.exit(2);
    }
    Path train = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 20031L;
    float minWeight = args.length > 4 ? Float.parseFloat(args[4]) : MIN_WEIGHT;
    long t0 = System.nanoTime();
    FeatureExtractor fx = new FeatureExtractor(Gazetteer.load(), NerResources.clusters());
    List<List<LabelledSentence>> docs = ConllReader.read(train);
    PerceptronTrainer trainer = new PerceptronTrainer();
    Random rnd = new Random(seed);
    int sentences = 0;
    for (List<LabelledSentence> doc : docs) {
      List<Sentence> view = new ArrayList<>();
      for (LabelledSentence s : doc) {
        view.add(sentence(s.words()));
      }
      DocumentStats stats = DocumentTagger.statsOf(view);
      for (int i = 0; i < doc.size(); i++) {
        LabelledSentence s = doc.get(i);
        trainer.add(fx.extract(view.get(i).words(), view.get(i).kind(), stats), s.labels());
        sentences++;
        if (i > 0 && s.words().length >= 4 && rnd.nextDouble() < TITLE_CASE_SHARE) {
          Sentence t = sentence(titleCased(s.words()));
          trainer.add(fx.extract(t.words(), t.kind(), stats), s.labels());
          sentences++;
        }
      }
    }
    System.err.printf("%d documents, %d sentences, %d features%n", docs.size(), sentences, trainer.featureCount());
    trainer.train(epochs, seed);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(out), 1 << 16)) {
      trainer.write(os, "averaged perceptron, BILOU, CoNLL-2003 eng.train, epochs=" + epochs + " seed=" + seed
          + " title-case share=" + TITLE_CASE_SHARE + " min weight=" + minWeight, minWeight);
    }
    System.err.printf("wrote %s (%d bytes) in %.1f s%n", out, Files.size(out), (System.nanoTime() - t0) / 1e9);
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
