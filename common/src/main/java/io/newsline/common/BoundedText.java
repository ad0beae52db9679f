package io.newsline.common;

import java.util.function.IntFunction;

/**
 * Text cut to a length limit, for whatever may quote hostile input (error messages, dead letters,
 * answers to clients): never a split surrogate pair, and a note saying how much there was.
 */
public final class BoundedText {
  private BoundedText() {}

  /** The first {@code n} characters at most, not splitting a surrogate pair. */
  public static String prefix(String s, int n) {
    if (s.length() <= n) {
      return s;
    }
    int end = n > 0 && Character.isHighSurrogate(s.charAt(n - 1)) ? n - 1 : n;
    return s.substring(0, end);
  }

  /**
   * The text when it has at most {@code max} characters; else its beginning followed by the note
   * (given the text's length), {@code max} characters at most in all. Null stays null.
   */
  public static String cut(String text, int max, IntFunction<String> note) {
    if (text == null || text.length() <= max) {
      return text;
    }
    String n = note.apply(text.length());
    return prefix(text, Math.max(0, max - n.length())) + n;
  }
}
