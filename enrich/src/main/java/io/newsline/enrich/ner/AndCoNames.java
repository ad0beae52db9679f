package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.ner.SpanRepair.Span;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.Labels;
import io.newsline.enrich.text.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * A name followed by "and Co" or "&amp; Co" is a company with it ("Arthur Yates and Co", "Morgan
 * Stanley &amp; Co"), whatever the tagger made of either: it reads the partner's name as a person
 * and "Co" alone as anything. {@link EntityAssembler} then types the name written alone ("Arthur
 * Yates") as the company too. So is a partnership, surnames joined by "and" or "&amp;" whose last
 * the tagger took for an organisation and the first for a person or nothing ("Donaldson Lufkin
 * &amp; Jenrette"): not when the person's first word is a given name ("Elon Musk and Tesla"), a
 * list knows the organisation ("Musk and Tesla") or its word has a lower-case use ("President
 * Trump and House Republicans"), nor at the end of a list of names ("Maniema, Shaba and
 * Bandundu").
 */
final class AndCoNames {
  private AndCoNames() {}

  static List<Span> apply(List<Token> tokens, List<Span> spans, int org, Gazetteer gazetteer) {
    List<Span> out = spans;
    for (int s = 0; s < out.size(); s++) {
      Span name = out.get(s);
      int co = name.to() + 1;
      if (co >= tokens.size() || !isConjunction(tokens.get(name.to()).text()) || !tokens.get(co).text().equals("Co")) {
        continue;
      }
      Span next = s + 1 < out.size() ? out.get(s + 1) : null;
      boolean coTagged = next != null && next.from() == co;
      if (coTagged && next.to() != co + 1) {
        continue;
      }
      if (out == spans) {
        out = new ArrayList<>(spans);
      }
      if (coTagged) {
        out.remove(s + 1);
      }
      out.set(s, new Span(name.from(), co + 1, org));
    }
    return partnerships(tokens, out, org, gazetteer);
  }

  private static List<Span> partnerships(List<Token> tokens, List<Span> spans, int org, Gazetteer gazetteer) {
    int per = Labels.typeIndex(EntityType.PERSON);
    List<Span> out = spans;
    for (int s = 0; s < out.size(); s++) {
      Span last = out.get(s);
      int link = last.from() - 1;
      if (last.type() != org || last.to() - last.from() != 1 || link < 1 || !isConjunction(tokens.get(link).text())
          || gazetteer.containsOrganisation(SpanRepair.words(tokens, last.from(), last.to()))
          || HeadingFilter.hasLowerCaseUse(tokens.get(last.from()).text(), gazetteer)) {
        continue;
      }
      Span before = s > 0 ? out.get(s - 1) : null;
      int from;
      if (before != null && before.to() == link) {
        from = before.type() == per && before.to() - before.from() <= 2
            && !gazetteer.isGivenName(tokens.get(before.from()).text()) ? before.from() : -1;
      } else {
        from = untaggedSurnames(tokens, link, before == null ? 0 : before.to(), gazetteer);
      }
      if (from < 0 || from > 0 && tokens.get(from - 1).text().equals(",")) {
        continue;
      }
      if (out == spans) {
        out = new ArrayList<>(spans);
      }
      if (before != null && before.to() == link) {
        out.remove(--s);
      }
      out.set(s, new Span(from, last.to(), org));
    }
    return out;
  }

  /**
   * Start of one or two capitalised words that no span covers right before the link at end, not
   * opening the sentence (every sentence's first word is capitalised) nor common words ("Wasps
   * and Bristol", "The Stars and Stripes"), or -1.
   */
  private static int untaggedSurnames(List<Token> tokens, int end, int floor, Gazetteer gazetteer) {
    int from = end;
    while (from > Math.max(floor, 1) && end - from < 2 && isCapitalisedWord(tokens.get(from - 1).text())
        && !HeadingFilter.isCommonWord(tokens.get(from - 1).text(), gazetteer)) {
      from--;
    }
    return from < end && from > 0 && from >= floor ? from : -1;
  }

  private static boolean isCapitalisedWord(String w) {
    return w.length() > 1 && Character.isUpperCase(w.charAt(0)) && Character.isLowerCase(w.charAt(1));
  }

  private static boolean isConjunction(String w) {
    return w.equals("and") || w.equals("&");
  }
}
