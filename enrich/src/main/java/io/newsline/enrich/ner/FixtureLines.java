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
 * CoNLL dev: 8 of 8 such lines both places). So does a results line that opens with the ground
 * before a colon and a club's score: "Chesterfield: Worcestershire 238 (W. Weston 100 not out)"
 * (CoNLL train and dev: 13 of 13 such grounds places, the club an organisation), when a list knows
 * the ground as a place ("Apple: Citi Sees 550 and 950 Apple Watches" is a company and a bank).
 * Works on the labels of the whole article, before mentions are cut out.
 */
final class FixtureLines {
  private FixtureLines() {}

  /**
   * Retypes, in place, the names of every fixture line and ground; gives for each sentence the
   * token up to which its names keep the type so given (0 for most).
   */
  static int[] apply(ArticleLayout layout, List<int[]> labels, Gazetteer gazetteer) {
    int[] ownTypeEnd = new int[labels.size()];
    int org = Labels.typeIndex(EntityType.ORGANIZATION);
    int loc = Labels.typeIndex(EntityType.LOCATION);
    for (int s = 0; s < labels.size(); s++) {
      int[] y = labels.get(s);
      Placed p = layout.placed.get(s);
      if (y.length < 3 || y[0] == Labels.O) {
        continue;
      }
      List<Span> spans = SpanRepair.spans(y);
      if (spans.size() < 2) {
        continue;
      }
      Span visitors = spans.get(0);
      Span home = spans.get(1);
      if (spans.size() == 2 && visitors.from() == 0 && home.to() == y.length && visitors.to() + 1 == home.from()
          && isAt(p, visitors.to()) && isClubOrPlace(visitors, org, loc) && isClubOrPlace(home, org, loc)
          && !gazetteer.containsCountry(SpanRepair.words(p.tokens(), visitors.from(), visitors.to()))) {
        SpanRepair.write(y, new Span(visitors.from(), visitors.to(), org));
        SpanRepair.write(y, new Span(home.from(), home.to(), loc));
        ownTypeEnd[s] = y.length;
      } else if (isGroundBeforeScore(p, spans, org)
          && gazetteer.containsPlace(SpanRepair.words(p.tokens(), visitors.from(), visitors.to()))) {
        SpanRepair.write(y, new Span(visitors.from(), visitors.to(), loc));
        ownTypeEnd[s] = visitors.to();
      }
    }
    return ownTypeEnd;
  }

  /** "Chesterfield: Worcestershire 238": a name opening the line, a colon, a club and a number. */
  private static boolean isGroundBeforeScore(Placed p, List<Span> spans, int org) {
    Span ground = spans.get(0);
    Span club = spans.get(1);
    int n = p.tokens().size();
    return ground.from() == 0 && ground.to() + 1 == club.from() && p.tokens().get(ground.to()).text().equals(":")
        && club.type() == org && club.to() < n && Character.isDigit(p.tokens().get(club.to()).text().charAt(0));
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
