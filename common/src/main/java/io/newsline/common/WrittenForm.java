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
}
