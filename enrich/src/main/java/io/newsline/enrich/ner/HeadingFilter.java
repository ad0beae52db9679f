package io.newsline.enrich.ner;

import io.newsline.enrich.ner.tagger.FeatureHash;
import io.newsline.enrich.ner.tagger.Gazetteer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Title Case headings ("Putin Pushes Back on Key U.S. Ideas", "Largest Obstacle") capitalise
 * every word, and the tagger then takes common words for names. A heading mention is kept as is
 * when it is confirmed: found in the article's prose, a listed phrase, a curated name, or closed
 * by a legal form ("BORROWER - Mitsubishi Gas Chemical Co Ltd", "IPO FILING -- Homegate
 * Hospitality Inc": only a company's name ends so).
 * Otherwise it is cut at words the dictionary lists only in lower case, and of each piece the
 * longest confirmed part is kept ("Putin Meets Trump Envoys" gives Putin and Trump, "Google Race"
 * gives Google), or the piece itself if none of its words has a lower-case use (an unknown name).
 */
final class HeadingFilter {
  private HeadingFilter() {}

  /** A tagged mention with its words' token bounds and whether its line is a Title Case heading. */
  record Candidate(RawMention mention, String[] words, int[] starts, int[] ends, boolean heading) {}

  static void apply(List<Candidate> candidates, Gazetteer gazetteer, List<RawMention> out) {
    Set<String> inProse = new HashSet<>();
    for (Candidate c : candidates) {
      if (!c.heading()) {
        inProse.add(c.mention().key());
      }
    }
    for (Candidate c : candidates) {
      if (!c.heading() || confirmed(c, 0, c.words().length, inProse, gazetteer)) {
        out.add(c.mention());
        continue;
      }
      // Cut at common words, then keep of each run its longest confirmed part, or the run itself
      // when none of its words is a common word at all (an unknown name such as "Zelenskyy").
      int runStart = -1;
      for (int k = 0; k <= c.words().length; k++) {
        boolean common = k == c.words().length || isCommonWord(c.words()[k], gazetteer);
        if (!common && runStart < 0) {
          runStart = k;
        } else if (common && runStart >= 0) {
          keepPartOf(c, runStart, k, inProse, gazetteer, out);
          runStart = -1;
        }
      }
    }
  }

  private static void keepPartOf(Candidate c, int from, int to, Set<String> inProse, Gazetteer gazetteer,
      List<RawMention> out) {
    for (int len = to - from; len >= 1; len--) {
      for (int s = from; s + len <= to; s++) {
        if (startsLikeName(c.words()[s]) && startsLikeName(c.words()[s + len - 1])
            && confirmed(c, s, s + len, inProse, gazetteer)) {
          out.add(part(c, s, s + len));
          return;
        }
      }
    }
    for (int k = from; k < to; k++) {
      if (hasLowerCaseUse(c.words()[k], gazetteer)) {
        return;
      }
    }
    out.add(part(c, from, to));
  }

  /** Is words[from, to) a name found in the article's prose, a listed phrase or a curated name? */
  private static boolean confirmed(Candidate c, int from, int to, Set<String> inProse, Gazetteer gazetteer) {
    String[] words = java.util.Arrays.copyOfRange(c.words(), from, to);
    String text = text(c, from, to);
    return inProse.contains(KnownEntities.key(text)) || gazetteer.containsName(words)
        || KnownEntities.get().lookup(text) != null
        || to - from > 1 && EntityAssembler.LEGAL_FORMS.contains(KnownEntities.key(words[words.length - 1]));
  }

  private static String text(Candidate c, int from, int to) {
    RawMention m = c.mention();
    return m.text().substring(c.starts()[from] - m.start(), c.ends()[to - 1] - m.start());
  }

  private static RawMention part(Candidate c, int from, int to) {
    RawMention m = c.mention();
    return RawMention.of(m.field(), c.starts()[from], c.ends()[to - 1], text(c, from, to), m.type(), m.lead());
  }

  private static boolean startsLikeName(String w) {
    return Character.isUpperCase(w.charAt(0)) || Character.isDigit(w.charAt(0));
  }

  /** Does the dictionary list the word (or a part of a hyphenated word) in lower case? */
  static boolean hasLowerCaseUse(String word, Gazetteer gazetteer) {
    for (String part : word.split("-")) {
      if (!part.isEmpty() && (gazetteer.casing(FeatureHash.ofLower(part, 0, part.length())) & 1) != 0) {
        return true;
      }
    }
    return false;
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
