package io.newsline.enrich.stance;

import io.newsline.enrich.stance.StanceTokens.Tok;
import java.util.List;
import java.util.Set;

/**
 * Target-relative features of one mention in one sentence: context words by side and distance,
 * words of the target's own clause, negated words, bigrams next to the target, the verb the target
 * is subject or object of, prior polarity sums per region, and cues for quotes, speakers and
 * passives. Stateless and thread-safe.
 */
public final class TargetFeatures {
  static final Set<String> NEGATORS =
      Set.of("not", "no", "never", "without", "nor", "hardly", "cannot", "neither", "nothing", "none");
  static final Set<String> SPEECH =
      Set.of("said", "says", "say", "told", "tells", "stated", "added", "argued", "claimed", "wrote",
          "tweeted", "insisted", "noted", "warned", "asked", "explained", "declared", "announced",
          "according", "acknowledged", "suggested", "replied", "responded", "commented", "emphasized");
  static final Set<String> PRONOUNS =
      Set.of("he", "she", "they", "him", "her", "them", "his", "their", "it", "its", "i", "we", "you");
  static final Set<String> AUXILIARIES =
      Set.of("is", "was", "were", "are", "be", "been", "has", "have", "had", "will", "would", "could",
          "should", "may", "might", "also", "not", "did", "does", "do", "reportedly", "then", "later",
          "can", "just", "still", "already", "allegedly", "repeatedly");
  static final Set<String> CLAUSE_BREAKS =
      Set.of(",", ";", ":", "(", ")", "-", "\"", "but", "while", "although", "though", "whereas",
          "because", "which", "who", "that", "and");
  private static final String[] BUCKET = {"0", "1", "2", "3", "3", "4", "4", "4", "4"};
  private static final int NEGATION_REACH = 3;
  private static final int BIGRAM_REACH = 5;
  private static final int NEAR = 3;

  static final Set<String> STOPWORDS =
      Set.of("the", "a", "an", "of", "to", "and", "in", "on", "at", "for", "with", "by", "from", "as",
          "that", "this", "is", "was", "are", "were", "be", "been", "it", "its", "or", "'s", "has",
          "have", "had", "which", "who", "their", "his", "her");
  /** Dense regions: left and right windows, the target's clause, the sentence, its verb, its governor. */
  private static final String[] REGIONS = {"vL", "vR", "vC", "vS", "vSV", "vOV"};
  private static final int WINDOW = 3;
  /** Keeps the dense values on the scale of the binary features for the shared learning rate. */
  private static final float DENSE_SCALE = 0.5f;

  private final FeatureHasher hasher;
  private final PolarityLexicon lexicon;
  private final WordVectors vectors;
  private final int[][] denseBucket;

  public TargetFeatures(FeatureHasher hasher, PolarityLexicon lexicon, WordVectors vectors) {
    this.hasher = hasher;
    this.lexicon = lexicon;
    this.vectors = vectors;
    this.denseBucket = new int[REGIONS.length][vectors.dims()];
    for (int r = 0; r < REGIONS.length; r++) {
      for (int k = 0; k < vectors.dims(); k++) {
        denseBucket[r][k] = hasher.bucket(REGIONS[r], String.valueOf(k));
      }
    }
  }

  /** Features of the target [from, to) (char offsets) in the sentence. */
  public SparseFeatures of(String sentence, int from, int to) {
    List<Tok> toks = StanceTokens.tokenize(sentence);
    int n = toks.size();
    int first = -1;
    int last = -1;
    for (int i = 0; i < n; i++) {
      Tok t = toks.get(i);
      if (t.end() > from && t.start() < to) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    SparseFeatures f = new SparseFeatures();
    add(f, "bias", "");
    if (first < 0) {
      // Offsets outside the sentence: a sentence-level guess is all that is possible.
      first = 0;
      last = -1;
    }
    int[] clause = clauses(toks);
    boolean[] quoted = quoted(toks);
    boolean[] negated = negated(toks, clause);
    float[] polar = new float[8];
    String role = last < 0 ? "none" : role(toks, first, last, quoted);
    for (int i = 0; i < n; i++) {
      if (i >= first && i <= last) {
        continue;
      }
      Tok t = toks.get(i);
      String w = t.form();
      boolean left = i < first;
      int d = left ? first - i : i - last;
      String side = left ? "L" : "R";
      add(f, "w", w);
      add(f, side, w);

      add(f, side + bucket(d), w);
      if (clause[i] == clause[Math.max(first, 0)] && last >= 0) {
        add(f, "C", w);
      }
      if (negated[i]) {
        add(f, "N", w);
      }
      if (quoted[i]) {
        add(f, "Q", w);
      }
      if (d <= BIGRAM_REACH && i + 1 < n && !(i + 1 >= first && i + 1 <= last)) {
        add(f, side + "B", w, toks.get(i + 1).form());
      }
      float v = lexicon.valence(w);
      if (v != 0) {
        if (negated[i]) {
          v = -0.7f * v;
        }
        add(f, "P" + side + bucket(d) + (clause[i] == clause[Math.max(first, 0)] ? "c" : ""), v > 0 ? "+" : "-");
        add(f, "PR" + role + side + (quoted[i] ? "q" : ""), v > 0 ? "+" : "-");
        region(polar, 0, v);
        region(polar, left ? 2 : 4, d <= NEAR ? v : v * 0.5f);
        if (clause[i] == clause[Math.max(first, 0)]) {
          region(polar, 6, v);
        }
      }
    }
    String[] names = {"lex_sent", "lex_left", "lex_right", "lex_clause"};
    for (int r = 0; r < 4; r++) {
      f.add(hasher.bucket(names[r], "+"), polar[2 * r]);
      f.add(hasher.bucket(names[r], "-"), polar[2 * r + 1]);
    }
    if (last >= 0) {
      targetCues(f, toks, first, last, quoted);
    }
    dense(f, toks, first, last, clause);
    return f;
  }

  private void targetCues(SparseFeatures f, List<Tok> toks, int first, int last, boolean[] quoted) {
    int n = toks.size();
    String head = toks.get(last).form();
    if (PRONOUNS.contains(head)) {
      add(f, "t_pron", head);
    }
    if (first == 0) {
      add(f, "t_start", "");
    }
    if (quoted[first]) {
      add(f, "t_inquote", "");
    }
    String next = last + 1 < n ? toks.get(last + 1).form() : "</s>";
    String prev = first > 0 ? toks.get(first - 1).form() : "<s>";
    add(f, "t_prev", prev);
    add(f, "t_next", next);
    if (next.equals("'s")) {
      add(f, "t_poss", last + 2 < n ? toks.get(last + 2).form() : "</s>");
    }
    String subjectVerb = contentWord(toks, last + 1, +1);
    if (subjectVerb != null) {
      add(f, "t_sv", subjectVerb);
      if (SPEECH.contains(subjectVerb)) {
        add(f, "t_speaker", "");
      }
      if (isPassive(toks, last + 1)) {
        add(f, "t_passive", subjectVerb);
      }
    }
    String objectOf = contentWord(toks, first - 1, -1);
    if (objectOf != null) {
      add(f, "t_ov", objectOf);
    }
    if (prev.equals("by")) {
      add(f, "t_agent", first > 1 ? toks.get(first - 2).form() : "<s>");
    }
    for (Tok t : toks) {
      String w = t.form();
      if (w.equals("\"") ) {
        add(f, "s_quote", "");
        break;
      }
    }
    add(f, "s_len", String.valueOf(Math.min(n / 10, 5)));
  }

  /** Averaged word vectors of each region around the target. */
  private void dense(SparseFeatures f, List<Tok> toks, int first, int last, int[] clause) {
    int dims = vectors.dims();
    float[][] acc = new float[REGIONS.length][dims];
    int[] count = new int[REGIONS.length];
    int targetClause = clause[Math.max(first, 0)];
    for (int i = 0; i < toks.size(); i++) {
      if (i >= first && i <= last) {
        continue;
      }
      String w = toks.get(i).form();
      if (STOPWORDS.contains(w) || !toks.get(i).isWord()) {
        continue;
      }
      if (!vectors.addTo(w, acc[3])) {
        continue;
      }
      count[3]++;
      boolean left = i < first;
      int d = left ? first - i : i - last;
      if (d <= WINDOW && last >= 0) {
        int r = left ? 0 : 1;
        count[r] += vectors.addTo(w, acc[r]) ? 1 : 0;
      }
      if (clause[i] == targetClause && last >= 0) {
        count[2] += vectors.addTo(w, acc[2]) ? 1 : 0;
      }
    }
    if (last >= 0) {
      String sv = contentWord(toks, last + 1, +1);
      count[4] += sv != null && vectors.addTo(sv, acc[4]) ? 1 : 0;
      String ov = contentWord(toks, first - 1, -1);
      count[5] += ov != null && vectors.addTo(ov, acc[5]) ? 1 : 0;
    }
    for (int r = 0; r < REGIONS.length; r++) {
      if (count[r] == 0) {
        continue;
      }
      float norm = 1f / count[r];
      for (int k = 0; k < dims; k++) {
        f.add(denseBucket[r][k], acc[r][k] * norm * DENSE_SCALE);
      }
    }
  }

  /** The target's grammatical role, roughly: speaker, quoted, subject, possessor or object. */
  private static String role(List<Tok> toks, int first, int last, boolean[] quoted) {
    if (quoted[first]) {
      return "q";
    }
    String next = contentWord(toks, last + 1, +1);
    if (next != null && SPEECH.contains(next)) {
      return "spk";
    }
    if (last + 1 < toks.size() && toks.get(last + 1).form().equals("'s")) {
      return "pos";
    }
    if (first == 0 || !toks.get(first - 1).isWord() || toks.get(first - 1).form().equals("and")) {
      return "subj";
    }
    return "obj";
  }

  /** The first word from i in direction step, skipping auxiliaries, stopping at a clause break. */
  private static String contentWord(List<Tok> toks, int i, int step) {
    for (int k = 0; k < 4 && i >= 0 && i < toks.size(); k++, i += step) {
      Tok t = toks.get(i);
      if (!t.isWord()) {
        return null;
      }
      String w = t.form();
      if (!AUXILIARIES.contains(w) && !w.equals("the") && !w.equals("a") && !w.equals("'s")) {
        return w;
      }
    }
    return null;
  }

  private static boolean isPassive(List<Tok> toks, int i) {
    if (i + 1 >= toks.size()) {
      return false;
    }
    String aux = toks.get(i).form();
    String verb = toks.get(i + 1).form();
    return (aux.equals("was") || aux.equals("were") || aux.equals("is") || aux.equals("are")
        || aux.equals("been") || aux.equals("be")) && (verb.endsWith("ed") || verb.endsWith("en"));
  }

  /** Clause number of each token: it changes at commas, dashes, quotes and subordinators. */
  private static int[] clauses(List<Tok> toks) {
    int[] c = new int[toks.size()];
    int k = 0;
    for (int i = 0; i < c.length; i++) {
      if (CLAUSE_BREAKS.contains(toks.get(i).form())) {
        k++;
      }
      c[i] = k;
    }
    return c;
  }

  /** Tokens between an opening and a closing double quotation mark. */
  private static boolean[] quoted(List<Tok> toks) {
    boolean[] q = new boolean[toks.size()];
    boolean inside = false;
    for (int i = 0; i < q.length; i++) {
      if (toks.get(i).form().equals("\"")) {
        inside = !inside;
      } else {
        q[i] = inside;
      }
    }
    return q;
  }

  /** Tokens within a few words after a negator of the same clause. */
  private static boolean[] negated(List<Tok> toks, int[] clause) {
    boolean[] neg = new boolean[toks.size()];
    for (int i = 0; i < neg.length; i++) {
      if (NEGATORS.contains(toks.get(i).form())) {
        for (int j = i + 1; j < neg.length && j <= i + NEGATION_REACH && clause[j] == clause[i]; j++) {
          neg[j] = true;
        }
      }
    }
    return neg;
  }

  private static void region(float[] polar, int r, float v) {
    if (v > 0) {
      polar[r] += v;
    } else {
      polar[r + 1] -= v;
    }
  }

  /** A crude suffix stripper, so that accuse/accused/accuses share a feature. */
  static String stem(String w) {
    int n = w.length();
    if (n > 5 && w.endsWith("ing")) {
      return w.substring(0, n - 3);
    }
    if (n > 4 && w.endsWith("ed")) {
      return w.substring(0, n - (w.charAt(n - 3) == 'e' ? 1 : 2));
    }
    if (n > 3 && w.endsWith("s") && !w.endsWith("ss")) {
      return w.substring(0, n - 1);
    }
    return w;
  }

  private static String bucket(int distance) {
    return distance < BUCKET.length ? BUCKET[distance] : "5";
  }

  private void add(SparseFeatures f, String prefix, String word) {
    f.add(hasher.bucket(prefix, word), 1f);
  }

  private void add(SparseFeatures f, String prefix, String a, String b) {
    f.add(hasher.bucket(prefix, a, b), 1f);
  }
}
