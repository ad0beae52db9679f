package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.ner.ArticleLayout.Placed;
import io.newsline.enrich.ner.SpanRepair.Span;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.Labels;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A line of a results table or standings, names and numbers only, each name followed by a number:
 * "NEW YORK 74 58 .561 -", "San Diego 3 NEW YORK 2", "Nantes 2 Lens 1". A place named there is its
 * club (CoNLL-2003 train up to 27 August: of the names in such lines 1,714 are organisations, 17
 * places, 12 of them countries and 4 cities of market tables); people, as golfers' scores, are
 * left alone, and so are countries, national teams being their countries. The tagger reads most
 * of these rightly, but not a city it knows as a place, nor one the curated list makes a place
 * whatever the vote ("New York"): the club keeps its type in its line ({@link RawMention#ownType};
 * letting it vote changed nothing on CoNLL dev or the held-out days). Works on the labels of the
 * whole article, before mentions are cut out.
 */
final class ScoreLines {
  /** Numbers of a table: scores, "1/2", ".561", "-", "(10)"; a date is a dateline's, no score. */
  private static final Pattern NUMBER = Pattern.compile("[\\d.,/:()%+-]*\\d[\\d.,/:()%+-]*|[-()/]");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private ScoreLines() {}

  /**
   * Retypes, in place, the places of every score line as clubs; gives for each sentence the token
   * where its scores end (0 for a line of no scores).
   */
  static int[] apply(ArticleLayout layout, List<int[]> labels, Gazetteer gazetteer) {
    int[] ends = new int[labels.size()];
    int org = Labels.typeIndex(EntityType.ORGANIZATION);
    int loc = Labels.typeIndex(EntityType.LOCATION);
    for (int s = 0; s < labels.size(); s++) {
      int[] y = labels.get(s);
      Placed p = layout.placed.get(s);
      int end = withoutClosingBracket(p);
      if (end < 2 || y[0] == Labels.O || !isScoreLine(p, y, end)) {
        continue;
      }
      ends[s] = end;
      for (Span span : SpanRepair.spans(y)) {
        if (span.to() <= end && span.type() == loc
            && !gazetteer.containsCountry(SpanRepair.words(p.tokens(), span.from(), span.to()))) {
          SpanRepair.write(y, new Span(span.from(), span.to(), org));
        }
      }
    }
    return ends;
  }

  /** Where the line ends before a closing remark in brackets: "San Diego 3 NEW YORK 2 (10 innings)". */
  private static int withoutClosingBracket(Placed p) {
    int n = p.tokens().size();
    if (n > 0 && p.tokens().get(n - 1).text().equals(")")) {
      for (int k = n - 2; k > 0; k--) {
        if (p.tokens().get(k).text().equals("(")) {
          return k;
        }
      }
    }
    return n;
  }

  /** Names and numbers only up to end, opening with a name, every name followed by a score. */
  private static boolean isScoreLine(Placed p, int[] y, int end) {
    for (int i = 0; i < end; i++) {
      if (y[i] == Labels.O && !isNumber(p.tokens().get(i).text())) {
        return false;
      }
    }
    for (Span span : SpanRepair.spans(y)) {
      if (span.from() < end && (span.to() >= end || !hasDigit(p.tokens().get(span.to()).text()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNumber(String w) {
    return NUMBER.matcher(w).matches() && !DATE.matcher(w).matches();
  }

  private static boolean hasDigit(String w) {
    for (int k = 0; k < w.length(); k++) {
      if (Character.isDigit(w.charAt(k))) {
        return true;
      }
    }
    return false;
  }
}
