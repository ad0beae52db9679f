package io.newsline.ingest;

import io.micrometer.core.instrument.Counter;
import io.newsline.common.PublicationTime;
import io.newsline.runtime.ops.NewslineMetrics;

/** The ingest stage's own metrics, in the process-wide registry that /metrics serves. */
public final class IngestMetrics {
  private IngestMetrics() {}

  /** newsline_ingest_errors_total{source_type, reason}: inputs that failed, by source and reason. */
  public static void error(String sourceType, IngestError reason) {
    errors(sourceType, reason).increment();
  }

  /**
   * Counts each reason of a source's failures from 0 when the source starts (feed, push, folder),
   * so an alert on newsline_ingest_errors_total has its series before the first failure.
   */
  public static void errorsFromZero(String sourceType) {
    for (IngestError reason : IngestError.values()) {
      errors(sourceType, reason);
    }
  }

  private static Counter errors(String sourceType, IngestError reason) {
    return Counter.builder("newsline.ingest.errors")
        .description("Ingest failures (fetch, parse, limits, bad input), by source type and reason")
        .tag("source_type", sourceType == null ? "unknown" : sourceType)
        .tag("reason", reason.label())
        .register(NewslineMetrics.registry());
  }

  public static void error(String sourceType, Throwable error) {
    error(sourceType, reasonOf(error));
  }

  /** newsline_ingest_feed_polls_total{outcome}: feed polls by outcome (ok, not_modified, error). */
  public static void feedPoll(String outcome) {
    feedPolls(outcome).increment();
  }

  /** Counts every feed poll outcome from 0, so an alert on errors has its series before the first one. */
  public static void feedPollsFromZero() {
    for (String outcome : new String[] {"ok", "not_modified", "error"}) {
      feedPolls(outcome);
    }
  }

  private static Counter feedPolls(String outcome) {
    return Counter.builder("newsline.ingest.feed.polls")
        .description("Feed polls by outcome")
        .tag("outcome", outcome)
        .register(NewslineMetrics.registry());
  }

  /** newsline_ingest_push_requests_total{status}: push API requests by HTTP status. */
  public static void pushRequest(int status) {
    pushRequests(status).increment();
  }

  /** Counts from 0 every status the push endpoint answers, from its start: accepted, refused, unavailable. */
  public static void pushRequestsFromZero() {
    for (int status : new int[] {202, 400, 401, 413, 415, 503}) {
      pushRequests(status);
    }
  }

  private static Counter pushRequests(int status) {
    return Counter.builder("newsline.ingest.push.requests")
        .description("Push API requests by HTTP status")
        .tag("status", String.valueOf(status))
        .register(NewslineMetrics.registry());
  }

  /** newsline_untrusted_dates_total{stage="ingest", reason}: a publication time published as unknown. */
  static void untrustedDate(String claimed) {
    boolean inRange;
    try {
      inRange = PublicationTime.inRange(java.time.Instant.parse(claimed));
    } catch (java.time.format.DateTimeParseException e) {
      inRange = false;
    }
    NewslineMetrics.untrustedDates("ingest", (inRange ? PublicationTime.Verdict.FUTURE : PublicationTime.Verdict.OUT_OF_RANGE).label())
        .increment();
  }

  /** The metric reason of a failure. */
  public static IngestError reasonOf(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof RejectedInputException r) {
        return r.reason();
      }
    }
    if (t instanceof java.io.IOException) {
      return IngestError.UNREADABLE_FILE;
    }
    return IngestError.INTERNAL;
  }
}
