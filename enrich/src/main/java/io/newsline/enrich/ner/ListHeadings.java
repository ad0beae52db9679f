package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.ner.ArticleLayout.Placed;
import io.newsline.enrich.ner.SpanRepair.Span;
import io.newsline.enrich.ner.tagger.Labels;
import io.newsline.enrich.ner.tagger.LineKind;
import io.newsline.enrich.text.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The headings of a list are things of one kind. A short line in capitals that heads a section of
 * prose ("EL PAIS", "DIARIO 16", "EXPANSION", each followed by its stories in a digest of the
 * press) is read by the tagger alone, without the context that made its siblings names: when
 * more than half of an article's such headings (at least two of three or more) are tagged whole
 * as organisations, the others are organisations too, whole ("DIARIO" of "DIARIO 16" was one,
 * "EXPANSION" none). A results page's sections ("LEADING SCORERS") are not mostly names.
 * Works on the labels of the whole article, before mentions are cut out.
 */
final class ListHeadings {
  /** Longest heading, in tokens. */
  private static final int MAX_TOKENS = 6;

  private ListHeadings() {}

  /** Relabels, in place, the headings of a list of organisations as organisations. */
  static void apply(ArticleLayout layout, List<int[]> labels) {
    int org = Labels.typeIndex(EntityType.ORGANIZATION);
    List<Integer> headings = null;
    int named = 0;
    for (int s = 0; s + 1 < labels.size(); s++) {
      Placed p = layout.placed.get(s);
      if (p.kind() != LineKind.ALL_CAPS || p.field() != Field.TEXT || p.tokens().size() > MAX_TOKENS
          || !isWords(p.tokens()) || !isWholeLine(p) || isCaps(layout.placed.get(s + 1))) {
        continue;
      }
      if (headings == null) {
        headings = new ArrayList<>();
      }
      headings.add(s);
      if (isOneSpan(labels.get(s), org)) {
        named++;
      }
    }
    if (headings == null || headings.size() < 3 || named < 2 || named * 2 <= headings.size()) {
      return;
    }
    for (int s : headings) {
      int[] y = labels.get(s);
      SpanRepair.write(y, new Span(0, y.length, org));
    }
  }

  /** Does the next sentence go on in capitals (so the line heads no prose)? */
  private static boolean isCaps(Placed next) {
    return next.field() != Field.TEXT || next.kind() == LineKind.ALL_CAPS;
  }

  /** Words only: letters, "&", "'s", and short numbers after a word ("DIARIO 16"); no dates. */
  private static boolean isWords(List<Token> tokens) {
    boolean word = false;
    for (int i = 0; i < tokens.size(); i++) {
      String w = tokens.get(i).text();
      boolean letters = true;
      boolean digits = true;
      for (int k = 0; k < w.length(); k++) {
        char c = w.charAt(k);
        letters &= Character.isLetter(c) || c == '\'' || c == '&' || c == '.';
        digits &= Character.isDigit(c);
      }
      if (!(letters || digits && i > 0 && w.length() <= 3)) {
        return false;
      }
      word |= letters && w.length() >= 2;
    }
    return word;
  }

  /** Is the sentence its line, whole? */
  private static boolean isWholeLine(Placed p) {
    String src = p.source();
    for (int k = p.tokens().get(0).start() - 1; k >= 0 && src.charAt(k) != '\n'; k--) {
      if (!Character.isWhitespace(src.charAt(k))) {
        return false;
      }
    }
    for (int k = p.tokens().get(p.tokens().size() - 1).end(); k < src.length() && src.charAt(k) != '\n'; k++) {
      if (!Character.isWhitespace(src.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** Is the whole sentence one span of the type? */
  private static boolean isOneSpan(int[] y, int type) {
    List<Span> spans = SpanRepair.spans(y);
    return spans.size() == 1 && spans.get(0).from() == 0 && spans.get(0).to() == y.length
        && spans.get(0).type() == type;
  }
}
