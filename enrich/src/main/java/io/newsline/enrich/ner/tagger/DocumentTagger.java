package io.newsline.enrich.ner.tagger;

import java.util.ArrayList;
import java.util.List;

/**
 * Tags all sentences of one article together, so that each word's features can see how the word
 * is written elsewhere in the article. Thread-safe: holds only immutable parts.
 */
public final class DocumentTagger {
  private final TaggerModel model;
  private final FeatureExtractor features;

  public DocumentTagger(TaggerModel model, FeatureExtractor features) {
    this.model = model;
    this.features = features;
  }

  /** One sentence to tag: its words and the casing kind of the line it sits in. */
  public record Sentence(String[] words, LineKind kind) {}

  /** BILOU labels for each word of each sentence. */
  public List<int[]> tag(List<Sentence> sentences) {
    DocumentStats stats = statsOf(sentences);
    List<int[]> out = new ArrayList<>(sentences.size());
    for (Sentence s : sentences) {
      out.add(s.words().length == 0 ? new int[0] : model.tag(features.extract(s.words(), s.kind(), stats)));
    }
    return out;
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
        case '\u201c', '\u201d', '\u201e' -> { return "\""; }
        case '\u2018', '\u2019' -> { return "'"; }
        case '\u2013', '\u2014' -> { return "--"; }
        default -> { return w; }
      }
    }
    return w.indexOf('\u2019') >= 0 ? w.replace('\u2019', '\'') : w;
  }
}
