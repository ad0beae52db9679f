package io.newsline.enrich.ner;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.ner.tagger.DocumentTagger;
import io.newsline.enrich.ner.tagger.DocumentTagger.Sentence;
import io.newsline.enrich.ner.tagger.LineKind;
import io.newsline.enrich.text.Sentences;
import io.newsline.enrich.text.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An article cut into lines, sentences and tokens in reading order, title first, page furniture
 * ({@link Boilerplate}) left out: what the tagger reads, and where each word came from.
 */
final class ArticleLayout {
  /** Mentions in the first this-many sentences of the text count as the lead for salience. */
  static final int LEAD_SENTENCES = 3;

  /**
   * One sentence: its tokens with offsets into the source (the title or the text), the casing
   * kind of its line, and whether it is part of the lead.
   */
  record Placed(Field field, String source, List<Token> tokens, LineKind kind, boolean lead) {}

  /** What the tagger sees, one per sentence, parallel to {@link #placed}. */
  final List<Sentence> sentences = new ArrayList<>();
  final List<Placed> placed = new ArrayList<>();
  private int textSentences;

  static ArticleLayout of(ArticleText article) {
    ArticleLayout layout = new ArticleLayout();
    if (article.title() != null && !article.title().isBlank()) {
      layout.addLine(Field.TITLE, article.title(), 0, article.title().length());
    }
    String text = article.text();
    int lineStart = 0;
    while (lineStart <= text.length()) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = text.length();
      }
      if (lineEnd > lineStart && !Boilerplate.isBoilerplate(text.substring(lineStart, lineEnd))) {
        layout.addLine(Field.TEXT, text, lineStart, lineEnd);
      }
      lineStart = lineEnd + 1;
    }
    return layout;
  }

  private void addLine(Field field, String source, int from, int to) {
    List<Token> tokens = new ArrayList<>(NerTokenizer.tokenize(source, from, to));
    if (tokens.isEmpty()) {
      return;
    }
    // Where each sentence ends, in tokens; a sentence's full stop leaves its last abbreviation.
    List<Integer> ends = new ArrayList<>();
    int t = 0;
    for (int[] span : Sentences.split(source.substring(from, to))) {
      int spanEnd = from + span[1];
      while (t < tokens.size() && tokens.get(t).start() < spanEnd) {
        t++;
      }
      t = NerTokenizer.splitFinalPeriod(tokens, t);
      ends.add(t);
    }
    ends.add(NerTokenizer.splitFinalPeriod(tokens, tokens.size()));
    String[] words = new String[tokens.size()];
    for (int i = 0; i < words.length; i++) {
      words[i] = DocumentTagger.normalise(tokens.get(i).text());
    }
    LineKind kind = LineKind.of(words, 0, words.length);
    int first = 0;
    for (int end : ends) {
      add(field, source, tokens, words, first, end, kind);
      first = Math.max(first, end);
    }
  }

  private void add(Field field, String source, List<Token> tokens, String[] words, int from, int to, LineKind kind) {
    if (to > from) {
      boolean lead = field == Field.TEXT && textSentences++ < LEAD_SENTENCES;
      sentences.add(new Sentence(Arrays.copyOfRange(words, from, to), kind));
      placed.add(new Placed(field, source, tokens.subList(from, to), kind, lead));
    }
  }
}
