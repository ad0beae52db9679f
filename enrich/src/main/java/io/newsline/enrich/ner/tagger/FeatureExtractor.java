package io.newsline.enrich.ner.tagger;

import io.newsline.common.Hashing;
import java.util.Arrays;
import java.util.List;

/**
 * Sparse features of every word of a sentence, as 64-bit hashes: the word and its neighbours,
 * shape, affixes, line kind, gazetteer matches, dictionary casing, word clusters and how the word
 * is cased elsewhere in the article. Built from per-word hashes, without creating strings.
 *
 * <p>Most features depend on one word only, in one of several roles (the word itself, the word
 * one or two to its left or right, or the word in a line of some casing kind). Those come in {@link #roleFeatures} groups, which a tagger can
 * score once per distinct word and role of an article ({@link DocumentTagger}); the rest are
 * {@link #contextFeatures}. Training sees the same features flattened ({@link #extract}).
 * Stateless and thread-safe.
 */
public final class FeatureExtractor {
  /** Bump when features change: a model trained with other features must not load. */
  public static final int VERSION = 3;
  public static final int SELF = 0;
  public static final int LEFT1 = 1;
  public static final int RIGHT1 = 2;
  public static final int LEFT2 = 3;
  public static final int RIGHT2 = 4;
  /** The word in a line of a given casing kind: roles KIND + kind.ordinal(). */
  public static final int KIND = 5;
  public static final int ROLES = KIND + LineKind.values().length;

  private static final long BOS = FeatureHash.of("<s>");
  private static final long EOS = FeatureHash.of("</s>");
  private final Gazetteer gazetteer;
  private final WordClusters clusters;

  public FeatureExtractor(Gazetteer gazetteer, WordClusters clusters) {
    this.gazetteer = gazetteer;
    this.clusters = clusters;
  }

  /** Hashes of one word that every template draws on. */
  public static final class Word {
    final String text;
    final long exact;
    final long lower;
    final long shape;
    final long shortShape;
    final long[] cluster = new long[WordClusters.LEVELS];
    final long dictionary;
    /** How unlabelled news typed the word when capitalised ({@link TypePriors}), or -1. */
    final int prior;

    private Word(String text, long exact, long lower, long shape, long shortShape, long dictionary, int prior) {
      this.text = text;
      this.prior = prior;
      this.exact = exact;
      this.lower = lower;
      this.shape = shape;
      this.shortShape = shortShape;
      this.dictionary = dictionary;
    }

    /** A stand-in for the words before the start or after the end of a sentence. */
    static Word boundary(long h) {
      Word w = new Word(null, h, h, h, h, 0, -1);
      Arrays.fill(w.cluster, h);
      return w;
    }

    /** Identifies the word for caching role features: its exact hash (boundaries differ). */
    public long key() {
      return exact;
    }
  }

  static final Word BEGIN = Word.boundary(BOS);
  static final Word END = Word.boundary(EOS);

  /** The clustered words, most frequent first: the words worth scoring once for all articles. */
  public List<String> frequentWords(int n) {
    List<String> all = clusters.words();
    return all.subList(0, Math.min(n, all.size()));
  }

  public Word word(String s) {
    long lower = FeatureHash.ofLower(s, 0, s.length());
    Word w = new Word(s, FeatureHash.of(s), lower, shape(s, false), shape(s, true),
        Character.isLetter(s.charAt(0)) ? gazetteer.casing(lower) : -1,
        Character.isUpperCase(s.charAt(0)) ? gazetteer.typePrior(lower) : -1);
    clusters.paths(s, w.cluster, 0);
    return w;
  }

  public Word[] words(String[] s) {
    Word[] out = new Word[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = word(s[i]);
    }
    return out;
  }

  /** The word at i, or a boundary stand-in outside the sentence. */
  static Word at(Word[] w, int i) {
    return i < 0 ? BEGIN : i >= w.length ? END : w[i];
  }

  /** Features of a word in a role; written to buf from k, returns the new end. */
  public static int roleFeatures(int role, Word w, long[] buf, int k) {
    switch (role) {
      case SELF -> {
        long sh = w.shortShape;
        buf[k++] = f(1, 0);
        buf[k++] = f(2, w.exact);
        buf[k++] = f(3, w.lower);
        buf[k++] = f(4, w.shape);
        buf[k++] = f(5, sh);
        String s = w.text;
        int len = s.length();
        for (int a = 1; a <= 4 && a < len; a++) {
          buf[k++] = f(10 + a, FeatureHash.ofLower(s, 0, a));
          buf[k++] = f(20 + a, FeatureHash.ofLower(s, len - a, len));
        }
        // Word clusters generalise the word identity to words never seen in training.
        for (int level = 0; level < WordClusters.LEVELS; level++) {
          long c = w.cluster[level];
          if (c != 0) {
            buf[k++] = f(50 + level, c);
            buf[k++] = f(55 + level, c, sh);
          }
        }
        // Dictionary casing: a common lower-case word, a proper noun, or unknown.
        if (w.dictionary >= 0) {
          buf[k++] = f(86, w.dictionary, sh);
        }
        buf[k++] = f(44, Math.min(len, 8), sh);
        // How unlabelled news typed the word: the verdict of many contexts, for unseen names.
        if (w.prior >= 0) {
          buf[k++] = f(96, w.prior);
          buf[k++] = f(97, w.prior, sh);
        }
      }
      case LEFT1 -> {
        buf[k++] = f(30, w.lower);
        buf[k++] = f(34, w.shortShape);
        if (w.prior >= 0) {
          buf[k++] = f(98, w.prior);
        }
        for (int level = 0; level < WordClusters.LEVELS; level++) {
          buf[k++] = f(60 + level, w.cluster[level]);
        }
      }
      case RIGHT1 -> {
        buf[k++] = f(31, w.lower);
        buf[k++] = f(35, w.shortShape);
        if (w.prior >= 0) {
          buf[k++] = f(99, w.prior);
        }
        for (int level = 0; level < WordClusters.LEVELS; level++) {
          buf[k++] = f(65 + level, w.cluster[level]);
        }
      }
      case LEFT2 -> buf[k++] = f(32, w.lower);
      case RIGHT2 -> buf[k++] = f(33, w.lower);
      default -> {
        if (role >= ROLES) {
          throw new IllegalArgumentException("role " + role);
        }
        // Casing features mean different things in headlines: conditioned on the line kind.
        long kindHash = role - KIND + 1;
        buf[k++] = f(42, kindHash, w.shortShape);
        buf[k++] = f(43, kindHash, w.lower);
        if (w.prior >= 0) {
          buf[k++] = f(88, kindHash, w.prior);
        }
        if (w.dictionary >= 0) {
          buf[k++] = f(87, w.dictionary, kindHash, w.shortShape);
        }
      }
    }
    return k;
  }

  /** Gazetteer matches of a sentence's words, for {@link #contextFeatures}. */
  public int[] gazetteer(String[] words) {
    return gazetteer.match(words);
  }

  /** Features of word i that combine several words or the sentence, line and article context. */
  public static int contextFeatures(Word[] w, int i, int[] gaz, LineKind kind, DocumentStats doc, long[] buf, int k) {
    int n = w.length;
    Word x = w[i];
    String s = x.text;
    long sh = x.shortShape;
    long kindHash = kind.ordinal() + 1;
    buf[k++] = f(36, at(w, i - 1).lower, x.lower);
    buf[k++] = f(37, x.lower, at(w, i + 1).lower);
    buf[k++] = f(38, at(w, i - 1).shortShape, sh, at(w, i + 1).shortShape);
    buf[k++] = f(39, at(w, i - 1).lower, sh);
    buf[k++] = f(40, sh, at(w, i + 1).lower);
    buf[k++] = f(41, i == 0 ? 1 : 0, sh);
    buf[k++] = f(45, at(w, i - 2).lower, at(w, i - 1).lower);
    buf[k++] = f(46, at(w, i + 1).lower, at(w, i + 2).lower);
    // Gazetteer matches of this word (list, position, capitalised?) and its neighbours' lists.
    boolean cap = Character.isUpperCase(s.charAt(0));
    k = gazetteerFeatures(gaz[i], 70, cap ? 1 : 0, buf, k);
    k = gazetteerFeatures(i > 0 ? gaz[i - 1] : 0, 71, 2, buf, k);
    k = gazetteerFeatures(i + 1 < n ? gaz[i + 1] : 0, 72, 3, buf, k);
    if (x.dictionary >= 0) {
      buf[k++] = f(85, x.dictionary, kindHash, i == 0 ? 1 : 0);
    }
    // Case of the same word elsewhere in the article.
    if (doc != null && Character.isLetter(s.charAt(0))) {
      int self = kind == LineKind.NORMAL ? DocumentStats.caseClass(s, i) : 0;
      int lowerElsewhere = doc.lowerCount(x.lower) - (self == 1 ? 1 : 0);
      int capElsewhere = doc.capitalisedCount(x.lower) - (self == 2 ? 1 : 0);
      long docCase = (lowerElsewhere > 0 ? 1 : 0) + (capElsewhere > 0 ? 2 : 0);
      buf[k++] = f(80, docCase, sh);
      buf[k++] = f(81, docCase, kindHash, i == 0 ? 1 : 0);
    }
    return k;
  }

  /** All features of each word of one sentence, flattened (for training). */
  public long[][] extract(String[] words, LineKind kind, DocumentStats doc) {
    Word[] w = words(words);
    int[] gaz = gazetteer.match(words);
    long[][] out = new long[words.length][];
    long[] buf = new long[BUFFER];
    for (int i = 0; i < words.length; i++) {
      int k = roleFeatures(SELF, w[i], buf, 0);
      k = roleFeatures(LEFT1, at(w, i - 1), buf, k);
      k = roleFeatures(RIGHT1, at(w, i + 1), buf, k);
      k = roleFeatures(LEFT2, at(w, i - 2), buf, k);
      k = roleFeatures(RIGHT2, at(w, i + 2), buf, k);
      k = roleFeatures(KIND + kind.ordinal(), w[i], buf, k);
      k = contextFeatures(w, i, gaz, kind, doc, buf, k);
      out[i] = Arrays.copyOf(buf, k);
    }
    return out;
  }

  /** Room for one word's features. */
  public static final int BUFFER = 256;

  private static int gazetteerFeatures(int mask, int template, int variant, long[] buf, int k) {
    while (mask != 0) {
      int bit = Integer.numberOfTrailingZeros(mask);
      mask &= mask - 1;
      // Neighbours see only the list, not the position.
      long value = template == 70 ? bit : bit / 4;
      buf[k++] = f(template, value, variant);
    }
    return k;
  }

  private static long f(int template, long a) {
    return FeatureHash.combine(template, a);
  }

  private static long f(int template, long a, long b) {
    return FeatureHash.combine(template, a, b);
  }

  private static long f(int template, long a, long b, long c) {
    return FeatureHash.combine(template, a, b, c);
  }

  /** Word shape: X x d for upper, lower, digit, other chars kept; short form collapses runs. */
  static long shape(String s, boolean collapse) {
    long h = 0xcbf29ce484222325L;
    char prev = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char m = Character.isUpperCase(c) ? 'X' : Character.isLowerCase(c) ? 'x'
          : Character.isDigit(c) ? 'd' : Character.isLetter(c) ? 'x' : c;
      run = m == prev ? run + 1 : 1;
      prev = m;
      if (collapse ? run > 1 : run > 4) {
        continue;
      }
      h ^= m;
      h *= 0x100000001b3L;
    }
    return Hashing.mix64(h);
  }
}
