package io.newsline.aggregate.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The clustering state of one active event: its articles (with what the timeline needs of each)
 * and the summed term vector of its articles. Serialised as JSON in the aggregate state store;
 * public fields keep that mapping obvious. Not thread-safe.
 */
public final class EventState {
  public String id;
  public String status = "active";
  public long firstSeen;
  public long lastUpdated;
  public long version;
  public List<String> mergedFrom = new ArrayList<>();
  public List<ArticleSummary> articles = new ArrayList<>();
  /** Sum of the member articles' normalised term vectors, capped to the strongest terms. */
  public Map<String, Double> centroid = new TreeMap<>();
  /** entity id -> number of member articles mentioning it. */
  public Map<String, Integer> entityArticles = new TreeMap<>();

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
