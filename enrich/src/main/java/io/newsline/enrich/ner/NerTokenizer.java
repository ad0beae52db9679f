package io.newsline.enrich.ner;

import io.newsline.enrich.text.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits text into tokens the way CoNLL-2003 (Penn Treebank style) does, so that the tagger sees
 * at run time what it saw in training: punctuation and clitics ('s, n't) are separate tokens, inner
 * hyphens stay (U.S.-led), abbreviations keep their period (U.S., Corp.), and dashes or slashes
 * between words split (Trump–Putin, EU/NATO). Offsets index the input string exactly.
 */
public final class NerTokenizer {
  private static final Set<String> ABBREVIATIONS = Set.of(
      "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "st", "jr",
      "sr", "inc", "corp", "ltd", "co", "plc", "bros", "vs", "no", "jan", "feb", "mar", "apr", "jun",
      "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "capt", "cmdr", "adm", "maj",
      "rev", "messrs", "ave", "blvd", "dept", "univ", "assn", "est", "etc", "e.g", "i.e", "approx");
  /** US state abbreviations of news datelines ("Tampa, Fla."), when capitalised. */
  private static final Set<String> STATES = Set.of(
      "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "la",
      "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex",
      "va", "vt", "wash", "wis", "wyo");

  private NerTokenizer() {}

  /** Tokens of s[from, to), offsets relative to s. */
  public static List<Token> tokenize(String s, int from, int to) {
    List<Token> out = new ArrayList<>();
    int i = from;
    while (i < to) {
      while (i < to && isSpace(s.charAt(i))) {
        i++;
      }
      int j = i;
      while (j < to && !isSpace(s.charAt(j))) {
        j++;
      }
      if (j > i) {
        chunk(s, i, j, out);
      }
      i = j;
    }
    return out;
  }

  public static List<Token> tokenize(String s) {
    return tokenize(s, 0, s.length());
  }

  private static void chunk(String s, int start, int end, List<Token> out) {
    // Leading punctuation, one token each.
    while (start < end && isLeading(s.charAt(start))) {
      add(s, start, start + 1, out);
      start++;
    }
    List<Token> tail = new ArrayList<>(2);
    while (end > start) {
      char c = s.charAt(end - 1);
      if (c == '.') {
        int dots = end - 1;
        while (dots > start && s.charAt(dots - 1) == '.') {
          dots--;
        }
        if (end - dots == 1 && isAbbreviation(s, start, end - 1)) {
          break;
        }
        tail.add(new Token(dots, end, s.substring(dots, end)));
        end = dots;
      } else if (isTrailing(c)) {
        tail.add(new Token(end - 1, end, s.substring(end - 1, end)));
        end--;
      } else {
        break;
      }
    }
    if (end > start) {
      int clitic = cliticStart(s, start, end);
      inner(s, start, clitic, out);
      if (clitic < end) {
        add(s, clitic, end, out);
      }
    }
    for (int k = tail.size() - 1; k >= 0; k--) {
      out.add(tail.get(k));
    }
  }

  /**
   * A sentence's full stop is also its last abbreviation's period ("... bought by Acme Corp."):
   * CoNLL-2003 writes that as "Corp" and ".", so the name ends before the period. Splits the
   * token before {@code end} if it is such an abbreviation and the sentence really ends there: at
   * the end of the line or before a capitalised word, not in a dateline ("VENTURA, Calif.
   * 1996-08-28") or before a lower-case word. Returns the new end of the sentence.
   */
  static int splitFinalPeriod(List<Token> tokens, int end) {
    if (end == 0) {
      return end;
    }
    Token last = tokens.get(end - 1);
    String w = last.text();
    int n = w.length();
    if (n < 2 || w.charAt(n - 1) != '.' || !Character.isLetter(w.charAt(n - 2))) {
      return end;
    }
    if (end < tokens.size() && !Character.isUpperCase(tokens.get(end).text().charAt(0))) {
      return end;
    }
    tokens.set(end - 1, new Token(last.start(), last.end() - 1, w.substring(0, n - 1)));
    tokens.add(end, new Token(last.end() - 1, last.end(), "."));
    return end + 1;
  }

  /** Splits a word at dashes and at slashes between letters; keeps hyphens and inner periods. */
  private static void inner(String s, int start, int end, List<Token> out) {
    if (start >= end) {
      return;
    }
    int b = start;
    for (int k = start; k < end; k++) {
      char c = s.charAt(k);
      boolean dash = c == '\u2013' || c == '\u2014' || c == '\u2012' || c == '\u2015';
      boolean slash = c == '/' && k > start && k + 1 < end
          && Character.isLetter(s.charAt(k - 1)) && Character.isLetter(s.charAt(k + 1));
      if (dash || slash) {
        if (k > b) {
          add(s, b, k, out);
        }
        add(s, k, k + 1, out);
        b = k + 1;
      }
    }
    if (end > b) {
      add(s, b, end, out);
    }
  }

  /** Start of a trailing 's, n't, 're, 've, 'll, 'd, 'm (straight or curly apostrophe), or end. */
  private static int cliticStart(String s, int start, int end) {
    int len = end - start;
    if (len >= 3 && isApostrophe(s.charAt(end - 2))) {
      char c = Character.toLowerCase(s.charAt(end - 1));
      if (c == 's' || c == 'd' || c == 'm') {
        return end - 2;
      }
    }
    if (len >= 4 && isApostrophe(s.charAt(end - 3))) {
      String x = s.substring(end - 2, end).toLowerCase(Locale.ROOT);
      if (x.equals("re") || x.equals("ve") || x.equals("ll")) {
        return end - 3;
      }
    }
    if (len >= 4 && isApostrophe(s.charAt(end - 2)) && Character.toLowerCase(s.charAt(end - 1)) == 't'
        && Character.toLowerCase(s.charAt(end - 3)) == 'n') {
      return end - 3;
    }
    // Plural possessive: "players'" -> players + '
    if (len >= 3 && isApostrophe(s.charAt(end - 1)) && Character.toLowerCase(s.charAt(end - 2)) == 's') {
      return end - 1;
    }
    return end;
  }

  private static boolean isAbbreviation(String s, int start, int dot) {
    int len = dot - start;
    if (len == 0) {
      return false;
    }
    if (len == 1) {
      return Character.isLetter(s.charAt(start));
    }
    String w = s.substring(start, dot).toLowerCase(Locale.ROOT);
    if (ABBREVIATIONS.contains(w) || STATES.contains(w) && Character.isUpperCase(s.charAt(start))) {
      return true;
    }
    // U.S, U.K, e.g: letters separated by periods.
    return w.length() >= 3 && w.charAt(1) == '.' && w.matches("(\\p{L}\\.)+\\p{L}");
  }

  /** Whitespace including the no-break and zero-width spaces scraped pages are full of. */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200b' || c == '\ufeff';
  }

  static boolean isApostrophe(char c) {
    return c == '\'' || c == '\u2019';
  }

  private static boolean isLeading(char c) {
    return c == '"' || c == '\u201c' || c == '\u2018' || c == '\'' || c == '\u2019' || c == '`'
        || c == '(' || c == '[' || c == '{' || c == '$' || c == '\u00a3' || c == '\u20ac'
        || c == '\u00ab' || c == '*' || c == '#' || c == '\u2022' || c == '\u2013' || c == '\u2014';
  }

  private static boolean isTrailing(char c) {
    return c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' || c == '\u201d'
        || c == '\u2019' || c == '\'' || c == ')' || c == ']' || c == '}' || c == '\u2026'
        || c == '\u00bb' || c == '%' || c == '*' || c == '\u2013' || c == '\u2014';
  }

  private static void add(String s, int start, int end, List<Token> out) {
    out.add(new Token(start, end, s.substring(start, end)));
  }
}
