package io.newsline.cli;

/** Names an article that has no headline by its first words, as the dashboard does. */
final class ArticleOpening {
  static final int MAX_CHARS = 80;

  private ArticleOpening() {}

  /** The first line of the text, whitespace collapsed, cut at a word boundary near MAX_CHARS. */
  static String of(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip();
    int newline = line.indexOf('\n');
    line = (newline > 0 ? line.substring(0, newline) : line).replaceAll("\\s+", " ").strip();
    if (line.length() <= MAX_CHARS) {
      return line;
    }
    int cut = line.lastIndexOf(' ', MAX_CHARS - 3);
    return line.substring(0, cut > MAX_CHARS / 2 ? cut : MAX_CHARS - 3) + "...";
  }
}
