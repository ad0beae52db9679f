package io.newsline.enrich.model;

import java.util.Locale;

/**
 * Where in the article an event anchor was found, which says how much it tells about the event the
 * article reports: the lead states what happened, the body adds background (earlier events, other
 * people), and a date line is when the article itself was written.
 */
public enum AnchorRole {
  /** A date at the top of the text that dates the article (when no publication time came with it). */
  DATELINE,
  /** In the headline or the lead sentence. */
  LEAD,
  /** Anywhere else. */
  BODY;

  /** The lower-case wire name used in Avro and JSON output. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
