package io.newsline.enrich.ner;

import io.newsline.enrich.ner.tagger.FeatureHash;
import io.newsline.enrich.ner.tagger.Gazetteer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Title Case headings ("Putin Pushes Back on Key U.S. Ideas", "Largest Obstacle") capitalise
 * every word, and the tagger then takes common words for names. A heading mention is kept as is
 * when it is a listed name or also found in the article's ordinary prose; otherwise it is cut at
 * words the dictionary lists only in lower case ("Putin Meets Trump Envoys" gives Putin and Trump).
 */
final class HeadingFilter {
  private HeadingFilter() {}

  /** A tagged mention with its words' token bounds and whether its line is a Title Case heading. */
  record Candidate(RawMention mention, String[] words, int[] starts, int[] ends, boolean heading) {}

  static void apply(List<Candidate> candidates, Gazetteer gazetteer, List<RawMention> out) {
    Set<String> inProse = new HashSet<>();
    for (Candidate c : candidates) {
      if (!c.heading()) {
        inProse.add(KnownEntities.key(c.mention().text()));
      }
    }
    for (Candidate c : candidates) {
      RawMention m = c.mention();
      if (!c.heading() || inProse.contains(KnownEntities.key(m.text())) || gazetteer.contains(c.words())
          || KnownEntities.get().lookup(m.text()) != null) {
        out.add(m);
        continue;
      }
      // Keep the runs of words that are not common lower-case words: "Putin Meets Trump Envoys"
      // gives Putin and Trump.
      int runStart = -1;
      for (int k = 0; k <= c.words().length; k++) {
        boolean common = k == c.words().length || isCommonWord(c.words()[k], gazetteer);
        if (!common && runStart < 0) {
          runStart = k;
        } else if (common && runStart >= 0) {
          int start = c.starts()[runStart];
          int end = c.ends()[k - 1];
          out.add(new RawMention(m.field(), start, end, m.text().substring(start - m.start(), end - m.start()),
              m.type(), m.lead()));
          runStart = -1;
        }
      }
    }
  }

  /** A word the dictionary lists only in lower case (every part, for hyphenated words). */
  static boolean isCommonWord(String word, Gazetteer gazetteer) {
    for (String part : word.split("-")) {
      if (part.isEmpty() || gazetteer.casing(FeatureHash.ofLower(part, 0, part.length())) != 1) {
        return false;
      }
    }
    return true;
  }
}
