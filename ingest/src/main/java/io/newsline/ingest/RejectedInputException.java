package io.newsline.ingest;

/**
 * Input that cannot become an article (empty, too large, malformed, unfetchable); it goes to the
 * dead-letter topic, counted under its {@link #reason()}. The message is bounded ({@link Messages}).
 */
public class RejectedInputException extends RuntimeException {
  private final IngestError reason;

  public RejectedInputException(String message) {
    this(IngestError.INVALID_ARTICLE, message, null);
  }

  public RejectedInputException(String message, Throwable cause) {
    this(IngestError.INVALID_ARTICLE, message, cause);
  }

  public RejectedInputException(IngestError reason, String message, Throwable cause) {
    super(Messages.bound(message), cause);
    this.reason = reason;
  }

  public IngestError reason() {
    return reason;
  }
}
