package io.newsline.ingest;

/** Input that cannot become an article (empty, too large, malformed); it goes to the dead-letter topic. */
public class RejectedInputException extends RuntimeException {
  public RejectedInputException(String message) {
    super(message);
  }

  public RejectedInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
