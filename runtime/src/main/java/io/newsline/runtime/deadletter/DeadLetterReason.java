package io.newsline.runtime.deadletter;

import io.newsline.runtime.RecordSizeLimit;
import java.util.List;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The short, stable category a dead letter is counted under (newsline_dead_letters_total's reason
 * label and the {@link DeadLetters#H_REASON} header). Exception class names made poor labels: one
 * name (RejectedInputException) stood for a bad file, a too-large article and an unreadable link,
 * and a parser's internal class name changes with library versions. Ingest passes its own reasons
 * (bad_json, forbidden_address ...: its IngestError labels).
 */
public final class DeadLetterReason {
  /** Output larger than its topic takes. */
  public static final String TOO_LARGE = "too_large";
  /** Bytes that do not decode into the topic's record type (or a record that does not encode). */
  public static final String UNDECODABLE = "undecodable";
  /** A record the stage logic refuses (IllegalArgumentException: no text, text too long ...). */
  public static final String REJECTED = "rejected";
  /** Anything else: likely a fault of the stage, worth a look at the log. */
  public static final String PROCESSING_ERROR = "processing_error";

  /** Every category, for counting each from 0 at a stage's start. */
  public static final List<String> ALL = List.of(TOO_LARGE, UNDECODABLE, REJECTED, PROCESSING_ERROR);

  private DeadLetterReason() {}

  public static String of(Throwable error) {
    boolean rejected = false;
    int depth = 0;
    for (Throwable t = error; t != null && depth++ < 20; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RecordSizeLimit.TooLargeException || t instanceof RecordTooLargeException) {
        return TOO_LARGE;
      }
      if (t instanceof SerializationException) {
        return UNDECODABLE;
      }
      rejected |= t instanceof IllegalArgumentException;
    }
    return rejected ? REJECTED : PROCESSING_ERROR;
  }
}
