package io.newsline.aggregate.topology;

import io.newsline.aggregate.cluster.FineVectors;
import io.newsline.common.PublicationTime;
import io.newsline.common.config.Settings;
import java.time.Duration;

/**
 * Topology knobs of the aggregate stage (settings keys in brackets; docs/aggregate.md explains them).
 *
 * @param partitions clustering partitions: the partition count of the repartition topic, and the
 *     unit of parallelism; events never span partitions [aggregate.partitions]
 * @param reorder cluster in a deterministic order whatever the interleaving of the enriched
 *     topic's partitions: the reorder buffer releases an article once every input partition has
 *     progressed past it; false clusters in arrival order [aggregate.reorder]
 * @param reorderIdle wall-clock quiet period after which the buffer is released even though some
 *     input partition has not progressed (a partition without articles, the end of a backfill)
 *     [aggregate.reorder.idle]
 * @param embedMissing compute the sentence embedding of articles that arrive without one, or with
 *     one of another model [aggregate.embed.missing]
 * @param inputPartitions partitions of the enriched topic (set by the stage at start-up from the
 *     topic's metadata): the input partitions whose progress the reorder buffer waits for
 * @param futureSkew how far past its ingestion time (and ingestion past the record's timestamp) an
 *     article's time may lie and still be trusted; see {@link PublicationTime} [dates.future.skew]
 * @param reorderLag optional: an input partition more than this far (article time) behind the most
 *     advanced one stops holding articles back, at the cost of determinism for the articles it
 *     then delivers; null (the default) waits for every partition [aggregate.reorder.grace; 0 means
 *     aggregate.reorder=false, as before the release rule followed the input partitions]
 * @param cascadeThreads with the embedding cascade, threads per clustering partition that embed
 *     with MiniLM, ahead, the buffered articles the cascade will probably need it for
 *     ({@link io.newsline.aggregate.cluster.FineVectors}); 0 embeds on the clustering thread when
 *     needed. Outputs are the same either way [aggregate.cascade.threads; default: cores - 1, at least 1]
 * @param releaseBudget wall-clock time one call of the stage clusters buffered articles for before
 *     it leaves the rest for the next: a call is part of one transaction, which the coordinator
 *     aborts after transaction.timeout.ms (10 s by Streams' default), and the restart would replay
 *     the same release. Outputs are the same whatever the budget [aggregate.reorder.release.budget]
 */
public record AggregateSettings(int partitions, boolean reorder, Duration reorderIdle, boolean embedMissing,
    int inputPartitions, Duration futureSkew, Duration reorderLag, int cascadeThreads, Duration releaseBudget) {
  /**
   * A transaction holds at most about three budgets (releases sharing one, the release cut short,
   * its continuation's turn before the commit): well within 10 s, even with one article of a loaded
   * machine's second past the end.
   */
  static final Duration RELEASE_BUDGET = Duration.ofSeconds(1);

  public AggregateSettings(int partitions, boolean reorder, Duration reorderIdle, boolean embedMissing, int inputPartitions) {
    this(partitions, reorder, reorderIdle, embedMissing, inputPartitions, PublicationTime.DEFAULT_SKEW, null,
        FineVectors.defaultThreads(), RELEASE_BUDGET);
  }

  public static AggregateSettings defaults() {
    return new AggregateSettings(1, true, Duration.ofSeconds(10), true, 1, PublicationTime.DEFAULT_SKEW, null,
        FineVectors.defaultThreads(), RELEASE_BUDGET);
  }

  public static AggregateSettings from(Settings s) {
    AggregateSettings d = defaults();
    Duration grace = s.has("aggregate.reorder.grace") ? s.getDuration("aggregate.reorder.grace", Duration.ZERO) : null;
    boolean legacyOff = grace != null && grace.isZero();
    return new AggregateSettings(
        s.getInt("aggregate.partitions", d.partitions()),
        s.getBoolean("aggregate.reorder", !legacyOff),
        s.getDuration("aggregate.reorder.idle", d.reorderIdle()),
        s.getBoolean("aggregate.embed.missing", d.embedMissing()),
        d.inputPartitions(),
        PublicationTime.skew(s),
        legacyOff ? null : grace,
        s.getInt("aggregate.cascade.threads", d.cascadeThreads()),
        s.getDuration("aggregate.reorder.release.budget", d.releaseBudget()));
  }

  /** The same settings for an enriched topic of {@code n} partitions. */
  public AggregateSettings withInputPartitions(int n) {
    return new AggregateSettings(partitions, reorder, reorderIdle, embedMissing, Math.max(1, n), futureSkew, reorderLag,
        cascadeThreads, releaseBudget);
  }

  /** The same settings with {@code n} threads embedding ahead for the cascade (0: on the clustering thread). */
  public AggregateSettings withCascadeThreads(int n) {
    return new AggregateSettings(partitions, reorder, reorderIdle, embedMissing, inputPartitions, futureSkew, reorderLag, n,
        releaseBudget);
  }

  /** The same settings with another release budget (zero: one article per call). */
  public AggregateSettings withReleaseBudget(Duration budget) {
    return new AggregateSettings(partitions, reorder, reorderIdle, embedMissing, inputPartitions, futureSkew, reorderLag,
        cascadeThreads, budget);
  }
}
