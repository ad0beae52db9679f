package io.newsline.aggregate.cluster;

import io.newsline.common.config.Settings;
import io.newsline.embedding.EmbeddingCodec;
import io.newsline.embedding.SentenceEmbedder;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Clustering knobs (settings keys in brackets; see docs/aggregate.md for how they were chosen).
 *
 * @param threshold minimum similarity to join an event when article and event both carry embeddings [aggregate.threshold]
 * @param textThreshold the same on term vectors alone, when either lacks an embedding [aggregate.threshold.text]
 * @param embeddingWeight weight of embedding cosine against term-vector cosine [aggregate.embedding.weight]
 * @param entityWeight weight of shared entities (salience-weighted) in the score [aggregate.entity.weight]
 * @param sizePenalty a in dot(article, sum) / (n^a * |sum|^(1-a)): 0 is cosine with the centroid, 1 the
 *     mean similarity to the n members; in between, big events whose articles say different things
 *     (a centroid that is a broad topic rather than one story) attract less [aggregate.size.penalty]
 * @param mergeMargin two events merge when an article qualifies for both and the events' own similarity
 *     reaches the join threshold plus this margin [aggregate.merge.margin]
 * @param dormancy quiet period (article time) after which an event stops taking articles and leaves the state [aggregate.dormancy]
 * @param window time distance beyond which similarity decays exponentially [aggregate.window]
 * @param maxArticles articles listed on an event's timeline record after the first: the latest ones (every article is
 *     on the assignments topic) [aggregate.max.articles]
 * @param joinModel how an article's similarity and event anchors decide whether it joins an event; null to
 *     decide on similarity alone against the two thresholds [aggregate.join.model: standard (the bundled
 *     model), similarity, or the path of a model file]; with a cascade, the model of the cheap embedding's similarities
 * @param cascade the embedding cascade ({@link Cascade}): decisions on the cheap embedding, the fine one only where
 *     they are open; null to decide on the articles' one embedding [on with -Dnewsline.embedding=cascade, the default;
 *     aggregate.cascade.band]
 * @param embeddingModels the models the embeddings are of, recorded in events so that a stored event of another model
 *     is migrated ({@link EmbeddingModels}); null records none and migrates nothing (tests of synthetic vectors)
 *     [the {@code newsline.embedding} property]
 */
public record ClusterSettings(
    double threshold,
    double textThreshold,
    double embeddingWeight,
    double entityWeight,
    double sizePenalty,
    double mergeMargin,
    Duration dormancy,
    Duration window,
    int maxArticles,
    JoinModel joinModel,
    Cascade cascade,
    EmbeddingModels embeddingModels) {

  /** Settings that decide on similarity alone (no join model). */
  public ClusterSettings(double threshold, double textThreshold, double embeddingWeight, double entityWeight,
      double sizePenalty, double mergeMargin, Duration dormancy, Duration window, int maxArticles) {
    this(threshold, textThreshold, embeddingWeight, entityWeight, sizePenalty, mergeMargin, dormancy, window, maxArticles, null, null, null);
  }

  /** Settings without a cascade. */
  public ClusterSettings(double threshold, double textThreshold, double embeddingWeight, double entityWeight,
      double sizePenalty, double mergeMargin, Duration dormancy, Duration window, int maxArticles, JoinModel joinModel) {
    this(threshold, textThreshold, embeddingWeight, entityWeight, sizePenalty, mergeMargin, dormancy, window, maxArticles,
        joinModel, null, null);
  }

  public static ClusterSettings defaults() {
    return new ClusterSettings(0.37, 0.20, 0.5, 0.0, 0.4, 0.25, Duration.ofDays(3), Duration.ofDays(2), 50,
        JoinModel.standard());
  }

  /** These settings with another join model (null: similarity thresholds alone). */
  public ClusterSettings withJoinModel(JoinModel model) {
    return new ClusterSettings(threshold, textThreshold, embeddingWeight, entityWeight, sizePenalty, mergeMargin, dormancy,
        window, maxArticles, model, cascade, embeddingModels);
  }

  /** These settings with another cascade (null: none). */
  public ClusterSettings withCascade(Cascade c) {
    return new ClusterSettings(threshold, textThreshold, embeddingWeight, entityWeight, sizePenalty, mergeMargin, dormancy,
        window, maxArticles, joinModel, c, embeddingModels);
  }

  /** These settings with the models embeddings are of (null: none recorded). */
  public ClusterSettings withEmbeddingModels(EmbeddingModels m) {
    return new ClusterSettings(threshold, textThreshold, embeddingWeight, entityWeight, sizePenalty, mergeMargin, dormancy,
        window, maxArticles, joinModel, cascade, m);
  }

  public static ClusterSettings from(Settings s) {
    ClusterSettings d = defaults();
    return new ClusterSettings(
        s.getDouble("aggregate.threshold", d.threshold()),
        s.getDouble("aggregate.threshold.text", d.textThreshold()),
        s.getDouble("aggregate.embedding.weight", d.embeddingWeight()),
        s.getDouble("aggregate.entity.weight", d.entityWeight()),
        s.getDouble("aggregate.size.penalty", d.sizePenalty()),
        s.getDouble("aggregate.merge.margin", d.mergeMargin()),
        s.getDuration("aggregate.dormancy", d.dormancy()),
        s.getDuration("aggregate.window", d.window()),
        s.getInt("aggregate.max.articles", d.maxArticles()),
        joinModel(s.get("aggregate.join.model", "standard")),
        SentenceEmbedder.cascade() ? cascade(s.getDouble("aggregate.cascade.band", Cascade.DEFAULT_BAND)) : null,
        EmbeddingModels.current());
  }

  /** The cascade of the shipped table and MiniLM (quantised as on the wire), decided finely by the bundled join model. */
  public static Cascade cascade(double band) {
    return new Cascade(a -> EmbeddingCodec.decode(EmbeddingCodec.encode(SentenceEmbedder.fine().embed(a.title(), a.text()))),
        JoinModel.standard(), band, Cascade.DEFAULT_WARMUP);
  }

  private static JoinModel joinModel(String name) {
    return switch (name) {
      case "standard" -> JoinModel.standard();
      case "similarity" -> null;
      default -> JoinModel.read(Path.of(name));
    };
  }
}
