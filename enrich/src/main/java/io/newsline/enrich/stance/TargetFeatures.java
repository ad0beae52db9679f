package io.newsline.enrich.stance;

import java.util.Set;

/**
 * Target-relative features of one mention in one sentence: context words by side and distance,
 * words of the target's own clause, negated and quoted words, bigrams next to the target, the verb
 * the target is subject or object of, prior polarity by region and by the target's role, cues for
 * quotes, speakers and passives, and averaged word vectors of the regions around the target.
 * Stateless and thread-safe.
 */
public final class TargetFeatures {
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
  private static final Set<String> PASSIVE_AUX = Set.of("was", "were", "is", "are", "been", "be");
  /** Distance buckets: 1, 2, 3-4, 5-8, 9+ tokens from the target. */
  private static final int[] BUCKET = {0, 1, 2, 3, 3, 4, 4, 4, 4};
  private static final int BUCKETS = 6;
  private static final int BIGRAM_REACH = 5;
  private static final int NEAR = 3;
  private static final int WINDOW = 3;
  private static final String[] ROLES = {"none", "q", "spk", "pos", "subj", "obj"};
  /** Dense regions: left and right windows, the target's clause, the sentence, its verb, its governor. */
  static final int REGIONS = 6;
  /** Keeps the dense values on the scale of the binary features for the shared learning rate. */
  private static final float DENSE_SCALE = 0.5f;

  private static final long BIAS = FeatureHasher.hash("bias");
  private static final long WORD = FeatureHasher.hash("w");
  private static final long[] BIGRAM = {FeatureHasher.hash("LB"), FeatureHasher.hash("RB")};
  private static final long[][] SIDE_DISTANCE = new long[2][BUCKETS];
  /** Polar word by side, distance and same-clause; by role, side and quoted. */
  private static final long[][][] POLAR_DISTANCE = new long[2][BUCKETS][2];
  private static final long[][][] POLAR_ROLE = new long[ROLES.length][2][2];
  private static final long CLAUSE = FeatureHasher.hash("C");
  private static final long NEGATED = FeatureHasher.hash("N");
  private static final long QUOTED = FeatureHasher.hash("Q");
  private static final long PLUS = FeatureHasher.hash("+");
  private static final long MINUS = FeatureHasher.hash("-");
  private static final long EMPTY = FeatureHasher.hash("");
  private static final long[][] LEXICON_REGION = new long[4][2];

  static {
    String[] sides = {"L", "R"};
    String[] regions = {"lex_sent", "lex_left", "lex_right", "lex_clause"};
    for (int s = 0; s < 2; s++) {
      for (int b = 0; b < BUCKETS; b++) {
        SIDE_DISTANCE[s][b] = FeatureHasher.hash(sides[s] + b);
        POLAR_DISTANCE[s][b][0] = FeatureHasher.hash("P" + sides[s] + b);
        POLAR_DISTANCE[s][b][1] = FeatureHasher.hash("P" + sides[s] + b + "c");
      }
      for (int r = 0; r < ROLES.length; r++) {
        POLAR_ROLE[r][s][0] = FeatureHasher.hash("PR" + ROLES[r] + sides[s]);
        POLAR_ROLE[r][s][1] = FeatureHasher.hash("PR" + ROLES[r] + sides[s] + "q");
      }
    }
    for (int r = 0; r < regions.length; r++) {
      LEXICON_REGION[r][0] = FeatureHasher.hash(regions[r] + "+");
      LEXICON_REGION[r][1] = FeatureHasher.hash(regions[r] + "-");
    }
  }

  private final FeatureHasher hasher;
  private final Vocabulary vocabulary;
  private final WordVectors vectors;

  public TargetFeatures(int bits, PolarityLexicon lexicon, WordVectors vectors) {
    this.hasher = new FeatureHasher(bits, denseSize(vectors));
    this.vocabulary = new Vocabulary(lexicon, vectors, SentenceView.NEGATORS, SentenceView.CLAUSE_BREAKS,
        SentenceView.STOPWORDS);
    this.vectors = vectors;
  }

  /** Buckets kept for the dense features at the start of the weight table. */
  static int denseSize(WordVectors vectors) {
    return REGIONS * vectors.dims();
  }

  /** Directly indexed buckets before the hashed ones. */
  public int reserved() {
    return denseSize(vectors);
  }

  /** The dense weights of a model trained on these features, folded into the word vectors. */
  DenseProjection projection(LinearModel model) {
    return new DenseProjection(vectors, model);
  }

  public SentenceView sentence(String text) {
    return new SentenceView(text, vocabulary);
  }

  /** Features of the target [from, to) (char offsets) in the sentence. */
  public SparseFeatures of(String sentence, int from, int to) {
    return of(sentence(sentence), from, to);
  }

  /** Features of the target [from, to) (char offsets) in an analysed sentence, dense part included. */
  public SparseFeatures of(SentenceView s, int from, int to) {
    return of(s, from, to, null, null);
  }

  /**
   * The serving path: the sparse features only, while the dense part goes straight to class
   * scores through the projection (the same numbers, without 384 explicit values per target).
   *
   * @param denseScores receives the dense part's score per class
   */
  public SparseFeatures of(SentenceView s, int from, int to, DenseProjection projection, double[] denseScores) {
    int n = s.size();
    int first = -1;
    int last = -1;
    for (int i = 0; i < n; i++) {
      if (s.toks.get(i).end() > from && s.toks.get(i).start() < to) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    // the serving path has no explicit dense values: a smaller buffer suffices
    SparseFeatures f = projection == null ? new SparseFeatures() : new SparseFeatures(8 * n + 32);
    f.add(hasher.bucket(BIAS, EMPTY), 1f);
    if (first < 0) {
      // offsets outside the sentence: only a sentence-level guess is possible
      first = 0;
      last = -1;
    }
    boolean hasTarget = last >= 0;
    int targetClause = s.clause[first < n ? first : 0];
    int role = hasTarget ? role(s, first, last) : 0;
    float[] polar = new float[8];
    for (int i = 0; i < n; i++) {
      if (i >= first && i <= last) {
        continue;
      }
      long w = s.hash[i];
      int side = i < first ? 0 : 1;
      int d = side == 0 ? first - i : i - last;
      int bucket = d < BUCKET.length ? BUCKET[d] : BUCKETS - 1;
      boolean sameClause = s.clause[i] == targetClause;
      add(f, WORD, w);
      add(f, SIDE_DISTANCE[side][bucket], w);
      if (sameClause && hasTarget) {
        add(f, CLAUSE, w);
      }
      if (s.negated[i]) {
        add(f, NEGATED, w);
      }
      if (s.quoted[i]) {
        add(f, QUOTED, w);
      }
      if (d <= BIGRAM_REACH && i + 1 < n && !(i + 1 >= first && i + 1 <= last)) {
        f.add(hasher.bucket(BIGRAM[side], w, s.hash[i + 1]), 1f);
      }
      float v = s.valence[i];
      if (v != 0) {
        long sign = v > 0 ? PLUS : MINUS;
        add(f, POLAR_DISTANCE[side][bucket][sameClause ? 1 : 0], sign);
        add(f, POLAR_ROLE[role][side][s.quoted[i] ? 1 : 0], sign);
        region(polar, 0, v);
        region(polar, side == 0 ? 2 : 4, d <= NEAR ? v : v * 0.5f);
        if (sameClause) {
          region(polar, 6, v);
        }
      }
    }
    for (int r = 0; r < 4; r++) {
      f.add(hasher.bucket(LEXICON_REGION[r][0], EMPTY), polar[2 * r]);
      f.add(hasher.bucket(LEXICON_REGION[r][1], EMPTY), polar[2 * r + 1]);
    }
    if (hasTarget) {
      targetCues(f, s, first, last);
    }
    if (projection == null) {
      explicitDense(f, s, first, last, targetClause);
    } else {
      projection.scores(s, regions(s, first, last, targetClause), denseScores);
    }
    return f;
  }

  private void targetCues(SparseFeatures f, SentenceView s, int first, int last) {
    int n = s.size();
    String head = s.form[last];
    if (PRONOUNS.contains(head)) {
      add(f, "t_pron", head);
    }
    if (first == 0) {
      add(f, "t_start", "");
    }
    if (s.quoted[first]) {
      add(f, "t_inquote", "");
    }
    String next = last + 1 < n ? s.form[last + 1] : "</s>";
    String prev = first > 0 ? s.form[first - 1] : "<s>";
    add(f, "t_prev", prev);
    add(f, "t_next", next);
    if (next.equals("'s")) {
      add(f, "t_poss", last + 2 < n ? s.form[last + 2] : "</s>");
    }
    int verb = contentWord(s, last + 1, +1);
    if (verb >= 0) {
      add(f, "t_sv", s.form[verb]);
      if (SPEECH.contains(s.form[verb])) {
        add(f, "t_speaker", "");
      }
      if (isPassive(s, last + 1)) {
        add(f, "t_passive", s.form[verb]);
      }
    }
    int governor = contentWord(s, first - 1, -1);
    if (governor >= 0) {
      add(f, "t_ov", s.form[governor]);
    }
    if (prev.equals("by")) {
      add(f, "t_agent", first > 1 ? s.form[first - 2] : "<s>");
    }
    if (s.hasQuote) {
      add(f, "s_quote", "");
    }
    add(f, "s_len", String.valueOf(Math.min(n / 10, 5)));
  }

  /** Averaged word vectors of each region around the target, at fixed buckets 0..REGIONS*dims. */
  private void explicitDense(SparseFeatures f, SentenceView s, int first, int last, int targetClause) {
    int dims = vectors.dims();
    float[] acc = new float[REGIONS * dims];
    Regions regions = regions(s, first, last, targetClause);
    for (int k = 0; k < regions.size; k++) {
      vectors.addRow(regions.row[k], acc, regions.region[k] * dims, 1f);
    }
    for (int r = 0; r < REGIONS; r++) {
      if (regions.count[r] > 0) {
        f.addDense(r * dims, acc, r * dims, dims, DENSE_SCALE / regions.count[r]);
      }
    }
  }

  /**
   * Which word vectors each dense region averages: the sentence (0-3: left window, right window,
   * the target's clause, the whole sentence without the target) and the target's verb and governor.
   */
  private Regions regions(SentenceView s, int first, int last, int targetClause) {
    Regions out = new Regions(s.size() * 3 + 2);
    boolean hasTarget = last >= 0;
    for (int i = 0; i < s.size(); i++) {
      int row = s.vectorRow[i];
      if (row < 0 || i >= first && i <= last) {
        continue;
      }
      out.add(3, row);
      if (!hasTarget) {
        continue;
      }
      int d = i < first ? first - i : i - last;
      if (d <= WINDOW) {
        out.add(i < first ? 0 : 1, row);
      }
      if (s.clause[i] == targetClause) {
        out.add(2, row);
      }
    }
    if (hasTarget) {
      int verb = contentWord(s, last + 1, +1);
      int verbRow = verb >= 0 ? vocabulary.row(vocabulary.find(s.hash[verb])) : -1;
      if (verbRow >= 0) {
        out.add(4, verbRow);
      }
      int governor = contentWord(s, first - 1, -1);
      int governorRow = governor >= 0 ? vocabulary.row(vocabulary.find(s.hash[governor])) : -1;
      if (governorRow >= 0) {
        out.add(5, governorRow);
      }
    }
    return out;
  }

  /** (region, word-vector row) pairs and the number of words per region. */
  static final class Regions {
    final int[] region;
    final int[] row;
    final int[] count = new int[REGIONS];
    int size;

    Regions(int capacity) {
      region = new int[capacity];
      row = new int[capacity];
    }

    void add(int r, int vectorRow) {
      region[size] = r;
      row[size] = vectorRow;
      size++;
      count[r]++;
    }
  }

  static float denseScale() {
    return DENSE_SCALE;
  }

  /** The target's grammatical role, roughly: quoted, speaker, possessor, subject or object. */
  private static int role(SentenceView s, int first, int last) {
    if (s.quoted[first]) {
      return 1;
    }
    int next = contentWord(s, last + 1, +1);
    if (next >= 0 && SPEECH.contains(s.form[next])) {
      return 2;
    }
    if (last + 1 < s.size() && s.form[last + 1].equals("'s")) {
      return 3;
    }
    if (first == 0 || !s.isWord(first - 1) || s.form[first - 1].equals("and")) {
      return 4;
    }
    return 5;
  }

  /** The first word from i in direction step, past auxiliaries and articles; -1 at punctuation. */
  private static int contentWord(SentenceView s, int i, int step) {
    for (int k = 0; k < 4 && i >= 0 && i < s.size(); k++, i += step) {
      if (!s.isWord(i)) {
        return -1;
      }
      String w = s.form[i];
      if (!AUXILIARIES.contains(w) && !w.equals("the") && !w.equals("a") && !w.equals("'s")) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isPassive(SentenceView s, int i) {
    if (i + 1 >= s.size()) {
      return false;
    }
    String verb = s.form[i + 1];
    return PASSIVE_AUX.contains(s.form[i]) && (verb.endsWith("ed") || verb.endsWith("en"));
  }

  private static void region(float[] polar, int r, float v) {
    if (v > 0) {
      polar[r] += v;
    } else {
      polar[r + 1] -= v;
    }
  }

  private void add(SparseFeatures f, long prefix, long word) {
    f.add(hasher.bucket(prefix, word), 1f);
  }

  private void add(SparseFeatures f, String prefix, String word) {
    f.add(hasher.bucket(prefix, word), 1f);
  }
}
