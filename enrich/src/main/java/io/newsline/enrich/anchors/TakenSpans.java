package io.newsline.enrich.anchors;

/**
 * The characters of a string already read as an anchor, so that a later, looser form does not read
 * them again ("2 July 2013" is a date, not a count of July; "7:30" is a time, not two numbers).
 */
final class TakenSpans {
  private final boolean[] taken;

  TakenSpans(int length) {
    taken = new boolean[length];
  }

  boolean overlaps(int start, int end) {
    for (int i = start; i < end; i++) {
      if (taken[i]) {
        return true;
      }
    }
    return false;
  }

  void take(int start, int end) {
    for (int i = start; i < end; i++) {
      taken[i] = true;
    }
  }
}
