package io.newsline.aggregate.cluster;

import io.newsline.avro.EnrichedArticle;
import io.newsline.common.PublicationTime;
import java.time.Duration;
import java.time.Instant;

/**
 * Aggregate's own defence against article times that would move its clocks (the clusterer's and the
 * reorder buffer's, both persisted): ingest already sets aside publication times later than
 * ingestion plus the skew, but the enriched topic may hold records from before that rule or from
 * other producers. The same rule again, with a second reference for ingested_at itself: the
 * record's Kafka timestamp, which a broker accepts only up to an hour ahead of its clock
 * (log.message.timestamp.after.max.ms). Both references come from the record, so a replay decides
 * the same way. Plain Java.
 */
public final class ArticleTimes {
  private ArticleTimes() {}

  /** What was set aside, for the metric; null when the article's times were trusted as they were. */
  public record Corrected(EnrichedArticle article, PublicationTime.Verdict verdict) {}

  /**
   * The article with times it can be clustered by: ingested_at no later than the record time plus
   * the skew (else the record time), published_at no later than that ingested_at plus the skew
   * (else null, the claimed value kept in published_at_untrusted). Returns null when nothing changed.
   */
  public static Corrected trusted(EnrichedArticle a, long recordTimestamp, Duration skew) {
    Instant ingested = a.getIngestedAt();
    PublicationTime.Verdict ingestedVerdict = recordTimestamp < 0
        ? PublicationTime.Verdict.TRUSTED
        : PublicationTime.check(ingested, Instant.ofEpochMilli(recordTimestamp), skew);
    if (ingestedVerdict.untrusted()) {
      ingested = Instant.ofEpochMilli(recordTimestamp);
    }
    PublicationTime.Verdict published = PublicationTime.check(a.getPublishedAt(), ingested, skew);
    if (!ingestedVerdict.untrusted() && !published.untrusted()) {
      return null;
    }
    EnrichedArticle.Builder b = EnrichedArticle.newBuilder(a).setIngestedAt(ingested);
    if (published.untrusted()) {
      b.setPublishedAt(null).setPublishedAtUntrusted(a.getPublishedAt().toString());
    }
    return new Corrected(b.build(), published.untrusted() ? published : ingestedVerdict);
  }
}
