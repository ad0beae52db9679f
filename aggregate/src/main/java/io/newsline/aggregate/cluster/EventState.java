package io.newsline.aggregate.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The clustering state of one active event: its articles (with what the timeline needs of each),
 * the summed term vector and embedding of its articles, and the document frequencies of its terms.
 * Serialised as JSON in the aggregate state store; public fields keep that mapping obvious. Maps are
 * sorted (declared as TreeMap so that a copy restored from the store iterates, and so sums
 * floating-point numbers, in the same order as the original) and the serialised bytes are a
 * function of the content. Not thread-safe.
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
  /** Member articles in (time, id) order; giant events keep the first and the latest ones (see ClusterSettings.maxArticles). */
  public List<ArticleSummary> articles = new ArrayList<>();
  /** Every article that ever joined, including summaries dropped by the cap. */
  public int articleCount;
  /** Sum of the member articles' normalised term vectors, capped to the strongest terms. */
  public TreeMap<String, Double> centroid = new TreeMap<>();
  /** term -> member articles containing it, capped to the most frequent terms; feeds {@link TermStats}. */
  public TreeMap<String, Integer> termDocs = new TreeMap<>();
  /** entity id -> number of member articles mentioning it. */
  public TreeMap<String, Integer> entityArticles = new TreeMap<>();
  /** Anchor key (see {@link ArticleAnchors}) -> member articles with it anywhere; capped to the most frequent. */
  public TreeMap<String, Integer> anchorArticles = new TreeMap<>();
  /** Anchor key -> member articles with it in their lead (lead entities included); capped to the most frequent. */
  public TreeMap<String, Integer> leadArticles = new TreeMap<>();
  /** Member articles that came with anchors (records enriched before anchors existed have none). */
  public int anchoredArticles;
  /** Of those, the ones long enough for a missing name to be evidence (not headlines alone). */
  public int fullArticles;
  /** Sum of the member articles' normalised embeddings; null until an article with one joins. */
  public float[] embedding;
  /** Articles that contributed to {@link #embedding}. */
  public int embeddedArticles;
  /** Cached |centroid| and |embedding|; negative when stale. Not stored. */
  @JsonIgnore double centroidNorm = -1;
  @JsonIgnore double embeddingNorm = -1;
  /** The index keys the event is filed under while tracked. Not stored. */
  @JsonIgnore java.util.List<String> indexKeys;
  /** The centroid as arrays in term order, for fast scoring; null when stale. Not stored. */
  @JsonIgnore String[] centroidTerms;
  @JsonIgnore double[] centroidWeights;

  public EventState() {}

  EventState(String id) {
    this.id = id;
  }

  /** What the timeline keeps of one member article. */
  public record ArticleSummary(
      String id,
      String outlet,
      String url,
      String title,
      String lead,
      long time,
      List<ClusterArticle.ArticleEntity> entities,
      List<ClusterArticle.ArticleQuote> quotes) {}
}
