package io.newsline.common;

/** How a name is written, for choosing which of its written forms to show. */
public final class WrittenForm {
  private WrittenForm() {}

  /**
   * Written wholly in capitals, with at least two letters: a dateline's "SANTIAGO", a headline's
   * capitals, an acronym ("NATO"); not "Santiago" nor a single letter.
   */
  public static boolean inCapitals(String s) {
    return s.codePoints().filter(Character::isLetter).limit(2).count() == 2
        && s.codePoints().noneMatch(Character::isLowerCase);
  }

  /**
   * Whether a name shows an entity better than the one kept: longer (a full name over a surname:
   * "Putin" becomes "Vladimir Putin"), or as long and written in running text where the kept one
   * is in capitals (a first article's dateline "SANTIAGO" gives way to a later "Santiago").
   */
  public static boolean showsBetter(String candidate, String kept) {
    return candidate.length() > kept.length()
        || candidate.length() == kept.length() && inCapitals(kept) && !inCapitals(candidate);
  }
}
