package io.newsline.ingest;

import io.newsline.common.BoundedText;

/**
 * Keeps error messages short whatever the input: a hostile value is quoted by its beginning and
 * length, never whole, and a message has a length limit, so neither a dead letter (value and
 * headers), a feed's saved state nor a push answer can be inflated through an error.
 */
public final class Messages {
  /** Longest error message ingest writes. */
  public static final int MAX_MESSAGE_CHARS = 2000;
  /** Longest part of an input value quoted in a message. */
  public static final int MAX_QUOTED_CHARS = 120;

  private Messages() {}

  /** The value in quotes, cut at {@link #MAX_QUOTED_CHARS} with its length said: 'abc…' (12,345 characters). */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() <= MAX_QUOTED_CHARS ? "'" + value + "'"
        : "'" + BoundedText.prefix(value, MAX_QUOTED_CHARS) + "…' (" + value.length() + " characters)";
  }

  /** The message cut at {@link #MAX_MESSAGE_CHARS}, saying how long it was. */
  public static String bound(String message) {
    return BoundedText.cut(message, MAX_MESSAGE_CHARS, length -> "… (message of " + length + " characters cut)");
  }
}
