package io.newsline.enrich.stance;

import io.newsline.enrich.stance.StanceTokens.Tok;
import java.util.List;
import java.util.Set;

/**
 * Everything about a sentence that does not depend on the target: tokens and their hashes,
 * clauses, quotation, negation scope, prior polarity and word-vector rows. Built once per sentence
 * and shared by all the targets in it. Immutable after construction.
 */
public final class SentenceView {
  static final Set<String> NEGATORS =
      Set.of("not", "no", "never", "without", "nor", "hardly", "cannot", "neither", "nothing", "none");
  static final Set<String> CLAUSE_BREAKS =
      Set.of(",", ";", ":", "(", ")", "-", "\"", "but", "while", "although", "though", "whereas",
          "because", "which", "who", "that", "and");
  /** Words left out of the averaged word vectors: they carry no polarity and blur the average. */
  static final Set<String> STOPWORDS =
      Set.of("the", "a", "an", "of", "to", "and", "in", "on", "at", "for", "with", "by", "from", "as",
          "that", "this", "is", "was", "are", "were", "be", "been", "it", "its", "or", "'s", "has",
          "have", "had", "which", "who", "their", "his", "her");
  private static final int NEGATION_REACH = 3;

  final String text;
  final List<Tok> toks;
  final String[] form;
  final long[] hash;
  final int[] clause;
  final boolean[] quoted;
  final boolean[] negated;
  /** Prior polarity, already flipped and damped under negation. */
  final float[] valence;
  /** Word-vector row, -1 for stop words, punctuation and unknown words. */
  final int[] vectorRow;
  final boolean hasQuote;

  SentenceView(String text, Vocabulary vocabulary) {
    this.text = text;
    this.toks = StanceTokens.tokenize(text);
    int n = toks.size();
    form = new String[n];
    hash = new long[n];
    clause = new int[n];
    quoted = new boolean[n];
    negated = new boolean[n];
    valence = new float[n];
    vectorRow = new int[n];
    boolean inside = false;
    boolean anyQuote = false;
    boolean anyNegator = false;
    int k = 0;
    for (int i = 0; i < n; i++) {
      Tok t = toks.get(i);
      String w = t.form();
      long h = FeatureHasher.hash(w);
      int slot = vocabulary.find(h);
      form[i] = w;
      hash[i] = h;
      if (vocabulary.is(slot, Vocabulary.CLAUSE_BREAK)) {
        k++;
      }
      clause[i] = k;
      if (w.equals("\"")) {
        inside = !inside;
        anyQuote = true;
      } else {
        quoted[i] = inside;
      }
      anyNegator |= vocabulary.is(slot, Vocabulary.NEGATOR);
      valence[i] = vocabulary.valence(slot);
      vectorRow[i] = t.isWord() && !vocabulary.is(slot, Vocabulary.STOPWORD) ? vocabulary.row(slot) : -1;
    }
    hasQuote = anyQuote;
    if (anyNegator) {
      for (int i = 0; i < n; i++) {
        if (NEGATORS.contains(form[i])) {
          for (int j = i + 1; j < n && j <= i + NEGATION_REACH && clause[j] == clause[i]; j++) {
            negated[j] = true;
          }
        }
      }
      for (int i = 0; i < n; i++) {
        if (negated[i]) {
          valence[i] = -0.7f * valence[i];
        }
      }
    }
  }

  int size() {
    return form.length;
  }

  boolean isWord(int i) {
    return toks.get(i).isWord();
  }
}
