package io.newsline.enrich.ner;

import io.newsline.enrich.ner.ArticleLayout.Placed;
import io.newsline.enrich.text.Token;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Acronyms an article defines for lower-case words: "hard red winter (HRW)", "collateral
 * protection insurance (CPI)", "exchange-traded funds (ETFs)". Such an acronym names a thing,
 * not an organisation, wherever the article uses it; the 1996-trained tagger takes most
 * unknown capitals for organisations.
 */
final class DefinedAcronyms {
  /** Small words an acronym may skip: "rules of origin (ROO)". */
  private static final Set<String> SKIPPED = Set.of("of", "and", "&", "the", "for", "in", "on", "to", "a");

  private DefinedAcronyms() {}

  /** The acronyms the article's sentences define after lower-case words. */
  static Set<String> of(ArticleLayout layout) {
    Set<String> out = new HashSet<>(2);
    for (Placed p : layout.placed) {
      List<Token> t = p.tokens();
      for (int i = 1; i + 2 < t.size(); i++) {
        if (t.get(i).text().equals("(") && t.get(i + 2).text().equals(")")
            && definedBefore(t, i, t.get(i + 1).text())) {
          out.add(t.get(i + 1).text());
        }
      }
    }
    return out;
  }

  /** Do the lower-case words before the bracket at i spell the acronym's capitals, last to first? */
  static boolean definedBefore(List<Token> t, int bracket, String acronym) {
    String letters = acronym.endsWith("s") ? acronym.substring(0, acronym.length() - 1) : acronym;
    if (letters.length() < 2 || letters.length() > 6 || !letters.chars().allMatch(Character::isUpperCase)) {
      return false;
    }
    return spells(t, bracket - 1, letters, letters.length() - 1);
  }

  /**
   * Do the words up to k spell letters[0..need]? A small word may be skipped or spell its
   * initial ("rules of origin (ROO)", "Securities and Exchange"); a hyphenated word gives one
   * initial per part ("exchange-traded funds (ETFs)").
   */
  private static boolean spells(List<Token> t, int k, String letters, int need) {
    if (need < 0) {
      return true;
    }
    if (k < 0) {
      return false;
    }
    String w = t.get(k).text();
    if (SKIPPED.contains(w) && spells(t, k - 1, letters, need)) {
      return true;
    }
    String[] parts = w.split("-");
    if (parts.length > need + 1) {
      return false;
    }
    for (int part = parts.length - 1; part >= 0; part--, need--) {
      String x = parts[part];
      if (x.isEmpty() || !Character.isLowerCase(x.charAt(0))
          || Character.toUpperCase(x.charAt(0)) != letters.charAt(need)) {
        return false;
      }
    }
    return spells(t, k - 1, letters, need);
  }
}
