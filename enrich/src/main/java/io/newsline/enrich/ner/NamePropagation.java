package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.ner.ArticleLayout.Placed;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.Labels;
import io.newsline.enrich.ner.tagger.LineKind;
import io.newsline.enrich.text.Token;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the tagger left out: a name found somewhere in the article is a name wherever else it is
 * written the same way (capitalised), as is the surname of a person named in full ("Musk" in a
 * headline once the text has "Elon Musk"); and so is a curated name ({@link KnownEntities}).
 */
final class NamePropagation {
  private static final int MAX_WORDS = 6;
  private static final int MAX_CURATED_WORDS = 4;

  private NamePropagation() {}

  /** Adds to found the mentions the tagger missed. */
  static void apply(ArticleLayout layout, List<int[]> labels, Gazetteer gazetteer, List<RawMention> found) {
    Map<String, EntityType> names = new HashMap<>();
    for (RawMention m : found) {
      if (Character.isUpperCase(m.text().charAt(0)) && m.text().length() > 1) {
        names.putIfAbsent(m.text(), m.type());
        int space = m.text().lastIndexOf(' ');
        if (m.type() == EntityType.PERSON && space > 0) {
          String surname = m.text().substring(space + 1);
          if (surname.length() > 1 && Character.isUpperCase(surname.charAt(0))) {
            names.putIfAbsent(surname, EntityType.PERSON);
          }
        }
      }
    }
    Set<String> firstWords = new HashSet<>();
    for (String name : names.keySet()) {
      int space = name.indexOf(' ');
      firstWords.add(space < 0 ? name : name.substring(0, space));
    }
    Set<Long> taken = new HashSet<>();
    for (RawMention m : found) {
      taken.add(position(m.field().ordinal(), m.start()));
    }
    for (int s = 0; s < labels.size(); s++) {
      Placed p = layout.placed.get(s);
      int[] y = labels.get(s);
      for (int i = 0; i < y.length; i++) {
        Token first = p.tokens().get(i);
        if (y[i] != Labels.O || !Character.isUpperCase(first.text().charAt(0))) {
          continue;
        }
        if (!firstWords.contains(first.text())) {
          i += curated(p, y, i, gazetteer, taken, found);
          continue;
        }
        for (int len = Math.min(MAX_WORDS, y.length - i); len >= 1; len--) {
          int end = p.tokens().get(i + len - 1).end();
          String text = p.source().substring(first.start(), end);
          EntityType type = names.get(text);
          if (type != null && allOutside(y, i, i + len) && taken.add(position(p.field().ordinal(), first.start()))) {
            found.add(RawMention.of(p.field(), first.start(), end, text, type, p.lead()));
            i += len - 1;
            break;
          }
        }
      }
    }
  }

  /**
   * A curated name ("Zelensky", "Kremlin", "European Union") starting at word i of a sentence not
   * in ALL CAPS; a single word only if it is not a common lower-case word too. Adds it and returns
   * how many further words it covers.
   */
  private static int curated(Placed p, int[] y, int i, Gazetteer gazetteer, Set<Long> taken, List<RawMention> found) {
    if (p.kind() == LineKind.ALL_CAPS) {
      return 0;
    }
    for (int len = Math.min(MAX_CURATED_WORDS, y.length - i); len >= 1; len--) {
      if (!allOutside(y, i, i + len) || !Character.isUpperCase(p.tokens().get(i + len - 1).text().charAt(0))) {
        continue;
      }
      Token first = p.tokens().get(i);
      int end = p.tokens().get(i + len - 1).end();
      String text = p.source().substring(first.start(), end);
      if (text.length() < 2 || len == 1 && HeadingFilter.hasLowerCaseUse(text, gazetteer)) {
        continue;
      }
      KnownEntities.Known known = KnownEntities.get().lookup(text);
      if (known != null && taken.add(position(p.field().ordinal(), first.start()))) {
        found.add(RawMention.of(p.field(), first.start(), end, text, known.type(), p.lead()));
        return len - 1;
      }
    }
    return 0;
  }

  private static boolean allOutside(int[] y, int from, int to) {
    for (int k = from; k < to; k++) {
      if (y[k] != Labels.O) {
        return false;
      }
    }
    return true;
  }

  private static long position(int field, int start) {
    return ((long) field << 32) | start;
  }
}
