package io.newsline.aggregate.cluster;

import java.util.Objects;
import java.util.function.Function;

/**
 * The embedding cascade (issue 14): articles carry a cheap embedding (the static table), and the
 * join decision is made on it; only where that decision is open (the best event's score within
 * {@code band} of the threshold, or a second qualifying event within {@code band} of the best) is
 * the article embedded by the fine model (MiniLM, tens of times dearer) and the decision taken again
 * on the fine similarities with the join model fitted to them, against every candidate event that
 * has a fine centroid. An event's first {@code warmup} articles are embedded finely too, so that
 * later open decisions against it have a fine centroid to compare with. Events keep both sums
 * ({@link EventState#embedding} over every member, {@link EventState#fineEmbedding} over the
 * members that have a fine vector); two events that both have fine centroids merge on them.
 * Figures and how the band was chosen: docs/benchmarks.md (the cascade).
 *
 * @param fine the fine embedding of an article's headline and lead (L2-normalised, quantised as on
 *     the wire so replays agree), or null when it has no words
 * @param fineModel the join model fitted on the fine similarities
 * @param band a decision whose score is less than this far from the threshold is open
 * @param warmup an event's first {@code warmup} articles are embedded finely (1: the article that opens it)
 */
public record Cascade(Function<ClusterArticle, float[]> fine, JoinModel fineModel, double band, int warmup) {
  /**
   * Band of the shipped cascade, in score units: it holds 95 % of the decisions where the table
   * and MiniLM disagree on the three clustering sets (docs/benchmarks.md, the cascade).
   */
  public static final double DEFAULT_BAND = 0.15;
  /** Articles of an event embedded finely whatever the decision: enough for a fine centroid. */
  public static final int DEFAULT_WARMUP = 3;

  public Cascade {
    Objects.requireNonNull(fine, "fine");
    Objects.requireNonNull(fineModel, "fineModel");
    if (!(band >= 0) || warmup < 0) {
      throw new IllegalArgumentException("the cascade's band and warm-up must be at least 0, not " + band + " and " + warmup);
    }
  }

  /**
   * Whether a decision is open: the best event's margin over the threshold is within the band, or
   * the runner-up qualifies too and is within the band of the best.
   */
  boolean open(double best, double runnerUp) {
    return Math.abs(best) < band || (runnerUp >= 0 && best - runnerUp < band);
  }
}
