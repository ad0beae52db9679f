package io.newsline.aggregate.cluster;

import io.newsline.embedding.SentenceEmbedder;
import java.util.Objects;
import java.util.function.Function;

/**
 * The embedding cascade (issue 14): articles carry a cheap embedding (the static table), and the
 * join decision is made on it; only where that decision is open ({@link #open}: the best event's
 * score near the threshold, or a second qualifying event near the best) is the article embedded by
 * the fine model (MiniLM, tens of times dearer) and the decision taken again on the fine
 * similarities with the join model fitted to them, against every candidate event that has a fine
 * centroid. An event's first {@code warmup} articles are embedded finely too, so that open
 * decisions against it have a fine centroid to compare with: lazily, when such a decision first
 * compares the event ({@link #near}; until then it keeps their leads, {@link EventState#fineLeads}).
 * Events keep both sums
 * ({@link EventState#embedding} over every member, {@link EventState#fineEmbedding} over the
 * members that have a fine vector); two events that both have fine centroids merge on them.
 * Figures and how the band was chosen: docs/benchmarks.md (the cascade).
 *
 * @param fine the fine embedding of an article's headline and lead (L2-normalised, quantised as on
 *     the wire so replays agree), or null when it has no words
 * @param fineModel the join model fitted on the fine similarities
 * @param band a decision on a full lead ({@value SentenceEmbedder#MAX_CHARS} characters) whose score is
 *     less than this far from the threshold is open; shorter inputs widen it ({@link #widening})
 * @param warmup an event's first {@code warmup} articles are embedded finely once a decision needs its fine centroid (1: the article that opens it)
 */
public record Cascade(Function<ClusterArticle, float[]> fine, JoinModel fineModel, double band, int warmup) {
  /**
   * Band of the shipped cascade for a full lead, in score units: about the smallest that holds
   * 97.5 % of the decisions where the table and MiniLM disagree on the three clustering sets (0.052;
   * 95 %: 0.046), each decision's margin divided by its {@link #widening} (docs/benchmarks.md, the
   * cascade's fifth round; CascadeSweep).
   */
  public static final double DEFAULT_BAND = 0.05;
  /** Articles of an event embedded finely whatever the decision: enough for a fine centroid. */
  public static final int DEFAULT_WARMUP = 3;
  /**
   * A runner-up is a rival when within this many bands of the best: the difference of two scores
   * that each carry the table's error is the noisier one, and which of two similar events an
   * article joins decides merges later (one band, or 1.4, lost Emergent 0.003 to 0.004).
   */
  static final double RIVAL_BANDS = 2;
  /** The widening stops here (inputs shorter than a sixteenth of a full lead: a few words). */
  static final double MAX_WIDENING = 4;

  public Cascade {
    Objects.requireNonNull(fine, "fine");
    Objects.requireNonNull(fineModel, "fineModel");
    if (!(band >= 0) || warmup < 0) {
      throw new IllegalArgumentException("the cascade's band and warm-up must be at least 0, not " + band + " and " + warmup);
    }
  }

  /** The same cascade with the fine embedding computed by {@code f} (the same function run elsewhere: {@link FineVectors}). */
  public Cascade withFine(Function<ClusterArticle, float[]> f) {
    return new Cascade(f, fineModel, band, warmup);
  }

  /**
   * Whether the table's decision for the article is open: the best event's margin over the threshold
   * is within the band, or the runner-up qualifies too and is within two bands of the best; the
   * band widened for short inputs. The one rule of which articles need the fine model.
   *
   * @param best the best candidate's margin over the threshold on the table's similarities
   * @param runnerUp the runner-up's margin (negative infinity when there is none)
   */
  public boolean open(ClusterArticle a, double best, double runnerUp) {
    double b = band * widening(a);
    return Math.abs(best) < b || (runnerUp >= 0 && best - runnerUp < RIVAL_BANDS * b);
  }

  /**
   * Whether a candidate event takes part in an open decision, so that its fine centroid is worth
   * computing from its kept warm-up leads: its margin within the band of the threshold, or within
   * two bands of the best candidate's (as a rival, {@link #open}). The others are scored on the
   * table's similarities in the fine decision too: far from both, MiniLM would not make them the
   * choice (on the three clustering sets every assignment is the same as with every candidate's
   * fine centroid, docs/benchmarks.md).
   *
   * @param margin the candidate's margin over the threshold on the table's similarities
   * @param best the best candidate's margin
   */
  public boolean near(ClusterArticle a, double margin, double best) {
    double b = band * widening(a);
    return Math.abs(margin) < b || best - margin < RIVAL_BANDS * b;
  }

  /**
   * How much wider the band is for this article than for a full lead: sqrt(full / its length), at
   * most {@value #MAX_WIDENING}. The table's vector is a mean of token vectors, whose error (against
   * MiniLM's vector) shrinks as the square root of the words averaged: a headline's decision is
   * far less certain than a lead's at the same margin, and MiniLM's cost follows its input's
   * length, so short inputs are where a wide band is both needed and cheap.
   */
  static double widening(ClusterArticle a) {
    int chars = SentenceEmbedder.input(a.title(), a.text()).length();
    return chars <= 0 ? MAX_WIDENING : Math.min(MAX_WIDENING, Math.sqrt(SentenceEmbedder.MAX_CHARS / (double) chars));
  }
}
