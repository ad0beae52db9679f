package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.ner.ArticleLayout.Placed;
import io.newsline.enrich.ner.SpanRepair.Span;
import io.newsline.enrich.ner.tagger.Labels;
import io.newsline.enrich.ner.tagger.LineKind;
import io.newsline.enrich.text.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names that end in a possessive: "Lloyd's", "Moody's", "McDonald's", "Sainsbury's". The tokenizer
 * splits "'s" off every word (as CoNLL does) and the tagger leaves it outside the name, which is
 * right for a genitive ("Putin's army"); but a genitive is followed by the noun it qualifies, so an
 * organisation's "X's" before a full stop, a comma, a colon, "of" or "said" ("in favour of
 * Lloyd's.", "Lloyd's of London", "Aa2 - Moody's.") is itself the name, "'s" included; so is a
 * person's or place's "X's" before "of" or "said", a person's then typed an organisation (the
 * tagger took a business for a person). In CoNLL-2003 train and dev all 10 organisations' "'s" before such a word are
 * part of the name, and none of the 1,017 genitives after a name is followed so. Once an article
 * writes such a name, every "X's" of it is that name ("the Lloyd's decision", "Association of
 * Lloyd's"): it works on the labels of the whole article, before mentions are cut out.
 */
final class PossessiveNames {
  /** Marks and words that cannot follow a genitive: after an organisation's "X's" they say that "X's" is a name. */
  private static final Set<String> AFTER_NAME = Set.of(".", ",", ":", ";", "-", "of", "said", "says");
  /**
   * After a person's or a place's name, a full stop or comma may close an elided noun ("a friend
   * of Reid's.", "larger than Canada's."): only "of" and "said" say that "X's" is a name.
   */
  private static final Set<String> AFTER_OTHER = Set.of("of", "said", "says");
  /** Longest name, in words, looked for before a possessive. */
  private static final int MAX_WORDS = 4;

  private PossessiveNames() {}

  /** A name written with its possessive: its words, and the type index it takes. */
  private record Name(String text, int words, int type) {}

  /** Extends, in place, the labels of every "X's" of the article whose "X's" is a name. */
  static void apply(ArticleLayout layout, List<int[]> labels) {
    List<Name> names = null;
    int per = Labels.typeIndex(EntityType.PERSON);
    int org = Labels.typeIndex(EntityType.ORGANIZATION);
    int misc = Labels.typeIndex(EntityType.MISC);
    for (int s = 0; s < labels.size(); s++) {
      List<Token> tokens = layout.placed.get(s).tokens();
      int[] y = labels.get(s);
      for (int k = 1; k + 1 < y.length; k++) {
        // A tagged name's last word (L or U) right before an "'s".
        if (y[k - 1] == Labels.O || Labels.part(y[k - 1]) < 2 || !isPossessive(tokens, k)) {
          continue;
        }
        int from = k - 1;
        while (from > 0 && Labels.part(y[from]) != 0 && Labels.part(y[from]) != 3) {
          from--;
        }
        Span span = new Span(from, k, Labels.type(y[k - 1]));
        if (span.to() - span.from() > MAX_WORDS || span.type() == misc
            || !(span.type() == org ? AFTER_NAME : AFTER_OTHER).contains(tokens.get(k + 1).text())
            || isPluralOfAcronym(layout.placed.get(s), span)) {
          continue;
        }
        if (names == null) {
          names = new ArrayList<>(2);
        }
        Placed p = layout.placed.get(s);
        String text = p.source().substring(tokens.get(span.from()).start(), tokens.get(span.to() - 1).end());
        names.add(new Name(text, span.to() - span.from(), span.type() == per ? org : span.type()));
      }
    }
    if (names == null) {
      return;
    }
    for (int s = 0; s < labels.size(); s++) {
      Placed p = layout.placed.get(s);
      int[] y = labels.get(s);
      for (int k = 1; k < y.length; k++) {
        if (y[k] != Labels.O || !isPossessive(p.tokens(), k)) {
          continue;
        }
        for (Name name : names) {
          int from = k - name.words;
          if (from < 0) {
            continue;
          }
          String text = p.source().substring(p.tokens().get(from).start(), p.tokens().get(k - 1).end());
          if (!text.equalsIgnoreCase(name.text)) {
            continue;
          }
          boolean inside = y[from] != Labels.O && Labels.part(y[from]) != 0 && Labels.part(y[from]) != 3;
          if (inside) {
            // The end of a longer name ("Association of Lloyd's"): that name takes the "'s" too.
            int begin = from;
            while (begin > 0 && Labels.part(y[begin]) != 0) {
              begin--;
            }
            SpanRepair.write(y, new Span(begin, k + 1, Labels.type(y[from])));
          } else {
            SpanRepair.write(y, new Span(from, k + 1, name.type));
          }
          break;
        }
      }
    }
  }

  /** "36 KO's," in a line of running text: the plural of an acronym, not a name. */
  private static boolean isPluralOfAcronym(Placed p, Span span) {
    String w = p.tokens().get(span.from()).text();
    return span.to() - span.from() == 1 && p.kind() != LineKind.ALL_CAPS && w.length() <= 4
        && w.equals(w.toUpperCase(Locale.ROOT));
  }

  /** Is token k an "'s" written onto the word before it? */
  private static boolean isPossessive(List<Token> tokens, int k) {
    Token t = tokens.get(k);
    String w = t.text();
    return w.length() == 2 && (w.charAt(0) == '\'' || w.charAt(0) == '\u2019')
        && (w.charAt(1) == 's' || w.charAt(1) == 'S') && tokens.get(k - 1).end() == t.start();
  }
}
