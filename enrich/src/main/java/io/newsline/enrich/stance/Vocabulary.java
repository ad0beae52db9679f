package io.newsline.enrich.stance;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One lookup per token for everything the features need about a word: its prior polarity, its
 * word-vector row and whether it negates, breaks a clause or is a stop word. Keyed by the word's
 * 64-bit hash (computed anyway for the features) in flat open-addressing arrays, so a lookup
 * touches two or three cache lines instead of a hash map's chain of objects. Built once at load;
 * immutable, thread-safe.
 */
final class Vocabulary {
  static final int NEGATOR = 1;
  static final int CLAUSE_BREAK = 2;
  static final int STOPWORD = 4;

  private final long[] keys;
  private final int[] rows;
  private final float[] valences;
  private final byte[] flags;
  private final int mask;

  Vocabulary(PolarityLexicon lexicon, WordVectors vectors, Set<String> negators, Set<String> clauseBreaks,
      Set<String> stopwords) {
    Set<String> words = new LinkedHashSet<>();
    for (Set<String> set : java.util.List.of(lexicon.words(), vectors.words(), negators, clauseBreaks, stopwords)) {
      words.addAll(set);
    }
    int size = Integer.highestOneBit(words.size() * 2) * 2;
    keys = new long[size];
    rows = new int[size];
    valences = new float[size];
    flags = new byte[size];
    mask = size - 1;
    java.util.Arrays.fill(rows, -1);
    for (String w : words) {
      long h = FeatureHasher.hash(w);
      int slot = slot(h);
      keys[slot] = h;
      rows[slot] = vectors.row(w);
      valences[slot] = lexicon.valence(w);
      flags[slot] = (byte) ((negators.contains(w) ? NEGATOR : 0) | (clauseBreaks.contains(w) ? CLAUSE_BREAK : 0)
          | (stopwords.contains(w) ? STOPWORD : 0));
    }
  }

  /** The slot of a word hash: its own if present, else the empty one where it would go. */
  private int slot(long h) {
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (keys[i] != 0 && keys[i] != h) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /** Slot of a word's hash, or -1 for an unknown word. */
  int find(long hash) {
    int i = slot(hash);
    return keys[i] == hash && hash != 0 ? i : -1;
  }

  int row(int slot) {
    return slot < 0 ? -1 : rows[slot];
  }

  float valence(int slot) {
    return slot < 0 ? 0f : valences[slot];
  }

  boolean is(int slot, int flag) {
    return slot >= 0 && (flags[slot] & flag) != 0;
  }
}
