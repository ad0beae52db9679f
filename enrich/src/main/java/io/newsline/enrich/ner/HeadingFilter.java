package io.newsline.enrich.ner;

import io.newsline.enrich.ner.tagger.FeatureHash;
import io.newsline.enrich.ner.tagger.Gazetteer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Title Case headings ("Putin Pushes Back on Key U.S. Ideas", "Largest Obstacle") capitalise
 * every word, and the tagger then takes common words for names. A heading mention is kept as is
 * when it is a listed name or also found in the article's ordinary prose; otherwise common
 * lower-case dictionary words are trimmed from its ends ("Putin Pushes" becomes "Putin") and
 * nothing-left mentions are dropped.
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
      int from = 0;
      int to = c.words().length;
      while (from < to && isCommonWord(c.words()[from], gazetteer)) {
        from++;
      }
      while (to > from && isCommonWord(c.words()[to - 1], gazetteer)) {
        to--;
      }
      if (from == to) {
        continue;
      }
      if (from == 0 && to == c.words().length) {
        out.add(m);
        continue;
      }
      int start = c.starts()[from];
      int end = c.ends()[to - 1];
      String text = m.text().substring(start - m.start(), end - m.start());
      out.add(new RawMention(m.field(), start, end, text, m.type(), m.lead()));
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
