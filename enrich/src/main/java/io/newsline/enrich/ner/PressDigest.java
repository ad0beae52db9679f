package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.ner.ArticleLayout.Placed;
import io.newsline.enrich.ner.SpanRepair.Span;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.Labels;
import io.newsline.enrich.text.Token;
import java.util.List;
import java.util.Locale;

/**
 * A press digest ("PRESS DIGEST - Pakistan - August 29.") lists stories under the name of each
 * newspaper, alone on its line in capitals: "DAWN", "BUSINESS RECORDER", "THE NATION". Such a line
 * is the newspaper, an organisation (CoNLL-2003 train and dev: 70 of 79 such lines, the rest two
 * "FRONT PAGE" sections, a country and three slips), though its words are common words the tagger
 * leaves alone or takes for a place. Not a line that a list knows as a place ("IRAQ"), nor a page
 * of the paper. In the prose of a digest, the papers are named in capitals too: "The English
 * language SOUTH CHINA MORNING POST said" (train: 4 of 4 runs of two or more such words), where
 * the tagger finds a part ("PAO DAILY NEWS" of "MING PAO DAILY NEWS"). Works on the labels of
 * the whole article, before mentions are cut out.
 */
final class PressDigest {
  private static final int MAX_WORDS = 4;

  private PressDigest() {}

  /** Types, in place, each newspaper's line of a press digest as one organisation. */
  static void apply(ArticleLayout layout, List<int[]> labels, Gazetteer gazetteer) {
    if (labels.isEmpty() || !isDigest(layout.placed.get(0))) {
      return;
    }
    int org = Labels.typeIndex(EntityType.ORGANIZATION);
    for (int s = 1; s < labels.size(); s++) {
      Placed p = layout.placed.get(s);
      int[] y = labels.get(s);
      if (isNewspaperLine(p) && !gazetteer.containsPlace(SpanRepair.words(p.tokens(), 0, p.tokens().size()))) {
        SpanRepair.write(y, new Span(0, p.tokens().size(), org));
      } else if (hasLowerCaseWord(p.tokens())) {
        writeCapitalRuns(p.tokens(), y, org);
      }
    }
  }

  /** Each run of two or more words in capitals, not cutting a name the tagger found, is a paper. */
  private static void writeCapitalRuns(List<Token> tokens, int[] y, int org) {
    int i = 0;
    while (i < tokens.size()) {
      int end = i;
      while (end < tokens.size() && isCapitalWord(tokens.get(end).text())) {
        end++;
      }
      if (end - i >= 2 && startsHere(y, i) && endsHere(y, end - 1)) {
        SpanRepair.write(y, new Span(i, end, org));
      }
      i = Math.max(end, i + 1);
    }
  }

  private static boolean startsHere(int[] y, int i) {
    return y[i] == Labels.O || Labels.part(y[i]) == 0 || Labels.part(y[i]) == 3;
  }

  private static boolean endsHere(int[] y, int i) {
    return y[i] == Labels.O || Labels.part(y[i]) == 2 || Labels.part(y[i]) == 3;
  }

  /** "MING", "PAO": letters only, so that "U.S." or "H1" is no part of a paper's name. */
  static boolean isCapitalWord(String w) {
    if (w.length() < 2) {
      return false;
    }
    for (int k = 0; k < w.length(); k++) {
      if (!Character.isUpperCase(w.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasLowerCaseWord(List<Token> tokens) {
    for (Token t : tokens) {
      if (Character.isLowerCase(t.text().charAt(0))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDigest(Placed first) {
    String line = first.source().substring(first.tokens().get(0).start(), first.tokens().get(first.tokens().size() - 1).end());
    return line.toUpperCase(Locale.ROOT).startsWith("PRESS DIGEST");
  }

  /** One to four words in capitals, the whole line, not the name of a page ("FRONT PAGE"). */
  private static boolean isNewspaperLine(Placed p) {
    List<Token> tokens = p.tokens();
    int n = tokens.size();
    if (n > MAX_WORDS || !isWholeLine(p)) {
      return false;
    }
    for (Token t : tokens) {
      if (!SpanRepair.isAllCapsWord(t.text()) && !t.text().equals("&")) {
        return false;
      }
    }
    String last = tokens.get(n - 1).text();
    return !last.equals("PAGE") && !last.equals("PAGES") && SpanRepair.isAllCapsWord(last);
  }

  private static boolean isWholeLine(Placed p) {
    String src = p.source();
    int start = p.tokens().get(0).start();
    int end = p.tokens().get(p.tokens().size() - 1).end();
    return (start == 0 || src.charAt(start - 1) == '\n') && (end == src.length() || src.charAt(end) == '\n');
  }
}
