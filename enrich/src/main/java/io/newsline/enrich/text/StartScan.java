package io.newsline.enrich.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Matcher#find()} for a pattern whose matches can only begin with a few characters: the
 * pattern is tried only where the text has one of them (and, for a pattern that begins with
 * {@code \b}, not right after an ASCII letter or digit), instead of at every position. On news
 * text, where most patterns start with a digit or a capital, that is a few percent of the
 * positions. Finds exactly what {@code find()} finds: at a position it tries, the match is the one
 * {@code find()} would try there (transparent, non-anchoring bounds let look-behinds and word
 * boundaries see the whole text), and a position it skips cannot start a match. Immutable.
 */
public final class StartScan {
  /** The ASCII digits, which {@code \d} means without UNICODE_CHARACTER_CLASS. */
  public static final String DIGITS = "0123456789";

  private final Pattern pattern;
  private final boolean[] ascii = new boolean[128];
  private final String other;
  private final boolean wordStart;
  private final String required;

  /**
   * @param starts every character a match can begin with (for a case-insensitive pattern, both
   *     cases of an ASCII letter; such patterns match non-ASCII letters only by themselves)
   * @param wordStart the pattern begins with {@code \b} and its first character is a word character
   */
  public StartScan(Pattern pattern, String starts, boolean wordStart) {
    this(pattern, starts, wordStart, "");
  }

  /** @param required characters of which every match holds at least one ("" for no such condition) */
  public StartScan(Pattern pattern, String starts, boolean wordStart, String required) {
    this.pattern = pattern;
    this.required = required;
    StringBuilder rest = new StringBuilder();
    for (int i = 0; i < starts.length(); i++) {
      char c = starts.charAt(i);
      if (c < 128) {
        ascii[c] = true;
      } else {
        rest.append(c);
      }
    }
    this.other = rest.toString();
    this.wordStart = wordStart;
  }

  /** A pattern of letters (case-insensitive: both cases) that begins with {@code \b}. */
  public static StartScan words(Pattern pattern, String firstLetters) {
    boolean ci = (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0;
    String starts = ci ? firstLetters.toLowerCase(java.util.Locale.ROOT) + firstLetters.toUpperCase(java.util.Locale.ROOT) : firstLetters;
    return new StartScan(pattern, starts, true);
  }

  public Pattern pattern() {
    return pattern;
  }

  /** A finder over s: call {@link Finder#find()} as one would {@link Matcher#find()}. */
  public Finder in(String s) {
    return new Finder(s);
  }

  /** The successive matches in one string. */
  public final class Finder {
    private final String s;
    private final Matcher m;
    private int next;

    private Finder(String s) {
      this.s = s;
      this.m = pattern.matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
      this.next = required.isEmpty() || holdsAny(s, required) ? 0 : s.length();
    }

    /** Whether there is another match; then {@link #matcher()} holds it. */
    public boolean find() {
      int n = s.length();
      for (int p = next; p < n; p++) {
        char c = s.charAt(p);
        if (c < 128 ? !ascii[c] : other.indexOf(c) < 0) {
          continue;
        }
        if (wordStart && p > 0 && asciiWord(s.charAt(p - 1))) {
          continue;
        }
        m.region(p, n);
        if (m.lookingAt()) {
          next = m.end() > p ? m.end() : p + 1;
          return true;
        }
      }
      next = n;
      return false;
    }

    /** The matcher of the last match (start, end and groups). */
    public Matcher matcher() {
      return m;
    }
  }

  private static boolean holdsAny(String s, String chars) {
    for (int i = 0; i < chars.length(); i++) {
      if (s.indexOf(chars.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean asciiWord(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }
}
