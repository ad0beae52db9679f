package io.newsline.enrich.ner.tagger;

/**
 * How a line is cased. In headlines (ALL CAPS or Title Case) capitalisation says little about
 * names, so the tagger conditions case features on the line kind.
 */
public enum LineKind {
  NORMAL,
  ALL_CAPS,
  TITLE_CASE;

  private static final java.util.Set<String> SMALL_WORDS = java.util.Set.of(
      "a", "an", "the", "and", "but", "or", "nor", "for", "on", "at", "to", "by", "in", "of", "as",
      "vs", "via", "with", "from", "into", "over", "per", "up", "off", "out", "is", "be");

  /** The kind of a line given its words. */
  public static LineKind of(String[] words, int from, int to) {
    int letterWords = 0;
    int allUpper = 0;
    int lowerStart = 0;
    int upperStart = 0;
    int longWords = 0;
    for (int i = from; i < to; i++) {
      String w = words[i];
      int letters = 0;
      int uppers = 0;
      for (int k = 0; k < w.length(); k++) {
        char c = w.charAt(k);
        if (Character.isLetter(c)) {
          letters++;
          if (Character.isUpperCase(c)) {
            uppers++;
          }
        }
      }
      if (letters == 0) {
        continue;
      }
      letterWords++;
      if (letters >= 2 && uppers == letters) {
        allUpper++;
      }
      if (letters >= 4 && !SMALL_WORDS.contains(w.toLowerCase(java.util.Locale.ROOT))) {
        longWords++;
        if (Character.isUpperCase(w.charAt(0))) {
          upperStart++;
        } else if (Character.isLowerCase(w.charAt(0))) {
          lowerStart++;
        }
      }
    }
    if (letterWords > 0 && allUpper >= 1 && allUpper * 10 >= letterWords * 8) {
      return ALL_CAPS;
    }
    if ((longWords >= 3 || longWords >= 2 && letterWords <= 6) && upperStart * 10 >= (upperStart + lowerStart) * 8 && upperStart > allUpper) {
      return TITLE_CASE;
    }
    return NORMAL;
  }

  public static String titleCase(String w) {
    if (w.isEmpty() || SMALL_WORDS.contains(w) || !Character.isLetter(w.charAt(0))) {
      return w;
    }
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }
}
