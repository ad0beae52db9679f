package io.newsline.ingest.fetch;

import io.newsline.ingest.IngestError;
import io.newsline.ingest.RejectedInputException;
import java.time.Duration;

/**
 * A fetch that failed, with a reason for metrics and a message naming the URL and what went wrong
 * ("http://x/feed: HTTP 503 Service Unavailable"). Carries the server's Retry-After when it gave one.
 */
public final class FetchException extends RejectedInputException {
  private final int status;
  private final transient Duration retryAfter;

  public FetchException(IngestError reason, String message) {
    this(reason, message, 0, null, null);
  }

  public FetchException(IngestError reason, String message, Throwable cause) {
    this(reason, message, 0, null, cause);
  }

  public FetchException(IngestError reason, String message, int status, Duration retryAfter, Throwable cause) {
    super(reason, message, cause);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** The HTTP status when the server answered with an error, else 0. */
  public int status() {
    return status;
  }

  /** The server's Retry-After, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
