package io.newsline.enrich.ner.tagger;

import java.util.List;

/**
 * The second pass of the tagger's two-stage decoding (Ratinov &amp; Roth 2009, "prediction
 * aggregation"): after a first pass over the whole article, each capitalised word gets features
 * saying how the first pass labelled the other capitalised occurrences of the same word
 * (case-insensitive, so an ALL CAPS headline sees the text's "Leicestershire"). A name the text
 * makes clear is then labelled alike where its own context is weak: in headlines, tables, lists.
 * Plain counts over one article; not thread-safe, one per call.
 */
public final class PredictionHistory {
  private static final int L = Labels.COUNT;
  private final LongIntMap index = new LongIntMap(256);
  private int[] counts = new int[64 * L];
  private final int[] byType = new int[Labels.TYPES.length + 1];
  private int words;

  /** Counts the first-pass labels y of a sentence's words. */
  public void add(String[] sentence, int[] y) {
    for (int i = 0; i < sentence.length; i++) {
      String w = sentence[i];
      if (!counted(w)) {
        continue;
      }
      long key = FeatureHash.ofLower(w, 0, w.length());
      int slot = index.get(key);
      if (slot < 0) {
        slot = words++;
        index.put(key, slot);
        if ((slot + 1) * L > counts.length) {
          counts = java.util.Arrays.copyOf(counts, counts.length * 2);
        }
      }
      counts[slot * L + y[i]]++;
    }
  }

  /** Counts the first-pass labels of a whole article. */
  public static PredictionHistory of(List<String[]> sentences, List<int[]> labels) {
    PredictionHistory h = new PredictionHistory();
    for (int s = 0; s < sentences.size(); s++) {
      h.add(sentences.get(s), labels.get(s));
    }
    return h;
  }

  /** Only words that start with a capital take part (names), not "bush" for "Bush". */
  static boolean counted(String w) {
    return !w.isEmpty() && Character.isUpperCase(w.charAt(0));
  }

  /**
   * Features of word w whose own first-pass label is self, in a line of the given kind, from the
   * labels of its other occurrences; written to buf from k, returns the new end.
   */
  public int features(String w, int self, LineKind kind, long[] buf, int k) {
    if (!counted(w)) {
      return k;
    }
    int slot = index.get(FeatureHash.ofLower(w, 0, w.length()));
    if (slot < 0) {
      return k;
    }
    int base = slot * L;
    int others = 0;
    java.util.Arrays.fill(byType, 0);
    for (int y = 0; y < L; y++) {
      int n = counts[base + y] - (y == self ? 1 : 0);
      if (n <= 0) {
        continue;
      }
      others += n;
      int type = y == Labels.O ? 0 : Labels.type(y) + 1;
      byType[type] += n;
      if (y != Labels.O) {
        buf[k++] = FeatureHash.combine(92, y);
      }
    }
    if (others == 0) {
      return k;
    }
    long kindHash = kind.ordinal() + 1;
    int best = 0;
    for (int t = 1; t < byType.length; t++) {
      if (byType[t] > 0) {
        buf[k++] = FeatureHash.combine(90, t, kindHash);
      }
      if (byType[t] > byType[best]) {
        best = t;
      }
    }
    buf[k++] = FeatureHash.combine(91, best, kindHash);
    if (best != 0 && byType[0] == 0) {
      buf[k++] = FeatureHash.combine(93, best, kindHash);
    }
    return k;
  }
}
