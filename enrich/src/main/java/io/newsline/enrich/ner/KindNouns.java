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
 * The text says it two more ways (round 9): those who work at a firm are quoted with it
 * ("Analysts at Bernstein", "economists at Banorte"; CoNLL train: 13 of 14 names after an analyst,
 * economist or strategist "at" are organisations), and a name listed among organisations is one
 * ("Microsoft, Amazon and Alphabet", "Cargill, Mitsui, Continental and Louis Dreyfus Corp": a
 * list of three or more names joined by commas and "and" or "or", half or more of them
 * organisations). Round 11 adds what follows a name: a noun for an organisation's people or shares
 * ("Sakigake members", "Lecce striker", "Slough's chairman", "Sierra's stock"), what a news outlet
 * does ("Globo quoted", "Hina reported"; not after a listed place, "Khartoum reported"), and
 * before it a holding ("a stake in Daewoo", "a unit of Hanson").
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

  /** Those who work at a firm and are quoted with it: "analysts at Bernstein". */
  private static final Set<String> STAFF = Set.of(
      "analyst", "analysts", "economist", "economists", "strategist", "strategists");

  /**
   * Lower-case nouns written right after an organisation's name, or after its possessive, for its
   * people and its shares: "Sakigake members", "Lecce striker", "Slough's chairman", "Sierra's
   * stock". Not "spokesman" ("White House spokesman" is a place in CoNLL-2003) nor "officials"
   * ("Beijing officials").
   */
  private static final Set<String> OWN_NOUNS = Set.of(
      "chairman", "shareholders", "members", "secretary", "defender", "goalkeeper", "striker", "midfielder",
      "catcher", "pitcher");
  /**
   * What news outlets do that people in the news seldom do: "Globo quoted ...", "Hina reported"
   * (CoNLL-2003 train and dev: 50 of 55 names before them are organisations). Not after a listed
   * place: "Khartoum reported" is the government, which CoNLL writes as the place.
   */
  private static final Set<String> OUTLET_VERBS = Set.of("quoted", "reported");
  /** The same after a possessive only: "Sierra's stock" (but "Yeltsin's spokesman"). */
  private static final Set<String> OWN_NOUNS_AFTER_POSSESSIVE = Set.of("shares", "stock", "board");
  /** Lower-case noun and preposition before a company's name: "a stake in Daewoo", "a unit of Hanson". */
  private static final Set<String> HOLDINGS = Set.of("stake in", "stakes in", "unit of", "units of", "subsidiary of");

  private static final Set<String> CONJUNCTIONS = Set.of("and", "or");

  private KindNouns() {}

  /** Relabels, in place, every mention of a name the text says is an organisation as one. */
  static void apply(ArticleLayout layout, List<int[]> labels, Gazetteer gazetteer) {
    int org = Labels.typeIndex(EntityType.ORGANIZATION);
    int misc = Labels.typeIndex(EntityType.MISC);
    List<String> names = null;
    for (int s = 0; s < labels.size(); s++) {
      int[] y = labels.get(s);
      Placed p = layout.placed.get(s);
      List<Span> spans = SpanRepair.spans(y);
      for (int i = 0; i < spans.size(); i++) {
        Span span = spans.get(i);
        boolean said = isAfterKind(p, y, span.from()) || isBeforeOwnWord(p, span, gazetteer)
            || isListedWithOrganisations(p, spans, i, org);
        if (said && mayBeOrganisation(layout, labels, p, span, gazetteer)) {
          if (names == null) {
            names = new ArrayList<>(2);
          }
          names.add(text(p, span));
        }
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
   * Is the name at k written right after a kind of organisation ("chipmaker Nvidia"), or after
   * those who work at one ("analysts at Bernstein")?
   */
  private static boolean isAfterKind(Placed p, int[] y, int k) {
    if (k == 0 || y[k - 1] != Labels.O) {
      return false;
    }
    String before = p.tokens().get(k - 1).text();
    if (NOUNS.contains(before)) {
      return true;
    }
    if (k < 2 || !before.equals("at") && !before.equals("in") && !before.equals("of")) {
      return false;
    }
    String twoBefore = p.tokens().get(k - 2).text().toLowerCase(Locale.ROOT);
    return before.equals("at") ? STAFF.contains(twoBefore) : HOLDINGS.contains(twoBefore + " " + before);
  }

  /**
   * Is the span followed by a noun for an organisation's people or shares ("Sakigake members",
   * "Slough's chairman", "Sierra's stock"), or by what a news outlet does ("Globo quoted")?
   */
  private static boolean isBeforeOwnWord(Placed p, Span span, Gazetteer gazetteer) {
    int k = span.to();
    if (k >= p.tokens().size()) {
      return false;
    }
    String after = p.tokens().get(k).text();
    if (OWN_NOUNS.contains(after)) {
      return true;
    }
    if (OUTLET_VERBS.contains(after)) {
      return !gazetteer.containsPlace(SpanRepair.words(p.tokens(), span.from(), span.to()));
    }
    boolean possessive = after.equals("'s") || after.equals("\u2019s");
    return possessive && k + 1 < p.tokens().size() && (OWN_NOUNS.contains(p.tokens().get(k + 1).text())
        || OWN_NOUNS_AFTER_POSSESSIVE.contains(p.tokens().get(k + 1).text()));
  }

  /**
   * Is span i one of a list of three or more names, joined only by commas and "and" or "or", of
   * which half or more, and at least two others, are organisations ("Microsoft, Amazon and
   * Alphabet"; "Cargill, Mitsui, Continental and Louis Dreyfus Corp")? Lists are of one kind of
   * thing. A list says "and" or "or" somewhere; names joined by commas alone are more often an
   * address ("Joint Reserve Base Fort Worth, Texas").
   */
  private static boolean isListedWithOrganisations(Placed p, List<Span> spans, int i, int org) {
    if (spans.get(i).type() == org) {
      return false;
    }
    int first = i;
    while (first > 0 && isListJoint(p, spans.get(first - 1).to(), spans.get(first).from())) {
      first--;
    }
    int last = i;
    while (last + 1 < spans.size() && isListJoint(p, spans.get(last).to(), spans.get(last + 1).from())) {
      last++;
    }
    int organisations = 0;
    boolean conjunction = false;
    for (int k = first; k <= last; k++) {
      organisations += spans.get(k).type() == org ? 1 : 0;
      conjunction |= k > first && CONJUNCTIONS.contains(p.tokens().get(spans.get(k).from() - 1).text());
    }
    return conjunction && last - first >= 2 && organisations >= 2 && 2 * organisations >= last - first + 1;
  }

  /** Are the tokens from..to between two names a list's joint: ",", "and", "or", ", and"? */
  private static boolean isListJoint(Placed p, int from, int to) {
    if (to - from < 1 || to - from > 2) {
      return false;
    }
    String first = p.tokens().get(from).text();
    if (to - from == 1) {
      return first.equals(",") || CONJUNCTIONS.contains(first);
    }
    return first.equals(",") && CONJUNCTIONS.contains(p.tokens().get(from + 1).text());
  }

  /**
   * Can the span be an organisation the tagger mistyped? Not MISC (products after "maker"), not a
   * name that goes on in capitals, not a country, not a "person" with a given name first or whose
   * last word the article uses alone as a person.
   */
  private static boolean mayBeOrganisation(ArticleLayout layout, List<int[]> labels, Placed p, Span span,
      Gazetteer gazetteer) {
    int k = span.from();
    int to = span.to() - 1;
    boolean goesOn = to + 1 < p.tokens().size() && Character.isUpperCase(p.tokens().get(to + 1).text().charAt(0));
    boolean person = span.type() == Labels.typeIndex(EntityType.PERSON);
    return span.type() != Labels.typeIndex(EntityType.MISC) && !goesOn
        && !(person && (gazetteer.isGivenName(p.tokens().get(k).text())
            || to > k && isSurnameAlone(layout, labels, p.tokens().get(to).text())))
        && !gazetteer.containsCountry(SpanRepair.words(p.tokens(), k, to + 1));
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
  static String text(Placed p, Span span) {
    return p.source().substring(p.tokens().get(span.from()).start(), p.tokens().get(span.to() - 1).end())
        .toLowerCase(Locale.ROOT);
  }
}
