package io.newsline.aggregate.cluster;

import java.time.Instant;
import java.util.List;

/**
 * What clustering and timelines need of an enriched article. Plain Java.
 *
 * @param time published_at, else ingested_at
 * @param embedding L2-normalised sentence embedding of headline and lead, or null when enrich gave none
 * @param anchors when, how much and who in the lead (see {@link ArticleAnchors}); NONE when enrich gave none
 */
public record ClusterArticle(
    String id,
    String title,
    String text,
    String outlet,
    String url,
    Instant time,
    String duplicateOf,
    List<ArticleEntity> entities,
    List<ArticleQuote> quotes,
    float[] embedding,
    ArticleAnchors anchors) {

  public ClusterArticle {
    entities = List.copyOf(entities);
    quotes = List.copyOf(quotes);
    anchors = anchors == null ? ArticleAnchors.NONE : anchors;
  }

  public ClusterArticle(String id, String title, String text, String outlet, String url, Instant time,
      String duplicateOf, List<ArticleEntity> entities, List<ArticleQuote> quotes, float[] embedding) {
    this(id, title, text, outlet, url, time, duplicateOf, entities, quotes, embedding, ArticleAnchors.NONE);
  }

  public ClusterArticle(String id, String title, String text, String outlet, String url, Instant time,
      String duplicateOf, List<ArticleEntity> entities, List<ArticleQuote> quotes) {
    this(id, title, text, outlet, url, time, duplicateOf, entities, quotes, null, ArticleAnchors.NONE);
  }

  /** An entity of the article with its salience, mention count and the article's stance toward it. */
  public record ArticleEntity(String id, String name, String type, double salience, int mentions, String stance, double stanceScore) {}

  /** A quote of the article. */
  public record ArticleQuote(String speakerId, String speaker, String text) {}
}
