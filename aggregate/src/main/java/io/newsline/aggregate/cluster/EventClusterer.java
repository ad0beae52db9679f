package io.newsline.aggregate.cluster;

import io.newsline.common.Hashing;
import io.newsline.embedding.SentenceEmbedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Online, single-pass clustering of articles into events (one instance per clustering partition).
 *
 * <p>Each article is scored against the active events that share one of its entities or strongest
 * terms (inverted indexes, so the cost depends on how many events share its words, not on how many
 * exist): cosine of its TF-IDF vector with the event's centroid, blended with the cosine of its
 * sentence embedding with the event's mean embedding when both have one, optionally blended with
 * shared entities, and decayed when the article is further than the window from the event's latest
 * article. It joins the event with the best margin over the threshold of its mode (with or without
 * embeddings), or opens a new event. When the article also qualifies for other events and those
 * events are similar enough to the one it joined, they merge: the older event survives (ties: more
 * articles, then smaller id), the other is removed and its articles are reassigned.
 *
 * <p>Events quiet for longer than the dormancy period (by article time) are retired: a last
 * timeline with status dormant is published and they leave the state, so memory is bounded by the
 * active events. IDF comes from {@link TermStats}, derived from the active events themselves.
 *
 * <p>Deterministic: for a given input order the output is identical (sorted maps and sets
 * wherever order matters, no wall clock, ties broken by id). Not thread-safe.
 */
public final class EventClusterer {
  static final int CENTROID_TERMS = 200;
  static final int TERM_DOCS = 300;
  static final int INDEX_TERMS = 20;
  static final int QUERY_TERMS = 20;
  static final int MAX_POSTING = 1000;
  static final int MAX_CANDIDATES = 32;
  static final int ANCHOR_KEYS = 200;
  /** Articles a parent event takes before it absorbs a provisional event that has found no second article. */
  static final int ADOPT_AFTER = 3;
  /** Entities counted per event (for candidate lookup): the most frequent, cut back when half again as many. */
  static final int ENTITY_KEYS = 100;

  private final ClusterSettings settings;
  private final EventRepository repository;
  private final Map<String, EventState> active = new HashMap<>();
  /** The candidate index: entity id -> active events counting it; term -> events with it among their strongest. */
  private final Map<String, Set<EventState>> eventsByEntity = new HashMap<>();
  private final Map<String, Set<EventState>> eventsByTerm = new HashMap<>();
  private long candidateRound;
  private final TermIds termIds = new TermIds();
  /** Parent event id -> provisional events opened by articles its anchors kept out. */
  private final Map<String, Set<String>> children = new HashMap<>();
  private final TreeSet<EventState> byLastUpdate =
      new TreeSet<>(Comparator.<EventState>comparingLong(e -> e.lastUpdated).thenComparing(e -> e.id));
  private final TermStats stats = new TermStats();
  private long clock = Long.MIN_VALUE;
  private JoinModel model;
  /** The embedding cascade of the settings, or null. */
  private final Cascade cascade;
  /** The article being clustered and its fine embedding, once the cascade has computed it (null: not yet). */
  private ClusterArticle fineArticle;
  private float[] fineVector;
  private long fineEmbeddings;
  private long lazyEmbeddings;
  /** Restored events that were of another embedding model ({@link EmbeddingModels#migrate}). */
  private int migratedEvents;

  public EventClusterer(ClusterSettings settings, EventRepository repository) {
    this.settings = settings;
    this.repository = repository;
    this.cascade = settings.cascade();
    for (EventState e : repository.all()) {
      if (settings.embeddingModels() != null && settings.embeddingModels().migrate(e)) {
        migratedEvents++;
      }
      track(e);
      if (e.provisionalOf != null) {
        children.computeIfAbsent(e.provisionalOf, k -> new TreeSet<>()).add(e.id);
      }
      stats.add(e);
      clock = Math.max(clock, e.lastUpdated);
    }
  }

  public int activeEvents() {
    return active.size();
  }

  /** Articles of the active events. */
  public int activeArticles() {
    int n = 0;
    for (EventState e : active.values()) {
      n += e.articleCount;
    }
    return n;
  }

  public TermStats termStats() {
    return stats;
  }

  /** Restored events that were stored under another embedding model and have been migrated to the present one. */
  public int migratedEvents() {
    return migratedEvents;
  }

  /** Articles the cascade has embedded with its fine model (0 without a cascade), the lazy warm-up's included. */
  public long fineEmbeddings() {
    return fineEmbeddings;
  }

  /** Of {@link #fineEmbeddings}, the events' kept warm-up leads embedded when their fine centroid was first needed. */
  public long lazyEmbeddings() {
    return lazyEmbeddings;
  }

  /** The article's fine embedding, computed once per article clustered (the cascade's dear step). */
  private float[] fineOf(ClusterArticle a) {
    if (fineArticle != a) {
      fineArticle = a;
      fineVector = cascade.fine().apply(a);
      fineEmbeddings++;
    }
    return fineVector;
  }

  /**
   * What clustering the article on the present state would embed finely: the article itself when
   * its decision is open (the cascade's own rule, {@link Cascade#open}), and the kept warm-up leads
   * ({@link EventState#fineLeads}) of the events whose fine centroids that decision or a merge check
   * would need (its own lead among them when it joins a young event that a merge check compares).
   * The prediction that lets {@link FineVectors} embed them ahead, off this thread, while earlier
   * articles are clustered. Changes no state (the events' cached norms and term ids aside); the
   * decision itself is taken again by {@link #add}, so a wrong prediction costs time, never output.
   */
  public List<ClusterArticle> mayEmbedFinely(ClusterArticle a) {
    String original = a.duplicateOf() == null ? null : repository.eventOf(a.duplicateOf());
    if (cascade == null || (original != null && active.containsKey(original))) {
      return List.of(); // a duplicate joins its original without a decision: at most its lead is kept
    }
    PredictedCounts p = countsOf(a);
    Map<String, Double> vector = TermVectors.weigh(p.counts(), stats);
    List<EventState> ids = candidates(a, vector);
    Choice c = choose(a, JoinFeatures.Article.of(a), new TermLookup(vector, termIds, p.termIds(termIds)), ids, a.time().toEpochMilli(), false);
    List<ClusterArticle> out = new ArrayList<>();
    if (open(a, c, ids)) {
      out.add(a);
      for (EventState e : nearEvents(a, c)) {
        e.fineLeads.forEach(l -> out.add(l.article()));
      }
    } else if (c.best != null && c.bestScore.margin() >= 0 && c.best.fineEmbedding != null) {
      // merge checks of the event it joins with the others it qualifies for that have a fine centroid
      // complete it with the leads kept since (the article's own among them while the event is young)
      EventState target = c.best;
      List<ClusterArticle> leads = new ArrayList<>();
      target.fineLeads.forEach(l -> leads.add(l.article()));
      EventState.FineLead own = warmupLead(target, a);
      if (own != null) {
        leads.add(own.article());
      }
      for (Candidate q : c.qualifying) {
        if (q.event() != target && q.event().fineEmbedding != null) {
          out.addAll(leads);
          leads.clear();
          q.event().fineLeads.forEach(l -> out.add(l.article()));
        }
      }
    }
    return out;
  }

  /** The events of a choice the cascade leaves open whose fine centroids its fine decision needs ({@link Cascade#near}). */
  private List<EventState> nearEvents(ClusterArticle a, Choice c) {
    List<EventState> near = new ArrayList<>();
    for (Candidate s : c.scored) {
      if (cascade.near(a, s.score().margin(), c.bestScore.margin())) {
        near.add(s.event());
      }
    }
    return near;
  }

  /**
   * The article's lead as the event keeps it for its warm-up: while the event has fewer than the
   * warm-up's members embedded or kept, and the article has words; else null.
   */
  private EventState.FineLead warmupLead(EventState e, ClusterArticle a) {
    if (e.fineEmbeddedArticles + e.fineLeads.size() >= cascade.warmup()) {
      return null;
    }
    String lead = SentenceEmbedder.input(a.title(), a.text());
    return lead.isBlank() ? null : new EventState.FineLead(a.id(), lead);
  }

  /**
   * The lazy warm-up: embeds the event's kept warm-up leads finely and adds them to its fine sum in
   * the order its members joined, so the sum is what embedding each on arrival gave (an eager
   * warm-up decides alike and embeds more: most events never meet a decision that needs their fine
   * centroid). The caller stores the event (or removes it).
   */
  private void embedLeads(EventState e) {
    if (e.fineLeads.isEmpty()) {
      return;
    }
    for (EventState.FineLead l : e.fineLeads) {
      float[] v = cascade.fine().apply(l.article());
      fineEmbeddings++;
      lazyEmbeddings++;
      if (v != null) {
        e.fineEmbedding = sum(e.fineEmbedding, v);
        e.fineEmbeddedArticles++;
      }
    }
    e.fineLeads = new ArrayList<>();
    e.fineEmbeddingNorm = -1;
  }

  /** Embeds the leads of an event that this article's clustering may not store otherwise, and stores it: a restored copy holds what this one holds. */
  private void embedLeadsAndStore(EventState e) {
    if (!e.fineLeads.isEmpty()) {
      embedLeads(e);
      repository.put(e);
    }
  }

  /**
   * The article's term counts, kept for {@link #add} when a prediction ({@link #mayEmbedFinely})
   * counts them: the clustering thread predicts an article shortly before its turn
   * ({@link FineVectors#PREDICT_AHEAD}), and counting its text each time was a tenth of that thread's Java time.
   */
  private PredictedCounts countsOf(ClusterArticle a) {
    PredictedCounts known = predictedCounts.get(a.id());
    if (known != null && known.article() == a) {
      return known;
    }
    PredictedCounts p = new PredictedCounts(a, TermVectors.counts(a.title(), a.text()), new HashMap<>(), termIds.generation());
    predictedCounts.put(a.id(), p);
    return p;
  }

  /**
   * Counts of a predicted article, for that very instance (another article of the same id may differ
   * in text), and the ids ({@link TermIds}) of its terms the prediction looked up, for its decision:
   * mostly the same strongest terms, found in this small map (keyed by the counts' own strings)
   * rather than in the dictionary, whose lookups were a twelfth of the clustering thread's Java time.
   */
  private record PredictedCounts(ClusterArticle article, TreeMap<String, Double> counts, Map<String, Integer> ids, Object generation) {
    /** The ids known for this article, if of the dictionary's present generation (else a new map). */
    Map<String, Integer> termIds(TermIds dictionary) {
      return generation == dictionary.generation() ? ids : new HashMap<>();
    }
  }

  /** The counts of the last {@value #PREDICTED_COUNTS} articles predicted, oldest first (an article predicted and never clustered here falls out). */
  static final int PREDICTED_COUNTS = 1_000;
  private final Map<String, PredictedCounts> predictedCounts = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, PredictedCounts> eldest) {
      return size() > PREDICTED_COUNTS;
    }
  };

  /** Clusters one article; returns the changes to publish, in order. */
  public List<ClusterChange> add(ClusterArticle a) {
    termIds.trim();
    PredictedCounts predicted = predictedCounts.remove(a.id());
    List<ClusterChange> changes = new ArrayList<>();
    long time = a.time().toEpochMilli();
    clock = Math.max(clock, time);
    retireDormant(clock, changes);
    String known = repository.eventOf(a.id());
    EventState again = known == null ? null : active.get(known);
    if (again != null && again.timeline.unchangedBy(a, time)) {
      return changes; // the same article delivered again (a replay of enrich's output): nothing changes
    }
    if (again != null) {
      detach(again);
      again.timeline.replace(a, time, window());
      again.lastUpdated = Math.max(again.lastUpdated, time);
      repository.addMember(again.id, member(a, time));
      changes.add(assigned(a, again.id, time, 1.0, "joined"));
      save(again, changes);
      return changes;
    }
    boolean wasPredicted = predicted != null && predicted.article() == a;
    Map<String, Double> counts = wasPredicted ? predicted.counts() : TermVectors.counts(a.title(), a.text());
    Map<String, Double> vector = TermVectors.weigh(counts, stats);
    TermLookup lookup = wasPredicted ? new TermLookup(vector, termIds, predicted.termIds(termIds)) : new TermLookup(vector, termIds);
    JoinFeatures.Article view = JoinFeatures.Article.of(a);
    Choice choice = new Choice();
    String original = a.duplicateOf() == null ? null : repository.eventOf(a.duplicateOf());
    if (original != null && active.containsKey(original)) {
      choice.best = active.get(original);
      choice.bestScore = new Score(1.0, 0.0, 1.0);
    } else {
      List<EventState> ids = candidates(a, vector);
      choice = choose(a, view, lookup, ids, time, false);
      // the cascade: a decision the cheap embedding leaves open (near the threshold, or between two
      // events; Cascade.open) is taken again on the fine one
      if (cascade != null && open(a, choice, ids) && fineOf(a) != null) {
        Choice coarse = choice;
        nearEvents(a, coarse).forEach(this::embedLeadsAndStore);
        choice = choose(a, view, lookup, ids, time, true);
        if (openDecisions != null) {
          openDecisions.accept(a, new Decision(coarse.bestScore.margin(), coarse.second, coarse.best, outcome(coarse), outcome(choice),
              coarse.scored.size(), time));
        }
      }
    }
    EventState best = choice.best;
    Score bestScore = choice.bestScore;
    List<Candidate> qualifying = choice.qualifying;
    Candidate bestSimilar = choice.bestSimilar;
    String reason;
    EventState target;
    double similarity;
    if (best != null && bestScore.margin() >= 0) {
      target = best;
      detach(target);
      reason = "joined";
      similarity = bestScore.value();
      target.provisionalOf = null; // a second article confirms a provisional event
    } else {
      target = newEvent("ev-" + Hashing.shortId(a.id(), 12), time);
      reason = "opened";
      similarity = 1.0;
      EventState parent = vetoedBy(qualifying, bestSimilar);
      if (parent != null) {
        target.provisionalOf = parent.id;
        target.parentArticlesAtOpen = parent.articleCount;
        children.computeIfAbsent(parent.id, k -> new TreeSet<>()).add(target.id);
      }
    }
    addArticle(target, a, vector, counts, time);
    changes.add(assigned(a, target.id, time, round(similarity), reason));
    target = adoptOrphans(target, changes);
    qualifying.sort(Comparator.comparingDouble((Candidate c) -> -c.score().margin()).thenComparing(c -> c.event().id));
    for (Candidate c : qualifying) {
      EventState other = c.event();
      if (other == target || !active.containsKey(other.id) || other.id.equals(target.id)) {
        continue;
      }
      if (eventMargin(target, other) >= settings.mergeMargin()) {
        target = merge(target, other, changes);
      }
    }
    save(target, changes);
    return changes;
  }

  /**
   * Whether the cascade takes the table's choice again on the fine embedding: the choice is open by
   * the cascade's rule ({@link Cascade#open}), or a candidate event has a fine sum but none of the
   * table (an event migrated from MiniLM, {@link EmbeddingModels}): the table cannot judge it, and
   * MiniLM judges it as it did before the migration.
   */
  private boolean open(ClusterArticle a, Choice c, List<EventState> candidates) {
    if (c.best == null) {
      return false;
    }
    if (cascade.open(a, c.bestScore.margin(), c.second)) {
      return true;
    }
    for (EventState e : candidates) {
      if (e.embedding == null && e.fineEmbedding != null) {
        return true;
      }
    }
    return false;
  }

  /** Development (CascadeSweep, DecisionRecords): told of every open decision. */
  java.util.function.BiConsumer<ClusterArticle, Decision> openDecisions;

  /**
   * An open decision as {@link #openDecisions} sees it: the table's best margin, its runner-up's
   * margin, its best event (before the article joins), the events the table and the fine model
   * choose ("" a new one), the candidates scored and the article's time.
   */
  record Decision(double margin, double runnerUp, EventState best, String coarse, String fine, int candidates, long time) {
    boolean disagrees() {
      return !coarse.equals(fine);
    }
  }

  /** The event a choice joins, or "" for a new one. */
  private static String outcome(Choice c) {
    return c.best != null && c.bestScore.margin() >= 0 ? c.best.id : "";
  }

  /** The best candidate event, those that qualify, and the best on similarity alone. */
  private static final class Choice {
    EventState best;
    Score bestScore;
    final List<Candidate> qualifying = new ArrayList<>();
    /** Every candidate scored, in the order scored. */
    final List<Candidate> scored = new ArrayList<>();
    Candidate bestSimilar;
    /** The margin of the runner-up (negative infinity when there is none). */
    double second = Double.NEGATIVE_INFINITY;

    void consider(EventState e, Score s) {
      scored.add(new Candidate(e, s));
      if (s.margin() >= 0) {
        qualifying.add(new Candidate(e, s));
      }
      if (s.similarityMargin() >= 0 && (bestSimilar == null || s.similarityMargin() > bestSimilar.score().similarityMargin()
          || (s.similarityMargin() == bestSimilar.score().similarityMargin() && e.id.compareTo(bestSimilar.event().id) < 0))) {
        bestSimilar = new Candidate(e, s);
      }
      if (bestScore == null || s.margin() > bestScore.margin()
          || (s.margin() == bestScore.margin() && e.id.compareTo(best.id) < 0)) {
        if (bestScore != null) {
          second = bestScore.margin();
        }
        best = e;
        bestScore = s;
      } else {
        second = Math.max(second, s.margin());
      }
    }
  }

  /**
   * Scores the candidate events; with {@code fine} (the cascade, the article's fine embedding
   * computed) on the fine embeddings wherever the event has a fine centroid.
   */
  private Choice choose(ClusterArticle a, JoinFeatures.Article view, TermLookup lookup, List<EventState> events, long time,
      boolean fine) {
    Choice c = new Choice();
    for (EventState e : events) {
      c.consider(e, score(a, view, lookup, e, time, fine && e.fineEmbedding != null));
    }
    return c;
  }

  /**
   * Score of an article against an event and its margin over the threshold that applies;
   * {@code similarityMargin} is the margin of the similarity alone, before anchors.
   */
  record Score(double value, double threshold, double similarityMargin) {
    double margin() {
      return value - threshold;
    }
  }

  /**
   * The event an article would have joined on similarity alone when its anchors kept it out (none
   * qualifies with them): it opens a provisional event, the anchors' doubt recorded.
   */
  private static EventState vetoedBy(List<Candidate> qualifying, Candidate bestSimilar) {
    return qualifying.isEmpty() && bestSimilar != null ? bestSimilar.event() : null;
  }

  /**
   * Anchors are evidence, not proof: an article they kept out of an event opens a provisional
   * event, which a second article confirms (a look-alike event gathers its own articles). If
   * instead its parent event takes {@value #ADOPT_AFTER} more articles first, the provisional
   * event stays an orphan of one article and the parent absorbs it (a merge). Returns the event
   * that now holds the target's articles.
   */
  private EventState adoptOrphans(EventState target, List<ClusterChange> changes) {
    Set<String> kids = children.get(target.id);
    if (kids == null) {
      return target;
    }
    for (String id : new ArrayList<>(kids)) {
      EventState child = active.get(id);
      if (child == null || !target.id.equals(child.provisionalOf)) {
        kids.remove(id);
      } else if (child.articleCount == 1 && target.articleCount >= child.parentArticlesAtOpen + ADOPT_AFTER) {
        kids.remove(id);
        child.provisionalOf = null;
        target = merge(target, child, changes);
      }
    }
    if (kids.isEmpty()) {
      children.remove(target.id);
    }
    return target;
  }

  private record Candidate(EventState event, Score score) {}

  /**
   * Similarity of the article to the event (embedding and term-vector cosines, size-penalised); with
   * a join model, the similarity less the cost of conflicting anchors ({@link JoinFeatures}), else
   * the blended similarity; either way decayed beyond the time window.
   */
  Score score(ClusterArticle a, JoinFeatures.Article view, TermLookup vector, EventState e, long time) {
    return score(a, view, vector, e, time, false);
  }

  /** The score on the article's own embedding, or ({@code fine}) on the cascade's fine embeddings with its model. */
  private Score score(ClusterArticle a, JoinFeatures.Article view, TermLookup vector, EventState e, long time, boolean fine) {
    Similarity sim = similarity(a, vector, e, fine);
    JoinModel model = fine ? cascade.fineModel() : model();
    boolean embedded = sim.embedded();
    double plain = model.similarity(sim.embedding(), sim.text(), embedded);
    double decay = decay(time, e);
    double threshold = model.threshold(embedded);
    double s = plain;
    // the anchors can only cost score, or earn at most maxBonus: skip them for events that cannot qualify
    if ((plain + model.maxBonus(embedded)) * decay >= threshold) {
      s = model.score(JoinFeatures.of(view, e, sim.embedding(), sim.text()), embedded);
    }
    if (settings.entityWeight() > 0) {
      double overlap = entityOverlap(a, e);
      s = (1 - settings.entityWeight()) * s + settings.entityWeight() * overlap;
      plain = (1 - settings.entityWeight()) * plain + settings.entityWeight() * overlap;
    }
    return new Score(s * decay, threshold, plain * decay - threshold);
  }

  /** The join model of the settings, or similarity alone against the settings' thresholds. */
  private JoinModel model() {
    if (model == null) {
      model = settings.joinModel() != null ? settings.joinModel()
          : JoinModel.similarityOnly(settings.embeddingWeight(), settings.threshold(), settings.textThreshold());
    }
    return model;
  }

  /** Size-penalised similarities of an article to an event (embedding 0 unless both have one). */
  private record Similarity(double embedding, double text, boolean embedded) {}

  private Similarity similarity(ClusterArticle a, TermLookup vector, EventState e) {
    return similarity(a, vector, e, false);
  }

  /** With {@code fine}, the embedding part compares the cascade's fine vectors (article and event sum). */
  private Similarity similarity(ClusterArticle a, TermLookup vector, EventState e, boolean fine) {
    double size = Math.pow(Math.max(1, e.articleCount), settings.sizePenalty());
    if (e.centroidNorm < 0) {
      e.centroidNorm = TermVectors.norm(e.centroid);
    }
    double cn = Math.pow(e.centroidNorm, 1 - settings.sizePenalty());
    double text = cn == 0 ? 0 : dotLookup(e, vector) / (size * cn);
    float[] article = fine ? fineVector : a.embedding();
    float[] sum = fine ? e.fineEmbedding : e.embedding;
    boolean embedded = article != null && sum != null;
    double emb = 0;
    if (embedded) {
      if (fine && e.fineEmbeddingNorm < 0) {
        e.fineEmbeddingNorm = Embeddings.norm(sum);
      } else if (!fine && e.embeddingNorm < 0) {
        e.embeddingNorm = Embeddings.norm(sum);
      }
      double en = Math.pow(fine ? e.fineEmbeddingNorm : e.embeddingNorm, 1 - settings.sizePenalty());
      double esize = Math.pow(Math.max(1, fine ? e.fineEmbeddedArticles : e.embeddedArticles), settings.sizePenalty());
      emb = en == 0 ? 0 : Embeddings.dot(article, sum) / (esize * en);
    }
    return new Similarity(emb, text, embedded);
  }

  /** 1 within the window of the event's latest article, then falling exponentially (one window: 1/e). */
  private double decay(long time, EventState e) {
    long gap = Math.abs(time - e.lastUpdated);
    long window = settings.window().toMillis();
    return gap > window ? Math.exp(-(gap - window) / (double) window) : 1;
  }

  /**
   * Sum over the event's centroid terms (in sorted order, so the floating-point sum is
   * deterministic) of their weight times the article's weight. The centroid is read from arrays
   * cached on the event (rebuilt after it changes): iterating a TreeMap per candidate was the
   * clusterer's main cost.
   */
  private double dotLookup(EventState e, TermLookup lookup) {
    if (e.centroidTerms == null) {
      e.centroidTerms = e.centroid.keySet().toArray(new String[0]);
      e.centroidWeights = new double[e.centroidTerms.length];
      int i = 0;
      for (double w : e.centroid.values()) {
        e.centroidWeights[i++] = w;
      }
    }
    if (e.centroidIds == null || e.centroidIdsOf != termIds.generation()) {
      e.centroidIds = termIds.ids(e.centroidTerms);
      e.centroidIdsOf = termIds.generation();
      e.centroidIdTerms = e.centroidTerms;
    } else if (e.centroidIdTerms != e.centroidTerms) {
      // the centroid changed (an article joined): most of its terms are the last arrays' (ids kept)
      e.centroidIds = termIds.ids(e.centroidTerms, e.centroidIdTerms, e.centroidIds);
      e.centroidIdTerms = e.centroidTerms;
    }
    return lookup.dot(e.centroidIds, e.centroidWeights);
  }

  /** Salience-weighted share of the article's named entities that the event already has. */
  private static double entityOverlap(ClusterArticle a, EventState e) {
    double total = 0;
    double shared = 0;
    for (ClusterArticle.ArticleEntity en : a.entities()) {
      if (en.type().equals("MISC")) {
        continue;
      }
      total += en.salience();
      if (e.entityArticles.containsKey(en.id())) {
        shared += en.salience();
      }
    }
    return total == 0 ? 0 : shared / total;
  }

  /**
   * How far two events' own similarity, less what their conflicting anchors cost (each event
   * standing in for an article against the other; the worse of the two), is above the join
   * threshold of their mode.
   */
  double eventMargin(EventState x, EventState y) {
    double text = TermVectors.cosine(x.centroid, y.centroid);
    // with the cascade, events that both have fine centroids compare them; an event whose fine
    // centroid no decision has needed yet (its warm-up leads unembedded) is compared on the table
    // (embedding its leads for merge checks too cost ECB+ 2 points of share, FNC-1 2, and changed no assignment)
    boolean fine = cascade != null && x.fineEmbedding != null && y.fineEmbedding != null;
    if (fine) {
      embedLeadsAndStore(x); // leads kept after the centroid was formed (a warm-up member that joined without a decision)
      embedLeadsAndStore(y);
    }
    float[] ex = fine ? x.fineEmbedding : x.embedding;
    float[] ey = fine ? y.fineEmbedding : y.embedding;
    boolean embedded = ex != null && ey != null;
    double emb = 0;
    if (embedded) {
      double nx = Embeddings.norm(ex);
      double ny = Embeddings.norm(ey);
      emb = nx == 0 || ny == 0 ? 0 : Embeddings.dot(ex, ey) / (nx * ny);
    }
    JoinModel m = fine ? cascade.fineModel() : model();
    double s = Math.min(m.score(JoinFeatures.of(JoinFeatures.Article.of(x), y, emb, text), embedded),
        m.score(JoinFeatures.of(JoinFeatures.Article.of(y), x, emb, text), embedded));
    return s - m.threshold(embedded);
  }

  /** Merges two events (both untracked or the other still tracked); returns the survivor, untracked. */
  private EventState merge(EventState x, EventState y, List<ClusterChange> changes) {
    untrack(y);
    boolean xSurvives = x.firstSeen != y.firstSeen ? x.firstSeen < y.firstSeen
        : x.articleCount != y.articleCount ? x.articleCount > y.articleCount
        : x.id.compareTo(y.id) < 0;
    EventState survivor = xSurvives ? x : y;
    EventState absorbed = xSurvives ? y : x;
    untrack(absorbed); // x may be only detached, its index keys still filed
    forget(absorbed);
    active.remove(absorbed.id);
    repository.remove(absorbed.id);
    changes.add(new ClusterChange.EventRemoved(absorbed.id));
    List<EventRepository.Member> moved = new ArrayList<>(repository.members(absorbed.id));
    moved.sort(Comparator.comparingLong(EventRepository.Member::time).thenComparing(EventRepository.Member::articleId));
    for (EventRepository.Member m : moved) {
      repository.addMember(survivor.id, m);
      changes.add(new ClusterChange.Assigned(m.articleId(), survivor.id, m.time(), 1.0, "merged", m.title(), m.outlet(), m.url()));
    }
    survivor.timeline.merge(absorbed.timeline, window());
    survivor.articleCount += absorbed.articleCount;
    survivor.centroidNorm = -1;
    survivor.embeddingNorm = -1;
    survivor.centroidTerms = null;
    absorbed.centroid.forEach((t, w) -> survivor.centroid.merge(t, w, Double::sum));
    capCentroid(survivor);
    absorbed.termDocs.forEach((t, n) -> survivor.termDocs.merge(t, n, Integer::sum));
    capTermDocs(survivor);
    absorbed.entityArticles.forEach((t, n) -> survivor.entityArticles.merge(t, n, Integer::sum));
    absorbed.anchorArticles.forEach((t, n) -> survivor.anchorArticles.merge(t, n, Integer::sum));
    absorbed.leadArticles.forEach((t, n) -> survivor.leadArticles.merge(t, n, Integer::sum));
    survivor.anchoredArticles += absorbed.anchoredArticles;
    survivor.fullArticles += absorbed.fullArticles;
    capAnchors(survivor);
    capEntities(survivor);
    survivor.embedding = sum(survivor.embedding, absorbed.embedding);
    survivor.embeddedArticles += absorbed.embeddedArticles;
    mergeFine(survivor, absorbed);
    survivor.fineEmbedding = sum(survivor.fineEmbedding, absorbed.fineEmbedding);
    survivor.fineEmbeddedArticles += absorbed.fineEmbeddedArticles;
    survivor.fineEmbeddingNorm = -1;
    survivor.mergedFrom.add(absorbed.id);
    survivor.mergedFrom.addAll(absorbed.mergedFrom);
    survivor.firstSeen = Math.min(survivor.firstSeen, absorbed.firstSeen);
    survivor.lastUpdated = Math.max(survivor.lastUpdated, absorbed.lastUpdated);
    return survivor;
  }

  /**
   * Before two events' fine sums are added: events that both have only warm-up leads pool them (at
   * most the warm-up's number: the survivor's first), unembedded; otherwise both sums are
   * completed first, so each is what embedding its leads on arrival gave.
   */
  private void mergeFine(EventState survivor, EventState absorbed) {
    if (cascade == null || (absorbed.fineLeads.isEmpty() && survivor.fineLeads.isEmpty())) {
      return;
    }
    if (survivor.fineEmbedding == null && absorbed.fineEmbedding == null) {
      List<EventState.FineLead> pooled = new ArrayList<>(survivor.fineLeads);
      pooled.addAll(absorbed.fineLeads);
      survivor.fineLeads = new ArrayList<>(pooled.subList(0, Math.min(pooled.size(), cascade.warmup())));
      absorbed.fineLeads = new ArrayList<>();
    } else {
      embedLeads(survivor);
      embedLeads(absorbed);
    }
  }

  /**
   * Events sharing an entity or a strong term with the article, at most {@value #MAX_CANDIDATES}:
   * those sharing the most keys (ties by id). Keys shared by more than {@value #MAX_POSTING} active
   * events (a country everyone mentions) are too common to find candidates with and are skipped.
   */
  private List<EventState> candidates(ClusterArticle a, Map<String, Double> vector) {
    // each event counts the keys it shares in fields of its own for this round: no map of counts
    long round = ++candidateRound;
    List<EventState> shared = new ArrayList<>();
    for (ClusterArticle.ArticleEntity en : a.entities()) {
      share(eventsByEntity.get(en.id()), round, shared);
    }
    for (String term : TermVectors.strongest(vector, QUERY_TERMS).keySet()) {
      share(eventsByTerm.get(term), round, shared);
    }
    if (shared.size() > MAX_CANDIDATES) {
      shared = mostShared(shared, MAX_CANDIDATES);
    }
    shared.sort(Comparator.comparing(e -> e.id));
    return shared;
  }

  /**
   * The n events sharing the most keys, ties by id: what sorting them all by (shared keys, id) and
   * taking the first n gives, without sorting thousands of events that share a common key. Those
   * above the n-th event's count are in; of those at it, the smallest ids (a bounded heap).
   */
  static List<EventState> mostShared(List<EventState> events, int n) {
    int max = 0;
    for (EventState e : events) {
      max = Math.max(max, e.sharedKeys);
    }
    int[] withCount = new int[max + 1];
    for (EventState e : events) {
      withCount[e.sharedKeys]++;
    }
    int cut = max;
    int above = 0; // events sharing more keys than cut
    while (above + withCount[cut] < n) {
      above += withCount[cut];
      cut--;
    }
    List<EventState> out = new ArrayList<>(n);
    Comparator<EventState> byId = Comparator.comparing(e -> e.id);
    PriorityQueue<EventState> ties = new PriorityQueue<>(byId.reversed()); // the largest id of those kept on top
    int room = n - above;
    for (EventState e : events) {
      if (e.sharedKeys > cut) {
        out.add(e);
      } else if (e.sharedKeys == cut) {
        if (ties.size() < room) {
          ties.add(e);
        } else if (byId.compare(e, ties.peek()) < 0) {
          ties.poll();
          ties.add(e);
        }
      }
    }
    out.addAll(ties);
    return out;
  }

  /** Counts one shared key for each of these events (unless the key is too common to tell events apart). */
  private static void share(Set<EventState> events, long round, List<EventState> shared) {
    if (events == null || events.size() > MAX_POSTING) {
      return;
    }
    for (EventState e : events) {
      if (e.candidateRound != round) {
        e.candidateRound = round;
        e.sharedKeys = 0;
        shared.add(e);
      }
      e.sharedKeys++;
    }
  }

  private void addArticle(EventState e, ClusterArticle a, Map<String, Double> vector, Map<String, Double> counts, long time) {
    e.timeline.add(a, time, window());
    repository.addMember(e.id, member(a, time));
    e.articleCount++;
    e.centroidNorm = -1;
    e.embeddingNorm = -1;
    e.centroidTerms = null;
    vector.forEach((t, w) -> e.centroid.merge(t, w, Double::sum));
    capCentroid(e);
    counts.keySet().forEach(t -> e.termDocs.merge(t, 1, Integer::sum));
    stats.addArticle(counts.keySet());
    capTermDocs(e);
    for (ClusterArticle.ArticleEntity en : a.entities()) {
      e.entityArticles.merge(en.id(), 1, Integer::sum);
    }
    capEntities(e);
    if (!a.anchors().isEmpty()) {
      a.anchors().all().forEach(k -> e.anchorArticles.merge(k, 1, Integer::sum));
      a.anchors().lead().forEach(k -> e.leadArticles.merge(k, 1, Integer::sum));
      e.anchoredArticles++;
      if (JoinFeatures.Article.full(a)) {
        e.fullArticles++;
      }
      capAnchors(e);
    }
    if (a.embedding() != null) {
      e.embedding = sum(e.embedding, a.embedding());
      e.embeddedArticles++;
    }
    if (cascade != null && fineArticle == a && fineVector != null) {
      embedLeads(e); // the sum in the order the members joined
      e.fineEmbedding = sum(e.fineEmbedding, fineVector);
      e.fineEmbeddedArticles++;
      e.fineEmbeddingNorm = -1;
    } else if (cascade != null) {
      // the warm-up: a young event keeps the member's lead, embedded once a decision needs its fine centroid
      EventState.FineLead lead = warmupLead(e, a);
      if (lead != null) {
        e.fineLeads.add(lead);
      }
    }
    e.firstSeen = Math.min(e.firstSeen, time);
    e.lastUpdated = Math.max(e.lastUpdated, time);
  }

  /** An event opened at this time, of the settings' embedding model. */
  private EventState newEvent(String id, long time) {
    EventState e = new EventState(id);
    e.firstSeen = time;
    e.lastUpdated = time;
    e.embeddingModel = settings.embeddingModels() == null ? null : settings.embeddingModels().model();
    return e;
  }

  /** {@code total} plus {@code v}: in place when total exists, else into a new array (null v adds nothing). */
  private static float[] sum(float[] total, float[] v) {
    if (v == null) {
      return total;
    }
    if (total == null) {
      total = new float[v.length];
    }
    for (int i = 0; i < Math.min(total.length, v.length); i++) {
      total[i] += v[i];
    }
    return total;
  }

  /**
   * Centroids and term counts are cut back to their strongest entries when they grow half again
   * past their cap (amortised: one sort every many updates, not one per update).
   */
  private static void capCentroid(EventState e) {
    if (e.centroid.size() > CENTROID_TERMS * 3 / 2) {
      e.centroid = TermVectors.strongest(e.centroid, CENTROID_TERMS);
    }
  }

  /** Anchor counts are cut back to the most frequent keys (ties by key) when they pass half again their cap. */
  private static void capAnchors(EventState e) {
    if (e.anchorArticles.size() > ANCHOR_KEYS * 3 / 2) {
      e.anchorArticles = TermVectors.strongest(e.anchorArticles, ANCHOR_KEYS);
    }
    if (e.leadArticles.size() > ANCHOR_KEYS * 3 / 2) {
      e.leadArticles = TermVectors.strongest(e.leadArticles, ANCHOR_KEYS);
    }
  }

  private void capTermDocs(EventState e) {
    if (e.termDocs.size() > TERM_DOCS * 3 / 2) {
      java.util.TreeMap<String, Integer> kept = TermVectors.strongest(e.termDocs, TERM_DOCS);
      e.termDocs.forEach((t, n) -> {
        if (!kept.containsKey(t)) {
          stats.removeTerm(t, n);
        }
      });
      e.termDocs = kept;
    }
  }

  /** Entity counts are cut back to the most frequent (ties by id) when they grow half again past their cap. */
  private static void capEntities(EventState e) {
    if (e.entityArticles.size() > ENTITY_KEYS * 3 / 2) {
      e.entityArticles = TermVectors.strongest(e.entityArticles, ENTITY_KEYS);
    }
  }

  /** Articles listed on a timeline after the first one. */
  private int window() {
    return Math.max(1, settings.maxArticles());
  }

  private static EventRepository.Member member(ClusterArticle a, long time) {
    return new EventRepository.Member(a.id(), time, a.outlet(), a.url(), a.title());
  }

  private static ClusterChange.Assigned assigned(ClusterArticle a, String eventId, long time, double similarity, String reason) {
    return new ClusterChange.Assigned(a.id(), eventId, time, similarity, reason, a.title(), a.outlet(), a.url());
  }

  private void save(EventState e, List<ClusterChange> changes) {
    e.version++;
    repository.put(e);
    track(e);
    changes.add(new ClusterChange.EventChanged(e));
  }

  private void retireDormant(long now, List<ClusterChange> changes) {
    long cutoff = now - settings.dormancy().toMillis();
    while (!byLastUpdate.isEmpty() && byLastUpdate.first().lastUpdated < cutoff) {
      EventState e = byLastUpdate.first();
      untrack(e);
      stats.remove(e);
      for (EventRepository.Member m : repository.members(e.id)) {
        repository.removeMember(e.id, m.articleId());
      }
      forget(e);
      active.remove(e.id);
      repository.remove(e.id);
      e.status = "dormant";
      e.version++;
      changes.add(new ClusterChange.EventChanged(e));
    }
  }

  /** Drops an event leaving the state from the provisional bookkeeping, as parent and as child. */
  private void forget(EventState e) {
    children.remove(e.id);
    if (e.provisionalOf != null) {
      Set<String> siblings = children.get(e.provisionalOf);
      if (siblings != null) {
        siblings.remove(e.id);
        if (siblings.isEmpty()) {
          children.remove(e.provisionalOf);
        }
      }
    }
  }

  /**
   * Files the event in the candidate index under its present keys. An event still filed (only
   * {@link #detach}ed) moves only the keys that changed: of its hundred-odd entity keys an article
   * that joins changes a few, and unfiling and filing them all was a twentieth of the clustering
   * thread's Java time.
   */
  private void track(EventState e) {
    active.put(e.id, e);
    byLastUpdate.add(e);
    List<String> entities = new ArrayList<>(e.entityArticles.keySet());
    List<String> terms = new ArrayList<>(TermVectors.strongest(e.centroid, INDEX_TERMS).keySet());
    refile(eventsByEntity, e.indexEntities, entities, e);
    refile(eventsByTerm, e.indexTerms, terms, e);
    e.indexEntities = entities;
    e.indexTerms = terms;
  }

  /** Takes the event out of the dormancy order while it changes; its index keys stay filed until {@link #track}. */
  private void detach(EventState e) {
    byLastUpdate.remove(e);
  }

  /** Takes the event out of the dormancy order and the candidate index. */
  private void untrack(EventState e) {
    byLastUpdate.remove(e);
    if (e.indexEntities != null) {
      unfile(eventsByEntity, e.indexEntities, e);
      unfile(eventsByTerm, e.indexTerms, e);
      e.indexEntities = null;
      e.indexTerms = null;
    }
  }

  /** Moves the event from its filed keys (sorted; null: not filed) to its present ones (sorted): unfiles those gone, files those new. */
  private static void refile(Map<String, Set<EventState>> index, List<String> filed, List<String> present, EventState e) {
    if (filed == null) {
      file(index, present, e);
      return;
    }
    int i = 0;
    int j = 0;
    while (i < filed.size() || j < present.size()) {
      int c = i == filed.size() ? 1 : j == present.size() ? -1 : filed.get(i).compareTo(present.get(j));
      if (c < 0) {
        unfile(index, List.of(filed.get(i++)), e);
      } else if (c > 0) {
        file(index, List.of(present.get(j++)), e);
      } else {
        i++;
        j++;
      }
    }
  }

  /** Files the event under its keys in one of the candidate indexes (its entities, or its strongest centroid terms). */
  private static void file(Map<String, Set<EventState>> index, Iterable<String> keys, EventState e) {
    for (String key : keys) {
      index.computeIfAbsent(key, k -> new HashSet<>()).add(e);
    }
  }

  private static void unfile(Map<String, Set<EventState>> index, Iterable<String> keys, EventState e) {
    for (String key : keys) {
      Set<EventState> events = index.get(key);
      if (events != null) {
        events.remove(e);
        if (events.isEmpty()) {
          index.remove(key);
        }
      }
    }
  }

  private static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }

  /**
   * Scores an article against every active event without clustering it: what a clusterer without
   * the candidate index would pay per article (load harness). Returns the events it qualifies for.
   */
  public int scoreAll(ClusterArticle a) {
    TermLookup v = new TermLookup(TermVectors.weigh(TermVectors.counts(a.title(), a.text()), stats), termIds);
    JoinFeatures.Article view = JoinFeatures.Article.of(a);
    int qualifying = 0;
    for (EventState e : active.values()) {
      if (score(a, view, v, e, a.time().toEpochMilli()).margin() >= 0) {
        qualifying++;
      }
    }
    return qualifying;
  }

  /**
   * Development (fitting the join model): the join features of an article against each of its
   * candidate events, without clustering it. Keys are event ids; the last element of each vector
   * is 1 when article and event both have embeddings, else 0.
   */
  Map<String, double[]> joinFeatures(ClusterArticle a) {
    Map<String, Double> vector = TermVectors.weigh(TermVectors.counts(a.title(), a.text()), stats);
    TermLookup lookup = new TermLookup(vector, termIds);
    JoinFeatures.Article view = JoinFeatures.Article.of(a);
    Map<String, double[]> out = new TreeMap<>();
    for (EventState e : candidates(a, vector)) {
      String id = e.id;
      Similarity sim = similarity(a, lookup, e);
      double[] f = JoinFeatures.of(view, e, sim.embedding(), sim.text());
      double[] row = java.util.Arrays.copyOf(f, f.length + 1);
      row[f.length] = sim.embedded() ? 1 : 0;
      out.put(id, row);
    }
    return out;
  }

  /**
   * Development (fitting the join model): adds the article to the event with this id, opening it
   * when it does not exist, as a labelled oracle would cluster.
   */
  void assign(ClusterArticle a, String eventId) {
    termIds.trim();
    long time = a.time().toEpochMilli();
    clock = Math.max(clock, time);
    retireDormant(clock, new ArrayList<>());
    Map<String, Double> counts = TermVectors.counts(a.title(), a.text());
    Map<String, Double> vector = TermVectors.weigh(counts, stats);
    EventState e = active.get(eventId);
    if (e == null) {
      e = newEvent(eventId, time);
    } else {
      untrack(e);
    }
    addArticle(e, a, vector, counts, time);
    track(e);
  }

  /** The event of an article, for tests and diagnostics. */
  String eventOf(String articleId) {
    return repository.eventOf(articleId);
  }
}
