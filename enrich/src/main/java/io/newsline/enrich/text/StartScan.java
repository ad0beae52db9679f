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
  /** With {@link #prefixes}: the lower-cased first three characters a match can begin with, by {@link #trigram}. */
  private final boolean[] trigrams;

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
    this(pattern, starts, wordStart, required, null);
  }

  private StartScan(Pattern pattern, String starts, boolean wordStart, String required, boolean[] trigrams) {
    this.pattern = pattern;
    this.required = required;
    this.trigrams = trigrams;
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

  /**
   * The same scan, trying a position where the text has a letter only when the letters there
   * (ASCII, lower-cased) begin like one of the words: every word a match can begin with, of two
   * or more ASCII letters (their first three count).
   */
  public StartScan prefixes(String... words) {
    boolean[] table = new boolean[27 * 27 * 27];
    for (String word : words) {
      String p = word.toLowerCase(java.util.Locale.ROOT);
      if (p.length() < 2 || !p.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
        throw new IllegalArgumentException("prefix of two or more lower-case letters: " + p);
      }
      int a = p.charAt(0) - 'a';
      int b = p.charAt(1) - 'a';
      if (p.length() == 2) {
        for (int c = 0; c < 27; c++) {
          table[(a * 27 + b) * 27 + c] = true;
        }
      } else {
        table[(a * 27 + b) * 27 + p.charAt(2) - 'a'] = true;
      }
    }
    StringBuilder starts = new StringBuilder(other);
    for (int c = 0; c < 128; c++) {
      if (ascii[c]) {
        starts.append((char) c);
      }
    }
    return new StartScan(pattern, starts.toString(), wordStart, required, table);
  }

  /** Index of the three characters at p (a letter, lower-cased; 26 for anything else or the end), or -1 when t[p] is no letter. */
  private static int trigram(char[] t, int p) {
    int a = letter(t[p]);
    if (a == 26) {
      return -1;
    }
    int b = p + 1 < t.length ? letter(t[p + 1]) : 26;
    int c = p + 2 < t.length ? letter(t[p + 2]) : 26;
    return (a * 27 + b) * 27 + c;
  }

  private static int letter(char c) {
    return c >= 'a' && c <= 'z' ? c - 'a' : c >= 'A' && c <= 'Z' ? c - 'A' : 26;
  }

  public Pattern pattern() {
    return pattern;
  }

  /** A finder over s: call {@link Finder#find()} as one would {@link Matcher#find()}. */
  public Finder in(String s) {
    return new Finder(s, s.toCharArray());
  }

  /** The same, with the characters of s, for several patterns over one string (array reads are cheaper than charAt). */
  public Finder in(String s, char[] chars) {
    return new Finder(s, chars);
  }

  /** The successive matches in one string. */
  public final class Finder {
    private final String s;
    private final char[] chars;
    private final Matcher m;
    private int next;

    private Finder(String s, char[] chars) {
      this.s = s;
      this.chars = chars;
      this.m = pattern.matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
      this.next = required.isEmpty() || holdsAny(s, required) ? 0 : s.length();
    }

    /** Whether there is another match; then {@link #matcher()} holds it. */
    public boolean find() {
      char[] t = chars;
      int n = t.length;
      boolean[] starts = ascii;
      for (int p = next; p < n; p++) {
        char c = t[p];
        if (c < 128 ? !starts[c] : other.indexOf(c) < 0) {
          continue;
        }
        if (wordStart && p > 0 && asciiWord(t[p - 1])) {
          continue;
        }
        if (trigrams != null) {
          int g = trigram(t, p);
          if (g >= 0 && !trigrams[g]) {
            continue;
          }
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
