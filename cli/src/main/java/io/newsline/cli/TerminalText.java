package io.newsline.cli;

/**
 * Text from the data made safe to print on a terminal. Headlines, outlets, names and file names
 * come from feeds, push clients and whoever drops files; an escape sequence among them would be
 * run by the operator's terminal (retitle the window, clear the screen, fake earlier lines), and a
 * bidirectional override would show the rest of the line reversed.
 */
final class TerminalText {
  private TerminalText() {}

  /** The text with control characters (C0, DEL, C1) and bidi overrides each replaced by U+FFFD; null stays null. */
  static String printable(String text) {
    if (text == null || text.chars().noneMatch(TerminalText::unsafe)) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    text.chars().forEach(c -> sb.append(unsafe(c) ? '\ufffd' : (char) c));
    return sb.toString();
  }

  private static boolean unsafe(int c) {
    return Character.isISOControl(c) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  }
}
