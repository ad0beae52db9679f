package io.newsline.enrich.ner;

import io.newsline.enrich.ner.SpanRepair.Span;
import io.newsline.enrich.text.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * A name followed by "and Co" or "&amp; Co" is a company with it ("Arthur Yates and Co", "Morgan
 * Stanley &amp; Co"), whatever the tagger made of either: it reads the partner's name as a person
 * and "Co" alone as anything. {@link EntityAssembler} then types the name written alone ("Arthur
 * Yates") as the company too.
 */
final class AndCoNames {
  private AndCoNames() {}

  static List<Span> apply(List<Token> tokens, List<Span> spans, int org) {
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
    return out;
  }

  private static boolean isConjunction(String w) {
    return w.equals("and") || w.equals("&");
  }
}
