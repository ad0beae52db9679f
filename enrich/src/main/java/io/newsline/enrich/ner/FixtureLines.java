package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.ner.ArticleLayout.Placed;
import io.newsline.enrich.ner.SpanRepair.Span;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.Labels;
import io.newsline.enrich.ner.tagger.LineKind;
import java.util.List;

/**
 * A line of a sports schedule, "KANSAS CITY AT DETROIT": the visitors are a club, the home city is
 * the place where the game is played (CoNLL-2003 train: 99 of 99 such lines; dev: 28 of 36, the
 * other 8 both places). The same city is a club in the standings of the same article, and more
 * often, so the article's one type per name would undo the line: its two names keep the types
 * the line gives them ({@link RawMention#ownType}). A line is a fixture when it is two names of
 * clubs or places joined by "at" and nothing else ("Trump at Davos" is a person, no fixture), the
 * visitors no country: national teams are their countries ("France at Japan" in a Davis Cup draw,
 * CoNLL dev: 8 of 8 such lines both places).
 * Works on the labels of the whole article, before mentions are cut out.
 */
final class FixtureLines {
  private FixtureLines() {}

  /** Retypes, in place, the names of every fixture line; says which sentences are fixtures. */
  static boolean[] apply(ArticleLayout layout, List<int[]> labels, Gazetteer gazetteer) {
    boolean[] fixture = new boolean[labels.size()];
    int org = Labels.typeIndex(EntityType.ORGANIZATION);
    int loc = Labels.typeIndex(EntityType.LOCATION);
    for (int s = 0; s < labels.size(); s++) {
      int[] y = labels.get(s);
      Placed p = layout.placed.get(s);
      if (y.length < 3 || y[0] == Labels.O || y[y.length - 1] == Labels.O) {
        continue;
      }
      List<Span> spans = SpanRepair.spans(y);
      if (spans.size() != 2) {
        continue;
      }
      Span visitors = spans.get(0);
      Span home = spans.get(1);
      if (visitors.from() == 0 && home.to() == y.length && visitors.to() + 1 == home.from()
          && isAt(p, visitors.to()) && isClubOrPlace(visitors, org, loc) && isClubOrPlace(home, org, loc)
          && !gazetteer.containsCountry(SpanRepair.words(p.tokens(), visitors.from(), visitors.to()))) {
        SpanRepair.write(y, new Span(visitors.from(), visitors.to(), org));
        SpanRepair.write(y, new Span(home.from(), home.to(), loc));
        fixture[s] = true;
      }
    }
    return fixture;
  }

  /** "AT" in a line of capitals, "at" elsewhere: "Kansas City at Detroit". */
  private static boolean isAt(Placed p, int k) {
    String w = p.tokens().get(k).text();
    return p.kind() == LineKind.ALL_CAPS ? w.equals("AT") : w.equals("at");
  }

  private static boolean isClubOrPlace(Span span, int org, int loc) {
    return span.type() == org || span.type() == loc;
  }
}
