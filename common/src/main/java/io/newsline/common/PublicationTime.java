package io.newsline.common;

import io.newsline.common.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Whether a publication time a source claims can be trusted. Article times drive clocks that only
 * move forward (the clusterer's, the reorder buffer's stream time), so one article dated in the year
 * 3000 would make every later article "old" for good. A time later than the moment the article was
 * seen plus a small skew (clocks and time zones disagree a little) is therefore not a publication
 * time: it is treated as unknown, and the article's ingestion time stands in for it. Times that do
 * not fit the topics' record timestamps are unknown too: after year 292278994, or before 1970, which
 * Kafka refuses as a negative timestamp (an article dated 0000-12-31 was dead-lettered by aggregate
 * with "Timestamp may not be negative"). So are times before 1971: {@code "published_at": 0} is a
 * missing date a producer wrote as a number (a feed's "Thu, 01 Jan 1970 00:00:00 GMT" likewise), and
 * epoch seconds given where milliseconds are meant land in 1970 (any up to the year 2286 before
 * 27 April 1970); trusted, each put an article first on every timeline, 56 years before the rest.
 * A news article truly written in 1970 is rarer than either mistake, and it still comes through,
 * its date unknown and the claimed one kept for inspection. Plain Java, no clock:
 * the reference is always a time the caller read from the record or its own input, so the verdict
 * is the same on every replay.
 */
public final class PublicationTime {
  /** Settings key of the allowed skew (ingest, aggregate, batch). */
  public static final String SKEW_SETTING = "dates.future.skew";
  /** Feeds in local time labelled UTC and unsynchronised clocks stay within this; the broker allows record times an hour ahead too. */
  public static final Duration DEFAULT_SKEW = Duration.ofHours(1);

  /** The earliest publication time believed. */
  public static final Instant EARLIEST = Instant.parse("1971-01-01T00:00:00Z");
  private static final Instant MIN = Instant.EPOCH;
  private static final Instant MAX = Instant.ofEpochMilli(Long.MAX_VALUE);

  private PublicationTime() {}

  /** What to make of a claimed time. */
  public enum Verdict {
    /** Trust it. */
    TRUSTED,
    /** No time was claimed. */
    ABSENT,
    /** Later than the reference plus the skew. */
    FUTURE,
    /** Before 1971 (a missing date or epoch seconds read as milliseconds), or past what a record timestamp holds. */
    OUT_OF_RANGE;

    /** The metric label: future, out_of_range. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** A time was claimed and must not be used. */
    public boolean untrusted() {
      return this == FUTURE || this == OUT_OF_RANGE;
    }
  }

  /** The skew from settings ({@value #SKEW_SETTING}, default one hour). */
  public static Duration skew(Settings settings) {
    Duration d = settings.getDuration(SKEW_SETTING, DEFAULT_SKEW);
    if (d.isNegative()) {
      throw new IllegalArgumentException(SKEW_SETTING + " must not be negative: " + d);
    }
    return d;
  }

  /** The verdict on {@code claimed} for an article seen at {@code seenAt}. */
  public static Verdict check(Instant claimed, Instant seenAt, Duration skew) {
    if (claimed == null) {
      return Verdict.ABSENT;
    }
    if (!inRange(claimed)) {
      return Verdict.OUT_OF_RANGE;
    }
    if (seenAt != null && claimed.isAfter(seenAt.plus(skew))) {
      return Verdict.FUTURE;
    }
    return Verdict.TRUSTED;
  }

  /** Whether a claimed time lies between {@link #EARLIEST} and the last a record timestamp holds. */
  public static boolean inRange(Instant t) {
    return !(t.isBefore(EARLIEST) || t.isAfter(MAX));
  }

  /** Whether a time fits a Kafka record timestamp (non-negative epoch milliseconds). */
  public static boolean representable(Instant t) {
    return t == null || !(t.isBefore(MIN) || t.isAfter(MAX));
  }
}
