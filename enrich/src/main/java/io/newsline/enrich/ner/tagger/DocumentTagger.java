package io.newsline.enrich.ner.tagger;

import io.newsline.enrich.ner.tagger.FeatureExtractor.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tags all sentences of one article together, so that each word's features can see how the word
 * is written elsewhere in the article. Scores each distinct word's single-word features once per
 * article and role (most of the work: an article repeats its words), and the most frequent words
 * of news once for all articles. Thread-safe: the shared scores are computed in the constructor
 * and only read afterwards; the per-article cache lives for one call.
 */
public final class DocumentTagger {
  private static final int L = Labels.COUNT;
  /** How many of the most frequent words (and their capitalised forms) are scored up front. */
  private static final int FREQUENT_WORDS = 4000;
  private final TaggerModel model;
  private final FeatureExtractor features;
  /** Frequent words with every role scored at construction; never written afterwards. */
  private final Map<String, Scored> frequent;

  public DocumentTagger(TaggerModel model, FeatureExtractor features) {
    this.model = model;
    this.features = features;
    Map<String, Scored> f = new HashMap<>();
    long[] buf = new long[FeatureExtractor.BUFFER];
    for (String w : features.frequentWords(FREQUENT_WORDS)) {
      for (String form : new String[] {w, capitalised(w)}) {
        if (!f.containsKey(form)) {
          Scored s = new Scored(features.word(form));
          int[] ignored = new int[L];
          for (int role = 0; role < FeatureExtractor.ROLES; role++) {
            addRole(ignored, role, s, buf);
          }
          f.put(form, s);
        }
      }
    }
    this.frequent = f;
  }

  private static String capitalised(String w) {
    return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  /** One sentence to tag: its words and the casing kind of the line it sits in. */
  public record Sentence(String[] words, LineKind kind) {}

  /** A word of the article with its role scores (one block of labels per role), computed on first use. */
  private static final class Scored {
    final Word word;
    final int[] roles = new int[FeatureExtractor.ROLES * L];
    int scored;

    Scored(Word word) {
      this.word = word;
    }
  }

  /**
   * BILOU labels for each word of each sentence, in two passes: the second adds to the first
   * pass's scores what the first pass said about the same words elsewhere in the article
   * ({@link PredictionHistory}) and decodes again the sentences that changes.
   */
  public List<int[]> tag(List<Sentence> sentences) {
    DocumentStats stats = statsOf(sentences);
    Map<String, Scored> vocabulary = new HashMap<>();
    Scored begin = new Scored(FeatureExtractor.BEGIN);
    Scored end = new Scored(FeatureExtractor.END);
    long[] buf = new long[FeatureExtractor.BUFFER];
    List<int[]> out = new ArrayList<>(sentences.size());
    List<int[][]> scores = new ArrayList<>(sentences.size());
    PredictionHistory history = new PredictionHistory();
    for (Sentence s : sentences) {
      String[] words = s.words();
      int n = words.length;
      if (n == 0) {
        out.add(new int[0]);
        scores.add(new int[0][]);
        continue;
      }
      Scored[] scored = new Scored[n];
      Word[] w = new Word[n];
      for (int i = 0; i < n; i++) {
        Scored known = frequent.get(words[i]);
        scored[i] = known != null ? known : vocabulary.computeIfAbsent(words[i], x -> new Scored(features.word(x)));
        w[i] = scored[i].word;
      }
      int[] gaz = features.gazetteer(words);
      int[][] acc = new int[n][L];
      for (int i = 0; i < n; i++) {
        int[] a = acc[i];
        addRole(a, FeatureExtractor.SELF, scored[i], buf);
        addRole(a, FeatureExtractor.LEFT1, i >= 1 ? scored[i - 1] : begin, buf);
        addRole(a, FeatureExtractor.RIGHT1, i + 1 < n ? scored[i + 1] : end, buf);
        addRole(a, FeatureExtractor.LEFT2, i >= 2 ? scored[i - 2] : begin, buf);
        addRole(a, FeatureExtractor.RIGHT2, i + 2 < n ? scored[i + 2] : end, buf);
        addRole(a, FeatureExtractor.KIND + s.kind().ordinal(), scored[i], buf);
        int k = FeatureExtractor.contextFeatures(w, i, gaz, s.kind(), stats, buf, 0);
        model.addAll(buf, k, a);
      }
      int[] y = model.decode(acc);
      history.add(words, y);
      out.add(y);
      scores.add(acc);
    }
    for (int s = 0; s < sentences.size(); s++) {
      String[] words = sentences.get(s).words();
      int[] first = out.get(s);
      int[][] acc = scores.get(s);
      boolean changed = false;
      for (int i = 0; i < words.length; i++) {
        int k = history.features(words[i], first[i], sentences.get(s).kind(), buf, 0);
        if (k > 0) {
          model.addAll(buf, k, acc[i]);
          changed = true;
        }
      }
      if (changed) {
        out.set(s, model.decode(acc));
      }
    }
    return out;
  }

  /** Adds the word's scores in the role to acc, scoring them first if need be. */
  private void addRole(int[] acc, int role, Scored s, long[] buf) {
    int base = role * L;
    if ((s.scored & (1 << role)) == 0) {
      int[] v = new int[L];
      int k = FeatureExtractor.roleFeatures(role, s.word, buf, 0);
      model.addAll(buf, k, v);
      System.arraycopy(v, 0, s.roles, base, L);
      s.scored |= 1 << role;
    }
    int[] r = s.roles;
    for (int y = 0; y < L; y++) {
      acc[y] += r[base + y];
    }
  }

  public static DocumentStats statsOf(List<Sentence> sentences) {
    DocumentStats stats = new DocumentStats();
    for (Sentence s : sentences) {
      stats.add(s.words(), s.kind());
    }
    return stats;
  }

  /** The word form the features see: typographic quotes and dashes as in the training text. */
  public static String normalise(String w) {
    if (w.length() == 1) {
      switch (w.charAt(0)) {
        case '\u201c', '\u201d', '\u201e' -> {
          return "\"";
        }
        case '\u2018', '\u2019' -> {
          return "'";
        }
        case '\u2013', '\u2014' -> {
          return "--";
        }
        default -> {
          return w;
        }
      }
    }
    return w.indexOf('\u2019') >= 0 ? w.replace('\u2019', '\'') : w;
  }
}
