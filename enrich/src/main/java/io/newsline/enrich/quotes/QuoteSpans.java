package io.newsline.enrich.quotes;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds quoted passages in one field: text between double quotation marks (straight or curly, in
 * any mix) and between single marks, curly or straight, that open at a word boundary (headlines
 * use them, and British outlets for all speech: 'We will act,' he said), in any mix. A straight single mark
 * opens only before a letter and closes only where no letter or digit follows, so apostrophes
 * (Britain's, '90s, Jones' car) neither open nor close a passage; a plural possessive inside a
 * straight-quoted passage ends it early. A passage never crosses a line break; one opened and not
 * closed on its line is dropped.
 */
final class QuoteSpans {
  /**
   * One passage: the marks at {@code open} and {@code close}, content [contentStart, contentEnd)
   * with surrounding spaces and a trailing comma removed (the comma belongs to the reporting clause).
   */
  record Passage(int open, int close, int contentStart, int contentEnd) {}

  private QuoteSpans() {}

  static List<Passage> find(String s) {
    List<Passage> out = new ArrayList<>();
    int open = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        open = -1;
      } else if (isDouble(c)) {
        if (open >= 0 && !isSingle(s.charAt(open)) && closes(s, i)) {
          addPassage(out, s, open, i);
          open = -1;
        } else if (opens(s, i)) {
          open = i;
        }
      } else if (c == '\u2018' && open < 0 && atWordStart(s, i)) {
        open = i;
      } else if ((c == '\u2019' || c == '\'') && open >= 0 && isSingle(s.charAt(open)) && closesSingle(s, i)) {
        addPassage(out, s, open, i);
        open = -1;
      } else if (c == '\'' && open < 0 && atWordStart(s, i) && i + 1 < s.length()
          && Character.isLetter(s.charAt(i + 1))) {
        open = i;
      }
    }
    return out;
  }

  private static boolean isSingle(char c) {
    return c == '\u2018' || c == '\'';
  }

  private static boolean atWordStart(String s, int i) {
    return i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1));
  }

  private static boolean isDouble(char c) {
    return c == '"' || c == '\u201c' || c == '\u201d' || c == '\u201e';
  }

  private static boolean opens(String s, int i) {
    char c = s.charAt(i);
    if (c == '\u201c' || c == '\u201e') {
      return true;
    }
    if (c == '\u201d') {
      return false;
    }
    return i + 1 < s.length() && !Character.isWhitespace(s.charAt(i + 1));
  }

  private static boolean closes(String s, int i) {
    char c = s.charAt(i);
    if (c == '\u201d') {
      return true;
    }
    if (c == '\u201c' || c == '\u201e') {
      return false;
    }
    return i > 0 && !Character.isWhitespace(s.charAt(i - 1));
  }

  /** A closing single mark is not an apostrophe: no letter (nor digit: '90s) follows it. */
  private static boolean closesSingle(String s, int i) {
    return i > 0 && !Character.isWhitespace(s.charAt(i - 1))
        && (i + 1 == s.length() || !Character.isLetterOrDigit(s.charAt(i + 1)));
  }

  private static void addPassage(List<Passage> out, String s, int open, int close) {
    int a = open + 1;
    int b = close;
    while (a < b && Character.isWhitespace(s.charAt(a))) {
      a++;
    }
    while (b > a && (Character.isWhitespace(s.charAt(b - 1)) || s.charAt(b - 1) == ',')) {
      b--;
    }
    boolean hasLetter = false;
    for (int k = a; k < b && !hasLetter; k++) {
      hasLetter = Character.isLetter(s.charAt(k));
    }
    if (hasLetter) {
      out.add(new Passage(open, close, a, b));
    }
  }
}
