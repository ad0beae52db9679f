package io.newsline.bench.ner;

import io.newsline.enrich.text.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into word and punctuation tokens with exact offsets. Words keep inner apostrophes,
 * hyphens and periods of abbreviations (U.S., Zelenskiy's is split as Zelenskiy + 's).
 */
public final class Tokenizer {
  private Tokenizer() {}

  public static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int start = i;
      if (Character.isLetterOrDigit(c)) {
        i++;
        while (i < n) {
          char d = s.charAt(i);
          if (Character.isLetterOrDigit(d)) {
            i++;
          } else if ((d == '-' || d == '.' || d == '&') && i + 1 < n && Character.isLetterOrDigit(s.charAt(i + 1))) {
            i += 2;
          } else if (d == '.' && isAbbreviationDot(s, start, i)) {
            i++;
            break;
          } else if ((d == '\'' || d == '\u2019') && i + 1 < n && Character.isLetter(s.charAt(i + 1))
              && !isPossessive(s, i)) {
            i += 2;
          } else {
            break;
          }
        }
      } else if ((c == '\'' || c == '\u2019') && isPossessive(s, i)) {
        i += 2;
      } else {
        i++;
      }
      out.add(new Token(start, i, s.substring(start, i)));
    }
    return out;
  }

  /** 's or ’s followed by a non-letter. */
  static boolean isPossessive(String s, int apostrophe) {
    int j = apostrophe + 1;
    return j < s.length()
        && (s.charAt(j) == 's' || s.charAt(j) == 'S')
        && (j + 1 == s.length() || !Character.isLetterOrDigit(s.charAt(j + 1)));
  }

  /** A trailing period after single letters separated by periods: U.S. or U.K. */
  private static boolean isAbbreviationDot(String s, int start, int dot) {
    String word = s.substring(start, dot);
    return word.matches("(\\p{Lu}\\.)+\\p{Lu}");
  }
}
