package io.newsline.enrich.quotes;

import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the speaker of a verb of saying in one field: the subject before it ("Ushakov said",
 * "Yuri Ushakov, who attended, said", "he said", "the Kremlin aide said") or the speaker after it
 * ("said Ushakov"). Remembers every speaker it resolved, in order, so that a later "he said" goes
 * to the last person who spoke.
 */
final class SpeakerResolver {
  private static final Set<String> CLAUSE_OPENERS =
      Set.of(";", "while", "although", "though", "but", "as", "when", "after", "before", "because",
          "whereas", "since", "if", "and");
  private static final Set<String> FUNCTION_WORDS =
      Set.of("what", "to", "of", "in", "on", "at", "for", "with", "by", "that", "which", "who", "from");
  private static final Set<String> COORDINATORS = Set.of("and", "but", "or", "then");
  private static final int PRONOUN_SENTENCES_BACK = 3;

  private final FieldText f;
  /** Person title heads seen right before a person's mention ("aide" of "Kremlin aide Yuri Ushakov"). */
  private final Map<String, List<Integer>> titledPersonTokens = new HashMap<>();
  /** Resolved entity speakers by token position, in document order. */
  private final List<int[]> spokeAt = new ArrayList<>();
  private final List<Entity> spoke = new ArrayList<>();

  SpeakerResolver(FieldText f) {
    this.f = f;
    indexTitles();
  }

  /** Records that an entity spoke at token i (used for later pronouns). */
  void remember(Speaker s, int i) {
    if (s != null && s.entity() != null) {
      spokeAt.add(new int[] {i});
      spoke.add(s.entity());
    }
  }

  /**
   * The subject of the verb at token v, or null when there is none in reach (a participle, or a
   * verb coordinated with an earlier one: the caller then looks for the sentence's main speaker).
   */
  Speaker subjectOf(int v) {
    int first = f.sentenceFirst(v);
    int j = v - 1;
    while (j >= first && !f.quoted[j] && isBetweenWord(f.form(j))) {
      j--;
    }
    if (j < first || f.quoted[j]) {
      return null;
    }
    String w = f.form(j);
    if (f.speakerMentionEndsAt(j)) {
      return Speaker.of(f.entity[j]);
    }
    if (SpeechCues.PRONOUNS.contains(w)) {
      return pronoun(j);
    }
    if (SpeechCues.isNominalHead(w)) {
      return nominal(j);
    }
    if (w.equals(",")) {
      return leftmostInClause(j, v);
    }
    return null;
  }

  /** The speaker named right after a verb: "said Ushakov", "said the Kremlin aide", "according to X". */
  Speaker after(int v) {
    int end = f.sentenceEnd(v);
    int k = v + 1;
    if (k < end && f.form(k).equals("to") && f.form(v).equals("according")) {
      k++;
    }
    for (int reach = 0; k < end && reach < 5 && !f.quoted[k]; k++, reach++) {
      String w = f.form(k);
      if (f.entity[k] != null && FieldText.canSpeak(f.entity[k])) {
        int last = f.mentionLast[k];
        if (last + 1 < f.size() && f.form(last + 1).equals("'s")) {
          return null;
        }
        return Speaker.of(f.entity[k]);
      }
      if (SpeechCues.PRONOUNS.contains(w) && reach == 0) {
        return pronoun(k);
      }
      if (SpeechCues.isNominalHead(w)) {
        int next = k + 1;
        if (next < end && f.entity[next] != null && f.entity[next].type() == EntityType.PERSON) {
          return Speaker.of(f.entity[next]);
        }
        return nominal(k);
      }
      if (!Character.isLetter(w.charAt(0))) {
        return null;
      }
    }
    return null;
  }

  /** he/she: the last person who spoke within a few sentences, else the subject of the sentence before. */
  Speaker pronoun(int i) {
    int sentence = f.sentence[i];
    int latest = -1;
    Entity person = null;
    for (int k = 0; k < spoke.size(); k++) {
      int at = spokeAt.get(k)[0];
      if (at < i && at > latest && f.sentence[at] >= sentence - PRONOUN_SENTENCES_BACK
          && spoke.get(k).type() == EntityType.PERSON) {
        latest = at;
        person = spoke.get(k);
      }
    }
    if (person != null) {
      return Speaker.of(person);
    }
    for (int s = sentence; s >= Math.max(0, sentence - PRONOUN_SENTENCES_BACK); s--) {
      int from = f.sentenceStart[s];
      int to = s == sentence ? i : (s + 1 < f.sentenceStart.length ? f.sentenceStart[s + 1] : f.size());
      for (int k = from; k < to; k++) {
        if (f.entity[k] != null && f.entity[k].type() == EntityType.PERSON && f.speakerMentionEndsAt(f.mentionLast[k])) {
          return Speaker.of(f.entity[k]);
        }
      }
    }
    return new Speaker(null, f.toks.get(i).form());
  }

  /**
   * A description ending at token head: the person last introduced with that title ("aide" of
   * "Kremlin aide Yuri Ushakov"), else an organisation or place named in it ("a Kremlin
   * spokesperson"), else unresolved with the description as written.
   */
  Speaker nominal(int head) {
    int start = head;
    while (start - 1 >= f.sentenceFirst(head) && head - start < 2 && !f.quoted[start - 1]
        && !FUNCTION_WORDS.contains(f.form(start - 1))
        && Character.isLetter(f.form(start - 1).charAt(0)) && !SpeechCues.DETERMINERS.contains(f.form(start - 1))
        && !CLAUSE_OPENERS.contains(f.form(start - 1))) {
      start--;
    }
    String title = SpeechCues.head(f.form(head));
    List<Integer> titled = SpeechCues.GROUPS.contains(f.form(head)) ? null : titledPersonTokens.get(title);
    if (titled != null) {
      Entity best = null;
      for (int at : titled) {
        if (at < head || best == null) {
          best = f.entity[at];
        }
      }
      if (best != null) {
        return Speaker.of(best);
      }
    }
    for (int k = start; k < head; k++) {
      if (f.entity[k] != null && f.entity[k].type() != EntityType.PERSON && FieldText.canSpeak(f.entity[k])) {
        return Speaker.of(f.entity[k]);
      }
    }
    int a = start > 0 && SpeechCues.DETERMINERS.contains(f.form(start - 1)) ? start - 1 : start;
    return new Speaker(null, f.text.substring(f.toks.get(a).start(), f.toks.get(head).end()));
  }

  /**
   * "X, who ..., said" / "X, speaking from Dublin, said": the speaker right before the comma that
   * opens the inserted phrase, else the first speaker-like phrase from the start of the clause.
   */
  private Speaker leftmostInClause(int comma, int verb) {
    int first = f.sentenceFirst(verb);
    int opening = comma - 1;
    while (opening >= first && !f.form(opening).equals(",") && !f.quoted[opening]) {
      opening--;
    }
    if (opening > first && f.form(opening).equals(",") && f.speakerMentionEndsAt(opening - 1)) {
      return Speaker.of(f.entity[opening - 1]);
    }
    int start = opening >= first ? opening : comma;
    while (start > first && !CLAUSE_OPENERS.contains(f.form(start - 1)) && !f.quoted[start - 1]) {
      start--;
    }
    for (int k = start; k < comma; k++) {
      String w = f.form(k);
      if (f.entity[k] != null && f.speakerMentionEndsAt(f.mentionLast[k])) {
        return Speaker.of(f.entity[k]);
      }
      if (SpeechCues.PRONOUNS.contains(w)) {
        return pronoun(k);
      }
      if (SpeechCues.isNominalHead(w) && !(k + 1 < comma && f.entity[k + 1] != null)) {
        return nominal(k);
      }
    }
    return null;
  }

  /** A verb preceded (past adverbs) by "and"/"but": it shares the subject of an earlier verb. */
  boolean isCoordinated(int v) {
    int j = v - 1;
    while (j >= 0 && isBetweenWord(f.form(j))) {
      j--;
    }
    return j >= 0 && COORDINATORS.contains(f.form(j));
  }

  private static boolean isBetweenWord(String w) {
    return SpeechCues.BETWEEN.contains(w) || w.length() > 4 && w.endsWith("ly");
  }

  private void indexTitles() {
    for (int i = 0; i < f.size(); i++) {
      if (f.entity[i] == null || f.entity[i].type() != EntityType.PERSON || f.mentionFirst[i] != i) {
        continue;
      }
      for (int k = i - 1; k >= Math.max(0, i - 3); k--) {
        String w = f.form(k);
        if (!Character.isLetter(w.charAt(0)) || f.entity[k] != null && f.entity[k].type() == EntityType.PERSON) {
          break;
        }
        String head = SpeechCues.head(w);
        if (SpeechCues.TITLES.contains(head)) {
          titledPersonTokens.computeIfAbsent(head, x -> new ArrayList<>()).add(i);
          break;
        }
      }
    }
  }
}
