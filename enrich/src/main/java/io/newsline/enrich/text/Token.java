package io.newsline.enrich.text;

/** A token [start, end) of a string, with its text. */
public record Token(int start, int end, String text) {
  public boolean isCapitalized() {
    return !text.isEmpty() && Character.isUpperCase(text.codePointAt(0));
  }
}
