package io.newsline.query.model;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Search normalisation shared by the indexed words and the query: lower case, accents removed,
 * anything but letters and digits a word break. A query matches when every one of its words starts
 * a word of the event ("zelen" finds "Zelenskyy"; "kyiv" finds "KYIV").
 */
public final class SearchText {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern BREAKS = Pattern.compile("[^\\p{L}\\p{N}]+");
  /** Queries longer than this are refused: nobody types more, and every word costs a lookup. */
  public static final int MAX_QUERY_WORDS = 12;

  private SearchText() {}

  /** The distinct normalised words of the texts, in order, at most {@code max}. */
  static List<String> distinctWords(List<String> texts, int max) {
    Set<String> out = new LinkedHashSet<>();
    for (String t : texts) {
      if (t == null) {
        continue;
      }
      for (String w : words(t)) {
        out.add(w);
        if (out.size() == max) {
          return new ArrayList<>(out);
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** The normalised words of a query or a text. */
  public static List<String> words(String text) {
    String folded = fold(MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll(""));
    List<String> out = new ArrayList<>();
    for (String w : BREAKS.split(folded.toLowerCase(Locale.ROOT))) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** Letters that keep their stroke through Unicode decomposition (Łódź, Øresund, Straße). */
  private static String fold(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      String r = switch (s.charAt(i)) {
        case 'ł', 'Ł' -> "l";
        case 'ø', 'Ø' -> "o";
        case 'đ', 'Đ' -> "d";
        case 'ı' -> "i";
        case 'ß' -> "ss";
        case 'æ', 'Æ' -> "ae";
        case 'œ', 'Œ' -> "oe";
        default -> null;
      };
      if (r != null && sb == null) {
        sb = new StringBuilder(s.length() + 4).append(s, 0, i);
      }
      if (sb != null) {
        sb.append(r != null ? r : String.valueOf(s.charAt(i)));
      }
    }
    return sb == null ? s : sb.toString();
  }
}
