package io.newsline.enrich.ner.tagger;

import io.newsline.enrich.ner.NerTokenizer;
import io.newsline.enrich.text.Token;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Name lists (countries, cities, regions, nationalities, first names, organisations, people)
 * matched over token sequences, case-insensitively. Each token gets a bit mask of (list, position
 * B/I/L/U) for the tagger's features. Immutable after loading, so safe to share between threads.
 */
public final class Gazetteer {
  /** The lists, in feature order; the resource is ner/gazetteer/NAME.txt or NAME.txt.gz. */
  public static final String[] LISTS = {
    "country", "city_major", "city", "region", "nationality", "first_name", "organization", "person"
  };
  private static final int MAX_WORDS = 6;
  private static final int FIRST_NAME = java.util.Arrays.asList(LISTS).indexOf("first_name");
  private static final int COUNTRY = java.util.Arrays.asList(LISTS).indexOf("country");
  private static final int ORGANIZATION = java.util.Arrays.asList(LISTS).indexOf("organization");
  private static final int NATIONALITY = java.util.Arrays.asList(LISTS).indexOf("nationality");
  /** The lists of places: country, city_major, city, region. */
  private static final int PLACES = 0b1111;
  /** Flag on a phrase-table value: some listed phrase continues after these words. */
  private static final int CONTINUES = 1 << 30;
  private final LongIntMap phrases;
  /** Dictionary casing per lower-cased word: 1 listed in lower case, 2 listed capitalised. */
  private final LongIntMap casing;
  /** A list learned from unlabelled news: how each capitalised word was typed there. */
  private final TypePriors priors;

  private Gazetteer() {
    this(new LongIntMap(1 << 16), new LongIntMap(1 << 18), TypePriors.load());
  }

  private Gazetteer(LongIntMap phrases, LongIntMap casing, TypePriors priors) {
    this.phrases = phrases;
    this.casing = casing;
    this.priors = priors;
  }

  /**
   * The same lists without the type priors: for the tagger whose verdicts the priors are
   * learned from (docs/ner.md, rebuilding the model).
   */
  public Gazetteer withoutPriors() {
    return new Gazetteer(phrases, casing, TypePriors.none());
  }

  /** The type prior code of a capitalised word by its lower-case hash ({@link TypePriors}), or -1. */
  public int typePrior(long lowerHash) {
    return priors.code(lowerHash);
  }

  public static Gazetteer load() {
    Gazetteer g = new Gazetteer();
    for (int list = 0; list < LISTS.length; list++) {
      g.loadList(list, LISTS[list]);
    }
    g.loadDictionary();
    // Every country name the JDK knows, in English.
    for (String cc : Locale.getISOCountries()) {
      g.add(0, new Locale("", cc).getDisplayCountry(Locale.ENGLISH));
    }
    return g;
  }

  private void loadList(int list, String name) {
    String base = "/ner/gazetteer/" + name + ".txt";
    InputStream in = Gazetteer.class.getResourceAsStream(base);
    try {
      if (in == null) {
        in = Gazetteer.class.getResourceAsStream(base + ".gz");
        if (in == null) {
          throw new IllegalStateException("missing gazetteer resource " + base);
        }
        in = new GZIPInputStream(in);
      }
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          line = line.strip();
          if (!line.isEmpty() && !line.startsWith("#")) {
            add(list, line);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An English word list with proper nouns capitalised: a word listed only in lower case is a
   * common word, which matters most in Title Case headlines where every word is capitalised.
   */
  private void loadDictionary() {
    try (BufferedReader r = reader("/ner/gazetteer/dictionary.txt.gz")) {
      for (String w; (w = r.readLine()) != null; ) {
        if (w.isEmpty() || w.startsWith("#")) {
          continue;
        }
        if (w.length() > 1 && w.equals(w.toUpperCase(Locale.ROOT))) {
          continue; // acronyms (OF, US) say nothing about a word's use as a name
        }
        long key = FeatureHash.ofLower(w, 0, w.length());
        int flag = Character.isUpperCase(w.charAt(0)) ? 2 : 1;
        int old = casing.get(key);
        casing.put(key, (old < 0 ? 0 : old) | flag);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedReader reader(String resource) throws IOException {
    InputStream in = Gazetteer.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing gazetteer resource " + resource);
    }
    if (resource.endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** Is this exact word sequence a listed name (any list but given names, which are only parts)? */
  public boolean containsName(String[] words) {
    return (lists(words) & ~(1 << FIRST_NAME)) != 0;
  }

  /** Is this word a listed given name ("John", "Maria")? */
  public boolean isGivenName(String word) {
    return (lists(new String[] {word}) & (1 << FIRST_NAME)) != 0;
  }

  /** Is this exact word sequence a listed nationality ("Jordanian", "South Korean")? */
  public boolean containsNationality(String[] words) {
    return (lists(words) & (1 << NATIONALITY)) != 0;
  }

  /** Is this exact word sequence a listed country ("Iran", "United States")? */
  public boolean containsCountry(String[] words) {
    return (lists(words) & (1 << COUNTRY)) != 0;
  }

  /** Is this exact word sequence a listed organisation ("Glencore", "Rio Tinto")? */
  public boolean containsOrganisation(String[] words) {
    return (lists(words) & (1 << ORGANIZATION)) != 0;
  }

  /** Is this exact word sequence a listed country, city or region? */
  public boolean containsPlace(String[] words) {
    return (lists(words) & PLACES) != 0;
  }

  /** Is this exact word sequence a listed phrase (any list)? */
  public boolean contains(String[] words) {
    return lists(words) != 0;
  }

  private int lists(String[] words) {
    if (words.length == 0 || words.length > MAX_WORDS) {
      return 0;
    }
    long key = 0;
    for (int i = 0; i < words.length; i++) {
      key = extend(key, i, words[i]);
    }
    int value = phrases.get(key);
    return value < 0 ? 0 : value & ~CONTINUES;
  }

  /** Dictionary casing of a word by its lower-case hash: 0 unknown, 1 lower, 2 capitalised, 3 both. */
  public int casing(long lowerHash) {
    return Math.max(0, casing.get(lowerHash));
  }

  private void add(int list, String phrase) {
    List<Token> toks = NerTokenizer.tokenize(phrase);
    if (toks.isEmpty() || toks.size() > MAX_WORDS) {
      return;
    }
    long key = 0;
    for (int i = 0; i < toks.size(); i++) {
      key = extend(key, i, toks.get(i).text());
    }
    int old = phrases.get(key);
    phrases.put(key, (old < 0 ? 0 : old) | (1 << list));
    // Mark prefixes so matching stops as soon as no listed phrase can continue.
    long prefix = 0;
    for (int i = 0; i < toks.size() - 1; i++) {
      prefix = extend(prefix, i, toks.get(i).text());
      int p = phrases.get(prefix);
      phrases.put(prefix, (p < 0 ? 0 : p) | CONTINUES);
    }
  }

  private static long extend(long key, int i, String word) {
    long h = FeatureHash.ofLower(normalise(word), 0, normalise(word).length());
    return i == 0 ? h : FeatureHash.combine(key, h);
  }

  private static String normalise(String w) {
    return w.indexOf('\u2019') >= 0 ? w.replace('\u2019', '\'') : w;
  }

  /**
   * Bit masks per word: bit (4 * list + part) with part B=0, I=1, L=2, U=3 for every listed phrase
   * the word is part of.
   */
  public int[] match(String[] words) {
    int n = words.length;
    int[] masks = new int[n];
    long[] wordHash = new long[n];
    for (int i = 0; i < n; i++) {
      String w = normalise(words[i]);
      wordHash[i] = FeatureHash.ofLower(w, 0, w.length());
    }
    for (int i = 0; i < n; i++) {
      // Names start with a capital or a digit; sparing the lower-case words saves most lookups.
      char first = words[i].charAt(0);
      if (!Character.isUpperCase(first) && !Character.isDigit(first)) {
        continue;
      }
      long key = 0;
      for (int j = i; j < n && j - i < MAX_WORDS; j++) {
        key = j == i ? wordHash[j] : FeatureHash.combine(key, wordHash[j]);
        int value = phrases.get(key);
        if (value < 0) {
          break;
        }
        int lists = value & ~CONTINUES;
        if (lists != 0) {
          mark(masks, i, j, lists);
        }
        if ((value & CONTINUES) == 0) {
          break;
        }
      }
    }
    return masks;
  }

  private static void mark(int[] masks, int from, int to, int lists) {
    for (int list = 0; list < LISTS.length; list++) {
      if ((lists & (1 << list)) == 0) {
        continue;
      }
      if (from == to) {
        masks[from] |= 1 << (4 * list + 3);
      } else {
        masks[from] |= 1 << (4 * list);
        for (int k = from + 1; k < to; k++) {
          masks[k] |= 1 << (4 * list + 1);
        }
        masks[to] |= 1 << (4 * list + 2);
      }
    }
  }
}
