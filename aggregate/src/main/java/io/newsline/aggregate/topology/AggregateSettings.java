package io.newsline.aggregate.topology;

import io.newsline.common.PublicationTime;
import io.newsline.common.config.Settings;
import java.time.Duration;

/**
 * Topology knobs of the aggregate stage (settings keys in brackets; docs/aggregate.md explains them).
 *
 * @param partitions clustering partitions: the partition count of the repartition topic, and the
 *     unit of parallelism; events never span partitions [aggregate.partitions]
 * @param reorderGrace how long (in article time) an article waits in the reorder buffer so that
 *     articles reaching a partition from different upstream tasks are clustered in (time, id) order;
 *     0 clusters in arrival order [aggregate.reorder.grace]
 * @param reorderIdle wall-clock quiet period after which the buffer is flushed even though stream
 *     time has not advanced (end of a backfill, a quiet night) [aggregate.reorder.idle]
 * @param embedMissing compute the sentence embedding of articles that arrive without one (slow:
 *     enrich should provide it) [aggregate.embed.missing]
 * @param futureSkew how far past its ingestion time (and ingestion past the record's timestamp) an
 *     article's time may lie and still be trusted; see {@link PublicationTime} [dates.future.skew]
 */
public record AggregateSettings(int partitions, Duration reorderGrace, Duration reorderIdle, boolean embedMissing,
    Duration futureSkew) {
  public AggregateSettings(int partitions, Duration reorderGrace, Duration reorderIdle, boolean embedMissing) {
    this(partitions, reorderGrace, reorderIdle, embedMissing, PublicationTime.DEFAULT_SKEW);
  }

  public static AggregateSettings defaults() {
    return new AggregateSettings(1, Duration.ofMinutes(2), Duration.ofSeconds(10), true, PublicationTime.DEFAULT_SKEW);
  }

  public static AggregateSettings from(Settings s) {
    AggregateSettings d = defaults();
    return new AggregateSettings(
        s.getInt("aggregate.partitions", d.partitions()),
        s.getDuration("aggregate.reorder.grace", d.reorderGrace()),
        s.getDuration("aggregate.reorder.idle", d.reorderIdle()),
        s.getBoolean("aggregate.embed.missing", d.embedMissing()),
        PublicationTime.skew(s));
  }
}
