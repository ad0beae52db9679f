package io.newsline.aggregate.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The clustering state of one active event: the summed term vector and embedding of its articles,
 * the document frequencies of its terms, its entities, and what its timeline shows
 * ({@link TimelineState}). Every part is bounded, so an event costs the same to update and to store
 * whatever its size. Stored by {@link EventStateCodec} (every field must be in it); public fields
 * keep that mapping obvious. Maps are sorted (TreeMap, so a copy restored from the store iterates,
 * and so sums floating-point numbers, in the same order as the original) and the stored bytes are a
 * function of the content. The articles themselves are in the repository's membership
 * ({@link EventRepository#members}). Not thread-safe.
 */
public final class EventState {
  public String id;
  public String status = "active";
  public long firstSeen;
  public long lastUpdated;
  public long version;
  public List<String> mergedFrom = new ArrayList<>();
  /**
   * The event this one's first article would have joined on similarity alone, had its anchors not
   * conflicted; null once a second article confirms it (or when it never was provisional).
   */
  public String provisionalOf;
  /** The parent's article count when this provisional event opened. */
  public int parentArticlesAtOpen;
  /** Every article that ever joined, absorbed events' included. */
  public int articleCount;
  /** Sum of the member articles' normalised term vectors, capped to the strongest terms. */
  public TreeMap<String, Double> centroid = new TreeMap<>();
  /** term -> member articles containing it, capped to the most frequent terms; feeds {@link TermStats}. */
  public TreeMap<String, Integer> termDocs = new TreeMap<>();
  /** entity id -> number of member articles mentioning it, capped to the most frequent entities. */
  public TreeMap<String, Integer> entityArticles = new TreeMap<>();
  /** Anchor key (see {@link ArticleAnchors}) -> member articles with it anywhere; capped to the most frequent. */
  public TreeMap<String, Integer> anchorArticles = new TreeMap<>();
  /** Anchor key -> member articles with it in their lead (lead entities and weekdays included); capped to the most frequent. */
  public TreeMap<String, Integer> leadArticles = new TreeMap<>();
  /** Member articles that came with anchors (records enriched before anchors existed have none). */
  public int anchoredArticles;
  /** Of those, the ones long enough for a missing name to be evidence (not headlines alone). */
  public int fullArticles;
  /** Sum of the member articles' normalised embeddings; null until an article with one joins. */
  public float[] embedding;
  /** Articles that contributed to {@link #embedding}. */
  public int embeddedArticles;
  /**
   * With the embedding cascade ({@link Cascade}): sum of the fine (MiniLM) embeddings of the members
   * that have one (the warm-up's, once a decision needed them, and those whose join was open); null without.
   */
  public float[] fineEmbedding;
  /** Articles that contributed to {@link #fineEmbedding}. */
  public int fineEmbeddedArticles;
  /**
   * The model ({@code SentenceEmbedder.version()}) whose vectors {@link #embedding} sums (the fine sum
   * is always the cascade's MiniLM): a restored event of another model is migrated
   * ({@link EmbeddingModels#migrate}). Null in states stored before it was recorded, and without
   * {@link ClusterSettings#embeddingModels()}.
   */
  public String embeddingModel;
  /**
   * With the cascade, its warm-up members not yet embedded finely: what MiniLM would read of them,
   * embedded (and dropped from here) only when a decision first needs the event's fine centroid
   * ({@link EventClusterer}, the lazy warm-up); empty for most events once they have one.
   */
  public List<FineLead> fineLeads = new ArrayList<>();
  /** The timeline's summaries of the articles: first and latest, tallies, quotes. */
  public TimelineState timeline = new TimelineState();
  /** Cached |centroid| and |embedding|; negative when stale. Not stored. */
  transient double centroidNorm = -1;
  transient double embeddingNorm = -1;
  transient double fineEmbeddingNorm = -1;
  /** The entities and terms (sorted) the event is filed under in the candidate index; null when not filed. Not stored. */
  transient List<String> indexEntities;
  transient List<String> indexTerms;
  /** The centroid as arrays in term order, for fast scoring; null when stale. Not stored. */
  transient String[] centroidTerms;
  transient double[] centroidWeights;
  /** The ids ({@link TermIds}) of the centroid terms {@code centroidIdTerms} (the present or the last arrays) and the dictionary generation they are of. Not stored. */
  transient int[] centroidIds;
  transient String[] centroidIdTerms;
  transient Object centroidIdsOf;
  /** Candidate retrieval's count of the article's keys this event shares, valid in round {@code candidateRound}. Not stored. */
  transient long candidateRound;
  transient int sharedKeys;

  public EventState() {}

  /**
   * A member's headline and lead as the fine model reads them ({@link io.newsline.embedding.SentenceEmbedder#input}, at
   * most 600 characters), kept until the event's fine centroid is needed.
   */
  public record FineLead(String articleId, String text) {
    /** The member as an article for the cascade's fine embedding: its id, and its lead as the text. */
    ClusterArticle article() {
      return new ClusterArticle(articleId, "", text, null, null, Instant.EPOCH, null, List.of(), List.of());
    }
  }

  EventState(String id) {
    this.id = id;
  }
}
