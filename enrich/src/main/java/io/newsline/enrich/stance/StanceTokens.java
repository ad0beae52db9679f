package io.newsline.enrich.stance;

import java.util.ArrayList;
import java.util.List;

/**
 * The stance model's own tokenizer: lower-cased words (inner apostrophes, hyphens and the periods
 * of abbreviations like U.S. kept, "n't" and "'s" split off, numbers folded to "0") and single
 * punctuation marks, with offsets. Kept separate from the NER tokenizer on purpose: the trained
 * model's features depend on exactly this behaviour.
 */
public final class StanceTokens {
  /** One token: [start, end) in the sentence and its normalised form. */
  public record Tok(int start, int end, String form) {
    public boolean isWord() {
      return Character.isLetterOrDigit(form.charAt(0));
    }
  }

  private StanceTokens() {}

  public static List<Tok> tokenize(String s) {
    List<Tok> out = new ArrayList<>(s.length() / 5 + 4);
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetterOrDigit(c)) {
        int start = i;
        boolean dotted = false;
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || innerJoiner(s, i))) {
          dotted |= s.charAt(i) == '.';
          i++;
        }
        if (dotted && i < n && s.charAt(i) == '.' && Character.isLetter(s.charAt(i - 1))) {
          i++; // the closing period of an abbreviation: U.S. stays one token
        }
        addWord(out, s, start, i);
      } else {
        out.add(new Tok(i, i + 1, punctuation(c)));
        i++;
      }
    }
    return out;
  }

  /** Apostrophe, hyphen or period between two letters or digits stays inside the word. */
  private static boolean innerJoiner(String s, int i) {
    char c = s.charAt(i);
    return (c == '\'' || c == '\u2019' || c == '-' || c == '.' || c == ',' && isDigitAt(s, i - 1))
        && i > 0 && Character.isLetterOrDigit(s.charAt(i - 1))
        && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i + 1));
  }

  private static boolean isDigitAt(String s, int i) {
    return i >= 0 && Character.isDigit(s.charAt(i));
  }

  private static void addWord(List<Tok> out, String s, int start, int end) {
    int n = end - start;
    if (n > 3 && isApostrophe(s.charAt(end - 2)) && lower(s.charAt(end - 3)) == 'n' && lower(s.charAt(end - 1)) == 't') {
      out.add(new Tok(start, end - 3, fold(lowerCase(s, start, end - 3))));
      out.add(new Tok(end - 3, end, "not"));
    } else if (n > 2 && isApostrophe(s.charAt(end - 2)) && lower(s.charAt(end - 1)) == 's') {
      out.add(new Tok(start, end - 2, fold(lowerCase(s, start, end - 2))));
      out.add(new Tok(end - 2, end, "'s"));
    } else {
      out.add(new Tok(start, end, fold(lowerCase(s, start, end))));
    }
  }

  private static boolean isApostrophe(char c) {
    return c == '\'' || c == '\u2019';
  }

  private static char lower(char c) {
    return c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
  }

  /** s[start, end) in lower case with curly apostrophes straightened, in one allocation. */
  private static String lowerCase(String s, int start, int end) {
    char[] out = new char[end - start];
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      out[i - start] = c == '\u2019' ? '\'' : lower(c);
    }
    return new String(out);
  }

  private static String fold(String w) {
    return Character.isDigit(w.charAt(0)) ? "0" : w;
  }

  /** All double quotation marks become one form, as do dashes. */
  private static String punctuation(char c) {
    return switch (c) {
      case '"', '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb' -> "\"";
      case '\u2018', '\u2019', '`' -> "'";
      case '\u2013', '\u2014', '\u2212' -> "-";
      default -> String.valueOf(c);
    };
  }
}
