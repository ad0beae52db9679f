package io.newsline.enrich.stance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stance model's own tokenizer: lower-cased words (inner apostrophes and hyphens kept, "n't"
 * split off, numbers folded to "0") and single punctuation marks, with offsets. Kept separate from
 * the NER tokenizer on purpose: the trained model's features depend on exactly this behaviour.
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
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || innerJoiner(s, i))) {
          i++;
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
    String w = s.substring(start, end).replace('\u2019', '\'').toLowerCase(Locale.ROOT);
    if (w.endsWith("n't") && w.length() > 3) {
      int cut = end - 3;
      out.add(new Tok(start, cut, fold(w.substring(0, w.length() - 3))));
      out.add(new Tok(cut, end, "not"));
    } else if (w.endsWith("'s") && w.length() > 2) {
      int cut = end - 2;
      out.add(new Tok(start, cut, fold(w.substring(0, w.length() - 2))));
      out.add(new Tok(cut, end, "'s"));
    } else {
      out.add(new Tok(start, end, fold(w)));
    }
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
