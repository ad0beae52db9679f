package io.newsline.enrich.ner.tagger;

/**
 * How each word is cased elsewhere in the same article, counted only where case is informative
 * (normal lines, not sentence-initial). Lets the tagger tell "Bush" from "bush" in a headline.
 */
public final class DocumentStats {
  private final LongIntMap lower = new LongIntMap(512);
  private final LongIntMap capitalised = new LongIntMap(512);

  /** Adds a sentence's words; only NORMAL lines count. */
  public void add(String[] words, LineKind kind) {
    if (kind != LineKind.NORMAL) {
      return;
    }
    for (int i = 0; i < words.length; i++) {
      int c = caseClass(words[i], i);
      if (c == 1) {
        increment(lower, FeatureHash.ofLower(words[i], 0, words[i].length()));
      } else if (c == 2) {
        increment(capitalised, FeatureHash.ofLower(words[i], 0, words[i].length()));
      }
    }
  }

  /** 1 lower-case word, 2 capitalised word not at sentence start, 0 neither. */
  static int caseClass(String w, int position) {
    if (w.isEmpty() || !Character.isLetter(w.charAt(0))) {
      return 0;
    }
    if (Character.isLowerCase(w.charAt(0))) {
      return 1;
    }
    return position > 0 ? 2 : 0;
  }

  int lowerCount(long lowerHash) {
    return Math.max(0, lower.get(lowerHash));
  }

  int capitalisedCount(long lowerHash) {
    return Math.max(0, capitalised.get(lowerHash));
  }

  private static void increment(LongIntMap m, long key) {
    int v = m.get(key);
    m.put(key, v < 0 ? 1 : v + 1);
  }
}
