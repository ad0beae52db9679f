package io.newsline.enrich.quotes;

import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.model.Mention;
import io.newsline.enrich.stance.StanceTokens;
import io.newsline.enrich.stance.StanceTokens.Tok;
import io.newsline.enrich.text.Sentences;
import java.util.List;

/**
 * One field of an article prepared for attribution: tokens, which entity mention covers each
 * token, which tokens are inside quotation marks, and sentences that never cut a quote in two.
 */
final class FieldText {
  final String text;
  final Field field;
  final List<Tok> toks;
  final List<QuoteSpans.Passage> passages;
  /** Entity whose mention covers the token, or null; and that mention's first and last token. */
  final Entity[] entity;
  final int[] mentionFirst;
  final int[] mentionLast;
  final boolean[] quoted;
  final int[] sentence;
  final int[] sentenceStart;

  FieldText(String text, Field field, List<Entity> entities) {
    this.text = text;
    this.field = field;
    this.toks = StanceTokens.tokenize(text);
    int n = toks.size();
    this.passages = QuoteSpans.find(text);
    this.entity = new Entity[n];
    this.mentionFirst = new int[n];
    this.mentionLast = new int[n];
    this.quoted = new boolean[n];
    this.sentence = new int[n];
    markMentions(entities);
    markQuotes();
    this.sentenceStart = markSentences();
  }

  int size() {
    return toks.size();
  }

  String form(int i) {
    return toks.get(i).form();
  }

  /** First token starting at or after char offset c (size() when none). */
  int tokenAt(int c) {
    int lo = 0;
    int hi = toks.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (toks.get(mid).start() < c) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First token of the sentence of token i. */
  int sentenceFirst(int i) {
    return sentenceStart[sentence[i]];
  }

  /** One past the last token of the sentence of token i. */
  int sentenceEnd(int i) {
    int s = sentence[i] + 1;
    return s < sentenceStart.length ? sentenceStart[s] : toks.size();
  }

  /** The token ends a mention whose entity may speak (not followed by a possessive 's). */
  boolean speakerMentionEndsAt(int i) {
    return i >= 0 && i < entity.length && entity[i] != null && mentionLast[i] == i && canSpeak(entity[i])
        && !(i + 1 < toks.size() && form(i + 1).equals("'s"));
  }

  static boolean canSpeak(Entity e) {
    return e.type() != EntityType.MISC;
  }

  private void markMentions(List<Entity> entities) {
    for (Entity e : entities) {
      for (Mention m : e.mentions()) {
        if (m.field() != field) {
          continue;
        }
        int first = tokenAt(m.start());
        int last = first;
        while (last + 1 < toks.size() && toks.get(last + 1).end() <= m.end()) {
          last++;
        }
        if (first >= toks.size() || toks.get(first).start() >= m.end()) {
          continue;
        }
        for (int k = first; k <= last; k++) {
          if (entity[k] == null) {
            entity[k] = e;
            mentionFirst[k] = first;
            mentionLast[k] = last;
          }
        }
      }
    }
  }

  private void markQuotes() {
    for (QuoteSpans.Passage p : passages) {
      int a = tokenAt(p.open());
      int b = tokenAt(p.close() + 1);
      for (int k = a; k < b; k++) {
        quoted[k] = true;
      }
    }
  }

  /** Sentence index per token; a quote split by the sentence splitter joins its sentences again. */
  private int[] markSentences() {
    List<int[]> spans = Sentences.split(text);
    int[] startTok = new int[spans.size()];
    int count = 0;
    for (int[] span : spans) {
      int t = tokenAt(span[0]);
      if (count == 0 || !splitsPassage(span[0])) {
        startTok[count++] = t;
      }
    }
    int[] starts = java.util.Arrays.copyOf(startTok, count);
    int s = 0;
    for (int i = 0; i < toks.size(); i++) {
      while (s + 1 < starts.length && starts[s + 1] <= i) {
        s++;
      }
      sentence[i] = s;
    }
    return starts;
  }

  private boolean splitsPassage(int charOffset) {
    for (QuoteSpans.Passage p : passages) {
      if (p.open() < charOffset && charOffset <= p.close()) {
        return true;
      }
    }
    return false;
  }
}
