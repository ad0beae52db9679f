package io.newsline.query.model;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Search normalisation shared by the indexed text and the query: lower case, accents removed,
 * anything but letters and digits a word break. A query matches when every one of its words starts
 * a word of the text ("zelen" finds "Zelenskyy"; "Kyiv" finds "KYIV").
 */
public final class SearchText {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern BREAKS = Pattern.compile("[^\\p{L}\\p{N}]+");
  /** Indexed text per event is capped: a thousand-article event need not hold every headline. */
  static final int MAX_CHARS = 2000;
  /** Queries longer than this are refused: nobody types more, and every word costs a scan. */
  public static final int MAX_QUERY_WORDS = 12;

  private SearchText() {}

  /** The words of {@code text}, normalised, each followed by a space and the whole preceded by one. */
  static String index(List<String> parts) {
    StringBuilder sb = new StringBuilder(" ");
    for (String p : parts) {
      if (p == null) {
        continue;
      }
      for (String w : words(p)) {
        if (sb.length() + w.length() + 1 > MAX_CHARS) {
          return sb.toString();
        }
        sb.append(w).append(' ');
      }
    }
    return sb.toString();
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

  /** Whether every query word starts a word of the indexed text. */
  static boolean matches(String indexed, List<String> queryWords) {
    for (String w : queryWords) {
      if (!indexed.contains(" " + w)) {
        return false;
      }
    }
    return true;
  }
}
