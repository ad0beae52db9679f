package io.newsline.enrich.stance;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One lookup per token for everything the features need about a word: its hash, its prior
 * polarity, its word-vector row and whether it negates, breaks a clause or is a stop word.
 * Built once at load from the lexicon and the word vectors. Immutable, thread-safe.
 */
final class Vocabulary {
  static final int NEGATOR = 1;
  static final int CLAUSE_BREAK = 2;
  static final int STOPWORD = 4;

  /** What is known about a word; {@code row} is -1 without a vector. */
  record Word(long hash, float valence, int row, int flags) {
    boolean is(int flag) {
      return (flags & flag) != 0;
    }
  }

  private final Map<String, Word> words;

  Vocabulary(PolarityLexicon lexicon, WordVectors vectors, Set<String> negators, Set<String> clauseBreaks,
      Set<String> stopwords) {
    Map<String, Word> m = new HashMap<>();
    for (Set<String> set : java.util.List.of(lexicon.words(), vectors.words(), negators, clauseBreaks, stopwords)) {
      for (String w : set) {
        int flags = (negators.contains(w) ? NEGATOR : 0) | (clauseBreaks.contains(w) ? CLAUSE_BREAK : 0)
            | (stopwords.contains(w) ? STOPWORD : 0);
        m.putIfAbsent(w, new Word(FeatureHasher.hash(w), lexicon.valence(w), vectors.row(w), flags));
      }
    }
    this.words = Map.copyOf(m);
  }

  /** The entry of a lower-case token; a fresh one (hash only) for unknown words. */
  Word get(String w) {
    Word known = words.get(w);
    return known != null ? known : new Word(FeatureHasher.hash(w), 0f, -1, 0);
  }
}
