package io.newsline.aggregate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The join decision: a linear score over {@link JoinFeatures}, against a threshold; one weight
 * vector and threshold for articles and events with sentence embeddings and one for term vectors
 * alone. Similarity earns the score, conflicting anchors (another protagonist or place, a
 * later year) cost it. The weights are fitted on labelled events by {@code FitJoinModel}
 * (training module; the command is in docs/aggregate.md), so they can be re-fitted when the
 * embedding or the features change. A model whose feature list differs
 * from the code's is refused rather than misread.
 *
 * @param embedded one weight per feature, for article and event both with embeddings
 * @param embeddedThreshold the score at which such an article joins
 * @param textOnly the same without embeddings (the embedding features are then 0)
 * @param textThreshold the score at which such an article joins
 */
public record JoinModel(String name, double[] embedded, double embeddedThreshold, double[] textOnly, double textThreshold) {
  /** The bundled model, fitted on the development sets (see docs/aggregate.md). */
  public static final String RESOURCE = "join-model.json";
  private static volatile JoinModel standard;

  public JoinModel {
    if (embedded.length != JoinFeatures.NAMES.size() || textOnly.length != JoinFeatures.NAMES.size()) {
      throw new IllegalArgumentException("join model " + name + " needs " + JoinFeatures.NAMES.size() + " weights");
    }
  }

  /** Similarity alone, as before anchors: the blend of the two cosines against the two thresholds of the settings. */
  public static JoinModel similarityOnly(double embeddingWeight, double threshold, double textThreshold) {
    double[] e = new double[JoinFeatures.NAMES.size()];
    e[JoinFeatures.EMBEDDING] = embeddingWeight;
    e[JoinFeatures.TEXT] = 1 - embeddingWeight;
    double[] t = new double[JoinFeatures.NAMES.size()];
    t[JoinFeatures.TEXT] = 1;
    return new JoinModel("similarity", e, threshold, t, textThreshold);
  }

  /** The bundled model (loaded once). */
  public static JoinModel standard() {
    JoinModel m = standard;
    if (m == null) {
      try (InputStream in = JoinModel.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE + " next to " + JoinModel.class.getName());
        }
        m = parse(Json.mapper().readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      standard = m;
    }
    return m;
  }

  /** A model file written by FitJoinModel. */
  public static JoinModel read(Path file) {
    try {
      return parse(Json.mapper().readTree(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read join model " + file + ": " + e.getMessage(), e);
    }
  }

  static JoinModel parse(JsonNode n) {
    List<String> features = new ArrayList<>();
    n.path("features").forEach(f -> features.add(f.asText()));
    if (!features.equals(JoinFeatures.NAMES)) {
      throw new IllegalArgumentException("join model " + n.path("name").asText() + " was fitted on features " + features
          + ", the code computes " + JoinFeatures.NAMES + ": re-fit it (docs/aggregate.md)");
    }
    return new JoinModel(n.path("name").asText(), weights(n.path("embedded").path("weights")),
        n.path("embedded").path("threshold").asDouble(), weights(n.path("text").path("weights")),
        n.path("text").path("threshold").asDouble());
  }

  private static double[] weights(JsonNode n) {
    double[] w = new double[n.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = n.get(i).asDouble();
    }
    return w;
  }

  /** The score of the evidence. */
  double score(double[] features, boolean withEmbeddings) {
    double[] w = withEmbeddings ? embedded : textOnly;
    double s = 0;
    for (int i = 0; i < features.length; i++) {
      s += w[i] * features[i];
    }
    return s;
  }

  /** The score of the similarity features alone (what the score would be without anchors). */
  double similarity(double embedding, double text, boolean withEmbeddings) {
    double[] w = withEmbeddings ? embedded : textOnly;
    return w[JoinFeatures.EMBEDDING] * embedding + w[JoinFeatures.TEXT] * text;
  }

  /** The most the anchor features can add to the similarity (each is at most 1). */
  double maxBonus(boolean withEmbeddings) {
    double[] w = withEmbeddings ? embedded : textOnly;
    double bonus = 0;
    for (int i = JoinFeatures.TEXT + 1; i < w.length; i++) {
      bonus += Math.max(0, w[i]);
    }
    return bonus;
  }

  double threshold(boolean withEmbeddings) {
    return withEmbeddings ? embeddedThreshold : textThreshold;
  }
}
