package io.newsline.aggregate.cluster;

import java.time.Instant;
import java.util.List;

/**
 * What clustering and timelines need of an enriched article. Plain Java.
 *
 * @param time published_at, else ingested_at
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
    List<ArticleQuote> quotes) {

  public ClusterArticle {
    entities = List.copyOf(entities);
    quotes = List.copyOf(quotes);
  }

  /** An entity of the article with its salience, mention count and the article's stance toward it. */
  public record ArticleEntity(String id, String name, String type, double salience, int mentions, String stance, double stanceScore) {}

  /** A quote of the article. */
  public record ArticleQuote(String speakerId, String speaker, String text) {}
}
