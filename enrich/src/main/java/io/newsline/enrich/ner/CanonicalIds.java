package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Canonical entity ids: a type prefix and a folded name, so that spelling and transliteration
 * variants (Zelensky, Zelenskiy, Zelenskyy), abbreviations (U.S., US) and possessives share an id.
 */
public final class CanonicalIds {
  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("us", "united states"),
          Map.entry("usa", "united states"),
          Map.entry("u.s", "united states"),
          Map.entry("u.s.", "united states"),
          Map.entry("u.s.a.", "united states"),
          Map.entry("america", "united states"),
          Map.entry("united states of america", "united states"),
          Map.entry("uk", "united kingdom"),
          Map.entry("u.k.", "united kingdom"),
          Map.entry("britain", "united kingdom"),
          Map.entry("great britain", "united kingdom"),
          Map.entry("eu", "european union"),
          Map.entry("e.u.", "european union"),
          Map.entry("un", "united nations"),
          Map.entry("u.n.", "united nations"),
          Map.entry("kiev", "kyiv"));

  private CanonicalIds() {}

  public static String id(EntityType type, String name) {
    return prefix(type) + ":" + fold(name).replace(' ', '_');
  }

  /** The folded comparison key of a name: no accents or possessive, lower case, variants unified. */
  public static String fold(String name) {
    String s = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    s = s.replace('\u2019', '\'').toLowerCase(Locale.ROOT).trim();
    s = s.replaceAll("'s$", "").replaceAll("\\s+", " ");
    s = ALIASES.getOrDefault(s, s);
    StringBuilder out = new StringBuilder();
    for (String w : s.split(" ")) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(foldWord(w));
    }
    return out.toString();
  }

  /** Unifies common transliteration endings: -skyy/-skiy/-skyi/-ski -> -sky; -iy -> -y. */
  static String foldWord(String w) {
    String x = w.replaceAll("[^\\p{L}\\p{N}.&-]", "");
    x = x.replaceAll("(sk|tsk|ck)(yy|iy|yi|ii|i)$", "$1y");
    x = x.replaceAll("iy$", "y");
    x = x.replaceAll("yy$", "y");
    return x;
  }

  static String prefix(EntityType type) {
    return switch (type) {
      case PERSON -> "per";
      case ORGANIZATION -> "org";
      case LOCATION -> "loc";
      case MISC -> "misc";
    };
  }
}
