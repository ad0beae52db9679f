package io.newsline.enrich.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into sentences with exact offsets: at line breaks and at . ! ? followed by space and
 * an upper-case letter or a quote, but not after common abbreviations (Mr., U.S., Jan.) or initials
 * (K.P. Sharma Oli).
 */
public final class Sentences {
  private static final java.util.Set<String> ABBREVIATIONS =
      java.util.Set.of(
          "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "st", "jr",
          "sr", "inc", "corp", "ltd", "co", "vs", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
          "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "mt", "ft");

  private Sentences() {}

  /** Sentence spans [start, end) without surrounding whitespace. */
  public static List<int[]> split(String s) {
    List<int[]> out = new ArrayList<>();
    int n = s.length();
    int start = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        add(out, s, start, i);
        start = i + 1;
      } else if ((c == '.' || c == '!' || c == '?') && endsSentence(s, i)) {
        int end = i + 1;
        while (end < n && isClosing(s.charAt(end))) {
          end++;
        }
        add(out, s, start, end);
        start = end;
        i = end - 1;
      }
    }
    add(out, s, start, n);
    return out;
  }

  private static boolean isClosing(char c) {
    return c == '"' || c == '\u201d' || c == '\'' || c == '\u2019' || c == ')';
  }

  private static boolean endsSentence(String s, int i) {
    int j = i + 1;
    while (j < s.length() && isClosing(s.charAt(j))) {
      j++;
    }
    if (j >= s.length()) {
      return true;
    }
    if (!isSpace(s.charAt(j))) {
      return false;
    }
    while (j < s.length() && isSpace(s.charAt(j))) {
      j++;
    }
    if (j >= s.length()) {
      return true;
    }
    char next = s.charAt(j);
    if (!(Character.isUpperCase(next) || Character.isDigit(next) || next == '"' || next == '\u201c')) {
      return false;
    }
    if (s.charAt(i) == '.') {
      int w = i;
      while (w > 0 && (Character.isLetter(s.charAt(w - 1)) || s.charAt(w - 1) == '.')) {
        w--;
      }
      String word = s.substring(w, i).toLowerCase(java.util.Locale.ROOT);
      return !ABBREVIATIONS.contains(word) && !isInitials(word);
    }
    return true;
  }

  /** Single letters with dots between them ("k", "k.p", "j.r.r"): initials of a name, not an end. */
  private static boolean isInitials(String word) {
    if (word.isEmpty()) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      boolean letterPlace = k % 2 == 0;
      char c = word.charAt(k);
      if (letterPlace ? !Character.isLetter(c) : c != '.') {
        return false;
      }
    }
    return true;
  }

  /** A space between words: also the no-break spaces of scraped pages (not a line break). */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\u00a0' || c == '\u202f' || c == '\u2007';
  }

  private static void add(List<int[]> out, String s, int start, int end) {
    while (start < end && Character.isWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      out.add(new int[] {start, end});
    }
  }
}
