package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.ner.ArticleLayout.Placed;
import io.newsline.enrich.ner.SpanRepair.Span;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.Labels;
import io.newsline.enrich.text.Token;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A company before a place it owns is the company: "a Rio Tinto mine", "the Glencore mine", "a
 * Chevron oilfield". Round 10 made a name right before a lower-case noun of places a place
 * ("Boddington mines", "Tanjung Priok port": right in CoNLL-2003 every time), but a mine, a port or
 * an oilfield is also named after its owner, and the noun cannot tell the two apart; the article
 * can. The name is the organisation when a list of organisations knows it, or when the article
 * types the same name an organisation where no such noun follows it ("Glencore said ..."). Names
 * of places the article never calls an organisation stay places ("its Escondida mine").
 * Works on the labels of the whole article, after {@link SpanRepair} and {@link KindNouns}.
 */
final class OwnedPlaces {
  /** Lower-case nouns of places that companies own, written after the owner's name. */
  private static final Set<String> OWNED = Set.of("mine", "mines", "port", "oilfield", "oilfields");

  private OwnedPlaces() {}

  /** Retypes, in place, every owner's name before a place it owns as the organisation. */
  static void apply(ArticleLayout layout, List<int[]> labels, Gazetteer gazetteer) {
    if (!hasNameBeforeOwnedPlace(layout, labels)) {
      return;
    }
    int org = Labels.typeIndex(EntityType.ORGANIZATION);
    int misc = Labels.typeIndex(EntityType.MISC);
    // the article's own organisations, where no such noun follows them ("Glencore said ...")
    Set<String> organisations = new HashSet<>();
    for (int s = 0; s < labels.size(); s++) {
      Placed p = layout.placed.get(s);
      for (Span span : SpanRepair.spans(labels.get(s))) {
        if (span.type() == org && !isBeforeOwnedPlace(p, span)) {
          organisations.add(KindNouns.text(p, span));
        }
      }
    }
    for (int s = 0; s < labels.size(); s++) {
      Placed p = layout.placed.get(s);
      int[] y = labels.get(s);
      for (Span span : SpanRepair.spans(y)) {
        if (span.type() != org && span.type() != misc && isBeforeOwnedPlace(p, span)
            && (organisations.contains(KindNouns.text(p, span))
                || gazetteer.containsOrganisation(SpanRepair.words(p.tokens(), span.from(), span.to())))) {
          SpanRepair.write(y, new Span(span.from(), span.to(), org));
        }
      }
    }
  }

  /** Does any name stand right before a noun of owned places? Most articles have none. */
  private static boolean hasNameBeforeOwnedPlace(ArticleLayout layout, List<int[]> labels) {
    for (int s = 0; s < labels.size(); s++) {
      int[] y = labels.get(s);
      List<Token> tokens = layout.placed.get(s).tokens();
      for (int k = 1; k < y.length; k++) {
        if (y[k] == Labels.O && y[k - 1] != Labels.O && OWNED.contains(tokens.get(k).text())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isBeforeOwnedPlace(Placed p, Span span) {
    return span.to() < p.tokens().size() && OWNED.contains(p.tokens().get(span.to()).text());
  }
}
