package io.newsline.enrich.stance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The stance model: how one sentence portrays one target mention in it. Used as is by the
 * streaming analyser ({@link ModelStanceAnalyzer}) and by {@code newsline stance}. Thread-safe.
 */
public final class TargetStanceClassifier {
  /** Polarity of each class index of {@link #probabilities}. */
  public static final int[] POLARITY = {-1, 0, 1};
  public static final String MODEL_RESOURCE = "/stance/newsmtsc-linear.bin.gz";
  public static final String VERSION = "linear-1";

  private final TargetFeatures features;
  private final LinearModel model;
  private final DenseProjection projection;

  public TargetStanceClassifier(TargetFeatures features, LinearModel model) {
    this.features = features;
    this.model = model;
    this.projection = features.projection(model);
  }

  /** The shipped model, loaded once per JVM (it is read-only, so every caller can share it). */
  public static TargetStanceClassifier shared() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final TargetStanceClassifier INSTANCE = load();
  }

  /** Loads the model shipped in the jar. */
  public static TargetStanceClassifier load() {
    try (InputStream in = TargetStanceClassifier.class.getResourceAsStream(MODEL_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing model resource " + MODEL_RESOURCE);
      }
      LinearModel m = LinearModel.read(in);
      TargetFeatures features = new TargetFeatures(m.bits(), PolarityLexicon.load(), WordVectors.load());
      if (features.reserved() != m.reserved()) {
        throw new IllegalStateException("the stance model was trained with other word vectors");
      }
      return new TargetStanceClassifier(features, m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** P(negative), P(neutral), P(positive) of the target [from, to) (char offsets) in the sentence. */
  public double[] probabilities(String sentence, int from, int to) {
    return probabilities(features.sentence(sentence), from, to);
  }

  /** The sentence analysed once, for several targets in it. */
  public SentenceView sentence(String text) {
    return features.sentence(text);
  }

  /** As {@link #probabilities(String, int, int)}, on a sentence analysed by {@link #sentence}. */
  public double[] probabilities(SentenceView sentence, int from, int to) {
    double[] p = new double[LinearModel.CLASSES];
    SparseFeatures sparse = features.of(sentence, from, to, projection, p);
    model.addScores(sparse, p);
    LinearModel.softmax(p);
    return p;
  }

  /** The same, computed the training way (every dense value explicit): for tests of the fast path. */
  double[] probabilitiesExplicit(String sentence, int from, int to) {
    double[] p = new double[LinearModel.CLASSES];
    model.probabilities(features.of(sentence, from, to), p);
    return p;
  }

  /** The most probable polarity: -1, 0 or +1. */
  public int polarity(String sentence, int from, int to) {
    return POLARITY[argmax(probabilities(sentence, from, to))];
  }

  static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }
}
