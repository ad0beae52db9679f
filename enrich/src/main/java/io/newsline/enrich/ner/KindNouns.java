package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.ner.ArticleLayout.Placed;
import io.newsline.enrich.ner.SpanRepair.Span;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A name right after a noun that says what kind of organisation it names is an organisation: "the
 * daily Iltalehti", "piston maker Kolbenschmidt", "rock group Oasis", "serie B club Genoa",
 * "chipmaker Nvidia". The 1996 tagger types an unknown one-word company by its letters and its
 * sentence, often as a person or a place; the noun before it has said what it is, and the article
 * means the same thing by the same name elsewhere ("Oasis singer heads for U.S."), so every
 * mention of the name in the article becomes the organisation. In CoNLL-2003 train and dev every
 * name after "group", "company", "firm", "daily", "agency", "club", "side", "bank", "newspaper" or
 * "operator" (113) is an organisation. Not a "person" whose first word is a given name ("film
 * maker Spike Lee", "another party Alex missed") or whose last word the article uses alone as a
 * person ("the agency Captain Manrosan ... said Manrosan"), not a name that goes on in capitals
 * (the tagger cut "HONG KONG" out of "the daily HONG KONG ECONOMIC TIMES"), not a country ("the
 * daily Iran": the country elsewhere), and MISC spans are left alone (products after "maker").
 * Works on the labels of the whole article, before mentions are cut out.
 */
final class KindNouns {
  /** Lower-case nouns for kinds of organisation, written right before a name. */
  private static final Set<String> NOUNS = Set.of(
      "group", "company", "firm", "daily", "newspaper", "weekly", "magazine", "tabloid", "agency", "club",
      "side", "bank", "operator", "maker", "carmaker", "automaker", "chipmaker", "drugmaker", "carrier",
      "airline", "insurer", "retailer", "chain", "broadcaster", "publisher", "brewer", "lender",
      "conglomerate", "manufacturer", "distributor", "giant", "subsidiary", "network", "regulator", "band",
      "miner", "refiner", "supermarket", "startup", "outfit");

  private KindNouns() {}

  /** Relabels, in place, every mention of a name written after a kind of organisation as one. */
  static void apply(ArticleLayout layout, List<int[]> labels, Gazetteer gazetteer) {
    int org = Labels.typeIndex(EntityType.ORGANIZATION);
    int per = Labels.typeIndex(EntityType.PERSON);
    int misc = Labels.typeIndex(EntityType.MISC);
    List<String> names = null;
    for (int s = 0; s < labels.size(); s++) {
      int[] y = labels.get(s);
      Placed p = layout.placed.get(s);
      for (int k = 1; k < y.length; k++) {
        if (y[k] == Labels.O || y[k - 1] != Labels.O || Labels.part(y[k]) != 0 && Labels.part(y[k]) != 3
            || !NOUNS.contains(p.tokens().get(k - 1).text())) {
          continue;
        }
        int to = k;
        while (to + 1 < y.length && Labels.part(y[to]) != 2 && Labels.part(y[to]) != 3) {
          to++;
        }
        int type = Labels.type(y[k]);
        boolean goesOn = to + 1 < y.length && Character.isUpperCase(p.tokens().get(to + 1).text().charAt(0));
        if (type == misc || goesOn || type == per && (gazetteer.isGivenName(p.tokens().get(k).text())
            || to > k && isSurnameAlone(layout, labels, p.tokens().get(to).text()))
            || gazetteer.containsCountry(SpanRepair.words(p.tokens(), k, to + 1))) {
          continue;
        }
        if (names == null) {
          names = new ArrayList<>(2);
        }
        names.add(text(p, new Span(k, to + 1, type)));
      }
    }
    if (names == null) {
      return;
    }
    for (int s = 0; s < labels.size(); s++) {
      int[] y = labels.get(s);
      for (Span span : SpanRepair.spans(y)) {
        if (span.type() != org && span.type() != misc && names.contains(text(layout.placed.get(s), span))) {
          SpanRepair.write(y, new Span(span.from(), span.to(), org));
        }
      }
    }
  }

  /**
   * Does the article use the word alone as a person ("Manrosan" after "the agency Captain
   * Manrosan"), as it does a person's surname?
   */
  private static boolean isSurnameAlone(ArticleLayout layout, List<int[]> labels, String word) {
    int single = Labels.label(Labels.typeIndex(EntityType.PERSON), 3);
    for (int s = 0; s < labels.size(); s++) {
      int[] y = labels.get(s);
      for (int k = 0; k < y.length; k++) {
        if (y[k] == single && layout.placed.get(s).tokens().get(k).text().equals(word)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The span's words as written, lower-cased (a headline in capitals names the same thing). */
  private static String text(Placed p, Span span) {
    return p.source().substring(p.tokens().get(span.from()).start(), p.tokens().get(span.to() - 1).end())
        .toLowerCase(Locale.ROOT);
  }
}
