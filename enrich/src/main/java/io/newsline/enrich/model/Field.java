package io.newsline.enrich.model;

import java.util.Locale;

/** Which string of the article an offset indexes. */
public enum Field {
  TITLE,
  TEXT;

  /** The lower-case wire name used in Avro and JSON output: title or text. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Field fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
