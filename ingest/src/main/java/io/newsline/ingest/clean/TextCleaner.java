package io.newsline.ingest.clean;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes page boilerplate from plain article text, line by line: navigation ("Skip to content"),
 * ads ("Advertisement"), membership and newsletter prompts, share and follow widgets, bylines, date
 * stamps, section teasers, image captions, publisher notes and author bios (see {@link LineRules}).
 * Article paragraphs are kept verbatim, in order; a line printed twice (the headline above and
 * inside the page) is kept once. Thread-safe.
 *
 * <p>Short texts are never emptied: when every line looks like boilerplate the text is a short
 * article the patterns misread (a one-line headline, "Posted in: ..."), and it is returned as it is.
 */
public final class TextCleaner {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\u00a0\\u2007\\u202f\\u3000]+");
  private static final Pattern BULLET = Pattern.compile("^[\\u2022\\u25cf\\u25aa\\u25e6\\u2023\\u2043*-]\\s+");
  /** "By Jane Doe", "By Jane Doe and John Roe, Reuters", "BY JANE DOE | BBC News" (case-sensitive names). */
  private static final Pattern BYLINE =
      Pattern.compile(
          "(?:By|BY|by|Von|Par|Por)\\s+(\\p{Lu}[\\p{L}.'’-]*(?:\\s+(?:\\p{Lu}[\\p{L}.'’-]*|van|von|de|der|da|di|del|al|bin|and|&))*)"
              + "(?:\\s*(?:,|\\||/|–|—|-|in)\\s*[^.]{0,60})?");
  private static final int MAX_BYLINE_CHARS = 120;

  /** A date line counts as the article's own when at most this many paragraphs come before it (a headline, a standfirst). */
  private static final int DATELINE_AFTER_LINES = 2;

  /** Cleans text; when {@code findTitle}, a leading headline-like line becomes the title. */
  public CleanText clean(String raw, boolean findTitle) {
    return clean(raw, findTitle, false);
  }

  /**
   * Cleans text; when {@code findTitle}, a leading headline-like line becomes the title. When
   * {@code keepDateline} (the article came without a publication time), the date stamp at the top
   * of the article ("May 2, 2013, 1:12 PM", "Posted: May 24, 2005") stays in the text: it is then
   * the only record of when the article was written, and enrich reads it as the article's date
   * line. Date stamps further down, and every other stamp, go as furniture.
   */
  public CleanText clean(String raw, boolean findTitle, boolean keepDateline) {
    List<String> all = lines(normalize(raw));
    List<String> lower = new ArrayList<>(all.size());
    all.forEach(l -> lower.add(l.toLowerCase(Locale.ROOT)));
    LineRules.Verdict[] verdicts = new LineRules.Verdict[all.size()];
    String byline = null;
    for (int i = 0; i < all.size(); i++) {
      String b = byline == null ? byline(all.get(i)) : null;
      if (b != null) {
        byline = b;
        verdicts[i] = LineRules.Verdict.FURNITURE;
      } else {
        verdicts[i] = LineRules.classify(all.get(i), lower.get(i));
      }
    }
    resolveWeakLines(verdicts);
    int dateline = keepDateline ? dateline(lower, verdicts) : -1;
    List<String> kept = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int keptDateline = -1;
    for (int i = 0; i < all.size(); i++) {
      String l = all.get(i);
      // repeated lines (headline printed twice, teaser blocks) keep their first occurrence only
      if ((!verdicts[i].isBoilerplate() || i == dateline) && seen.add(lower.get(i))) {
        if (i == dateline) {
          keptDateline = kept.size();
        }
        kept.add(LineRules.withoutTrailingCredit(isBulleted(l) ? BULLET.matcher(l).replaceFirst("") : l));
      }
    }
    if (kept.size() == (keptDateline >= 0 ? 1 : 0)) {
      // a text made only of "boilerplate" is a short text the patterns misread, not a page to drop
      return new CleanText(null, String.join("\n", all), null);
    }
    String title = null;
    // the headline is the first line, or the line after a date line printed above it
    int headline = keptDateline == 0 ? 1 : 0;
    if (findTitle && kept.size() > headline + 1 && isHeadline(kept.get(headline))) {
      title = kept.remove(headline);
    }
    return new CleanText(title, String.join("\n", kept), byline);
  }

  /**
   * Index of the article's date line: the first date stamp naming a day with at most
   * {@value #DATELINE_AFTER_LINES} lines of text above it; -1 when there is none.
   */
  private static int dateline(List<String> lower, LineRules.Verdict[] verdicts) {
    int text = 0;
    for (int i = 0; i < lower.size() && text <= DATELINE_AFTER_LINES; i++) {
      if (!verdicts[i].isBoilerplate()) {
        text++;
      } else if (verdicts[i] == LineRules.Verdict.FURNITURE && LineRules.isDateLine(lower.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Non-empty lines, stripped, runs of spaces made one. */
  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String l = singleSpaced(text.substring(start, end)).strip();
      if (!l.isEmpty()) {
        out.add(l);
      }
      start = end + 1;
    }
    return out;
  }

  /** Runs of spaces, tabs and no-break spaces made one space; untouched (no copy) when there are none. */
  private static String singleSpaced(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      boolean odd = c == '\t' || c == '\u00a0' || c == '\u2007' || c == '\u202f' || c == '\u3000'
          || (c == ' ' && i + 1 < line.length() && line.charAt(i + 1) == ' ');
      if (odd) {
        return SPACES.matcher(line).replaceAll(" ");
      }
    }
    return line;
  }

  /**
   * A weak line (the publisher's voice, or a blogger's) is boilerplate when it stands next to a
   * prompt: "We believe you deserve to verify everything we write." after "Subscribe to our free
   * newsletter ...". Runs of weak lines spread from the prompt; elsewhere weak lines are text.
   */
  private static void resolveWeakLines(LineRules.Verdict[] v) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < v.length; i++) {
        if (v[i] == LineRules.Verdict.WEAK
            && ((i > 0 && v[i - 1] == LineRules.Verdict.PROMPT) || (i + 1 < v.length && v[i + 1] == LineRules.Verdict.PROMPT))) {
          v[i] = LineRules.Verdict.PROMPT;
          changed = true;
        }
      }
    }
    for (int i = 0; i < v.length; i++) {
      if (v[i] == LineRules.Verdict.WEAK) {
        v[i] = LineRules.Verdict.CONTENT;
      }
    }
  }

  private static boolean isBulleted(String l) {
    char c = l.charAt(0);
    return l.length() > 1 && (c == '\u2022' || c == '\u25cf' || c == '\u25aa' || c == '\u25e6' || c == '\u2023' || c == '\u2043' || c == '*' || c == '-');
  }

  /** Whether a single line (stripped) is page boilerplate rather than article text. */
  public static boolean isBoilerplate(String line) {
    return LineRules.isBoilerplate(SPACES.matcher(line).replaceAll(" ").strip());
  }

  /** A headline as delivered, on one line with single spaces. */
  public static String normalizeTitle(String title) {
    String t = WHITESPACE.matcher(normalize(title)).replaceAll(" ").strip();
    return t.isEmpty() ? null : t;
  }

  /** The author names of a byline line ("By Jane Doe, Reuters" gives "Jane Doe"), else null. */
  static String byline(String line) {
    if (line.length() > MAX_BYLINE_CHARS || line.endsWith(".")) {
      return null;
    }
    Matcher m = BYLINE.matcher(line);
    return m.matches() ? m.group(1).strip() : null;
  }

  /** Whole-text normalisation: line endings, NUL, control and zero-width characters (separating controls become line breaks), Unicode NFC. */
  static String normalize(String raw) {
    String s = Normalizer.isNormalized(raw, Normalizer.Form.NFC) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFC);
    if (isClean(s)) {
      return s; // the common case: nothing to remove, no copy
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r') {
        if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          continue;
        }
        sb.append('\n');
      } else if (c == '\u2028' || c == '\u2029' || isBreakControl(c)) {
        sb.append('\n');
      } else if (c == '\n' || c == '\t' || !(Character.isISOControl(c) || isInvisible(c))) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean isClean(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || isInvisible(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Controls that separate text (vertical tab, form feed: pdftotext's page break, the file, group,
   * record and unit separators, next line): a line break, so the words on either side stay apart.
   */
  private static boolean isBreakControl(char c) {
    return c == '\u000b' || c == '\u000c' || (c >= '\u001c' && c <= '\u001f') || c == '\u0085';
  }

  /**
   * Zero-width characters and soft hyphens, and the bidirectional embedding, override and isolate
   * controls (U+202A-U+202E, U+2066-U+2069): news text needs none of them (the Unicode bidi
   * algorithm orders Arabic and Hebrew by itself), and an override in a title or outlet would
   * show the dashboard's and the terminal's text reversed ("Trojan Source" spoofing).
   */
  private static boolean isInvisible(char c) {
    return c == '\u200b' || c == '\u200c' || c == '\u200d' || c == '\u2060' || c == '\ufeff' || c == '\u00ad'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
  }

  /** A headline: short, no final full stop, starts with a capital or digit, several words. */
  static boolean isHeadline(String l) {
    if (l.length() > 200 || l.endsWith(".") || l.endsWith(":") || l.endsWith(",")) {
      return false;
    }
    int words = 1;
    for (int i = 0; i < l.length(); i++) {
      if (l.charAt(i) == ' ') {
        words++;
      }
    }
    int first = l.codePointAt(0);
    return words >= 3 && (Character.isUpperCase(first) || Character.isDigit(first) || first == '‘' || first == '"');
  }
}
