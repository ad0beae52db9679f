package io.newsline.enrich.ner.tagger;

import java.util.Arrays;

/**
 * Sparse features of every word of a sentence, as 64-bit hashes: the word and its neighbours,
 * shape, affixes, line kind, gazetteer matches, word clusters and how the word is cased
 * elsewhere in the article. Built from per-word hashes, without creating strings. Stateless.
 */
public final class FeatureExtractor {
  /** Bump when features change: a model trained with other features must not load. */
  public static final int VERSION = 1;

  private static final long BOS = FeatureHash.of("<s>");
  private static final long EOS = FeatureHash.of("</s>");
  private final Gazetteer gazetteer;
  private final WordClusters clusters;

  public FeatureExtractor(Gazetteer gazetteer, WordClusters clusters) {
    this.gazetteer = gazetteer;
    this.clusters = clusters;
  }

  /** Per-word hashes computed once per sentence and shared by all templates. */
  private static final class Words {
    final int n;
    final long[] exact;
    final long[] lower;
    final long[] shape;
    final long[] shortShape;
    final long[] cluster;
    final int[] gaz;

    Words(int n) {
      this.n = n;
      exact = new long[n];
      lower = new long[n];
      shape = new long[n];
      shortShape = new long[n];
      cluster = new long[n * WordClusters.LEVELS];
      gaz = new int[n];
    }

    long lower(int i) {
      return i < 0 ? BOS : i >= n ? EOS : lower[i];
    }

    long shortShape(int i) {
      return i < 0 ? BOS : i >= n ? EOS : shortShape[i];
    }

    long cluster(int i, int level) {
      return i < 0 ? BOS : i >= n ? EOS : cluster[i * WordClusters.LEVELS + level];
    }
  }

  /** Features of each word of one sentence. */
  public long[][] extract(String[] words, LineKind kind, DocumentStats doc) {
    int n = words.length;
    Words w = new Words(n);
    for (int i = 0; i < n; i++) {
      String s = words[i];
      w.exact[i] = FeatureHash.of(s);
      w.lower[i] = FeatureHash.ofLower(s, 0, s.length());
      w.shape[i] = shape(s, false);
      w.shortShape[i] = shape(s, true);
      clusters.paths(s, w.cluster, i * WordClusters.LEVELS);
    }
    int[] gaz = gazetteer.match(words);
    long kindHash = kind.ordinal() + 1;
    long[][] out = new long[n][];
    long[] buf = new long[256];
    for (int i = 0; i < n; i++) {
      int k = 0;
      String s = words[i];
      long sh = w.shortShape[i];
      buf[k++] = f(1, 0);
      buf[k++] = f(2, w.exact[i]);
      buf[k++] = f(3, w.lower[i]);
      buf[k++] = f(4, w.shape[i]);
      buf[k++] = f(5, sh);
      int len = s.length();
      for (int a = 1; a <= 4 && a < len; a++) {
        buf[k++] = f(10 + a, FeatureHash.ofLower(s, 0, a));
        buf[k++] = f(20 + a, FeatureHash.ofLower(s, len - a, len));
      }
      buf[k++] = f(30, w.lower(i - 1));
      buf[k++] = f(31, w.lower(i + 1));
      buf[k++] = f(32, w.lower(i - 2));
      buf[k++] = f(33, w.lower(i + 2));
      buf[k++] = f(34, w.shortShape(i - 1));
      buf[k++] = f(35, w.shortShape(i + 1));
      buf[k++] = f(36, w.lower(i - 1), w.lower[i]);
      buf[k++] = f(37, w.lower[i], w.lower(i + 1));
      buf[k++] = f(38, w.shortShape(i - 1), sh, w.shortShape(i + 1));
      buf[k++] = f(39, w.lower(i - 1), sh);
      buf[k++] = f(40, sh, w.lower(i + 1));
      buf[k++] = f(41, i == 0 ? 1 : 0, sh);
      buf[k++] = f(42, kindHash, sh);
      buf[k++] = f(43, kindHash, w.lower[i]);
      buf[k++] = f(44, Math.min(len, 8), sh);
      buf[k++] = f(45, w.lower(i - 2), w.lower(i - 1));
      buf[k++] = f(46, w.lower(i + 1), w.lower(i + 2));
      // Word clusters generalise the word identity to words never seen in training.
      for (int level = 0; level < WordClusters.LEVELS; level++) {
        long c = w.cluster(i, level);
        if (c != 0) {
          buf[k++] = f(50 + level, c);
          buf[k++] = f(55 + level, c, sh);
        }
        buf[k++] = f(60 + level, w.cluster(i - 1, level));
        buf[k++] = f(65 + level, w.cluster(i + 1, level));
      }
      // Gazetteer matches of this word (list, position, capitalised?) and its neighbours' lists.
      boolean cap = Character.isUpperCase(s.charAt(0));
      k = gazetteerFeatures(gaz[i], 70, cap ? 1 : 0, buf, k);
      k = gazetteerFeatures(i > 0 ? gaz[i - 1] : 0, 71, 2, buf, k);
      k = gazetteerFeatures(i + 1 < n ? gaz[i + 1] : 0, 72, 3, buf, k);
      // Dictionary casing: is this a common lower-case word, a proper noun, or unknown?
      if (Character.isLetter(s.charAt(0))) {
        long dict = gazetteer.casing(w.lower[i]);
        buf[k++] = f(85, dict, kindHash, i == 0 ? 1 : 0);
        buf[k++] = f(86, dict, sh);
        buf[k++] = f(87, dict, kindHash, sh);
      }
      // Case of the same word elsewhere in the article.
      if (doc != null && Character.isLetter(s.charAt(0))) {
        int self = kind == LineKind.NORMAL ? DocumentStats.caseClass(s, i) : 0;
        int lowerElsewhere = doc.lowerCount(w.lower[i]) - (self == 1 ? 1 : 0);
        int capElsewhere = doc.capitalisedCount(w.lower[i]) - (self == 2 ? 1 : 0);
        long docCase = (lowerElsewhere > 0 ? 1 : 0) + (capElsewhere > 0 ? 2 : 0);
        buf[k++] = f(80, docCase, sh);
        buf[k++] = f(81, docCase, kindHash, i == 0 ? 1 : 0);
      }
      out[i] = Arrays.copyOf(buf, k);
    }
    return out;
  }

  private static int gazetteerFeatures(int mask, int template, int variant, long[] buf, int k) {
    while (mask != 0) {
      int bit = Integer.numberOfTrailingZeros(mask);
      mask &= mask - 1;
      // Neighbours see only the list, not the position.
      long value = template == 70 ? bit : bit / 4;
      buf[k++] = f(template, value, variant);
      if (k >= buf.length - 8) {
        break;
      }
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
    return FeatureHash.finish(h);
  }
}
