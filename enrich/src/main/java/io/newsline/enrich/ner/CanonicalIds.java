package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Canonical entity ids: a type prefix and a folded name, so that spelling and transliteration
 * variants (Zelensky, Zelenskiy, Zelenskyy), abbreviations (U.S., US, United States; EU, European
 * Union) and possessives share an id. Depends only on the name, never on other articles, so ids
 * agree across parallel stream threads and runs. Alias tables: {@link KnownEntities}.
 */
public final class CanonicalIds {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private CanonicalIds() {}

  /** The id of a name of the given type, resolving known aliases (which may also fix the type). */
  public static String id(EntityType type, String name) {
    KnownEntities.Known known = known(type, name);
    if (known != null) {
      return known.id();
    }
    String folded = fold(name);
    if (type == EntityType.ORGANIZATION && SpanRepair.isCallSign(name)) {
      // WABC-TV and WABC are one station.
      int space = folded.indexOf(' ');
      return "org:" + (space < 0 ? folded : folded.substring(0, space));
    }
    if (type == EntityType.PERSON) {
      // People are named in full once and by surname after, and some articles never give the
      // first name: the surname alone keeps the id the same either way.
      return "per:" + key(KnownEntities.surname(folded));
    }
    return prefix(type) + ":" + key(folded);
  }

  /**
   * The id of a name whose type its line decides: a curated name of another type is another
   * entity ("NEW YORK" in a table of clubs is not the city).
   */
  public static String idAsTyped(EntityType type, String name) {
    KnownEntities.Known known = known(type, name);
    return known == null || known.type() == type ? id(type, name) : prefix(type) + ":" + key(foldWords(basic(name)));
  }

  /** A person's id from the full name, for when two people of an article share a surname. */
  public static String fullNameId(String name) {
    KnownEntities.Known known = known(EntityType.PERSON, name);
    return known != null ? known.id() : "per:" + key(fold(name));
  }

  /** The curated entity of a name, unless the tagger calls a curated place or body a person. */
  public static KnownEntities.Known known(EntityType type, String name) {
    KnownEntities.Known known = KnownEntities.get().lookup(name);
    if (known == null || type == EntityType.PERSON && known.type() != EntityType.PERSON) {
      return null;
    }
    return known;
  }

  /** Folded name as an id key: words joined by underscores. */
  static String key(String folded) {
    return folded.replace(' ', '_');
  }

  /**
   * The folded comparison key of a name: no accents, case, possessive, punctuation or leading
   * "the"; hyphens as spaces; transliteration endings unified; known aliases resolved.
   */
  public static String fold(String name) {
    String s = basic(name);
    String alias = KnownEntities.get().canonicalFold(s);
    return alias != null ? alias : foldWords(s);
  }

  /** Accents, case, quotes, possessive, "the", whitespace: the form alias tables are keyed by. */
  static String basic(String name) {
    String s = name;
    if (!isAscii(s)) {
      s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
      s = s.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u2013', '-').replace('\u2014', '-');
    }
    s = s.toLowerCase(Locale.ROOT).strip();
    if (s.endsWith("'s")) {
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("'")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.startsWith("the ")) {
      s = s.substring(4);
    }
    s = s.replace('-', ' ');
    if (s.indexOf("  ") >= 0 || s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0) {
      s = SPACES.matcher(s).replaceAll(" ");
    }
    return s.strip();
  }

  private static String foldWords(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (String w : s.split(" ")) {
      String f = foldWord(w);
      if (!f.isEmpty()) {
        if (out.length() > 0) {
          out.append(' ');
        }
        out.append(f);
      }
    }
    return out.toString();
  }

  /**
   * One word: letters, digits and '&' only; transliteration endings -iy, -yy, -ii, -yi, -ij
   * become -y (Zelenskiy, Zelenskyy, Zelensky; Andriy, Andrii).
   */
  static String foldWord(String w) {
    StringBuilder b = new StringBuilder(w.length());
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '&') {
        b.append(c);
      }
    }
    int n = b.length();
    if (n >= 4) {
      String end = b.substring(n - 2);
      if (end.equals("iy") || end.equals("yy") || end.equals("ii") || end.equals("yi") || end.equals("ij")) {
        b.setLength(n - 2);
        b.append('y');
      }
    }
    return b.toString();
  }

  static String prefix(EntityType type) {
    return switch (type) {
      case PERSON -> "per";
      case ORGANIZATION -> "org";
      case LOCATION -> "loc";
      case MISC -> "misc";
    };
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 127) {
        return false;
      }
    }
    return true;
  }
}
