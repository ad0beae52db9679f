package io.newsline.enrich.model;

import java.util.List;

/**
 * What the enricher adds to one article.
 *
 * @param embedding sentence embedding of headline and lead, L2-normalised; null when not computed
 * @param anchors time expressions and numbers that tell the article's event from look-alikes;
 *     null when not computed
 */
public record Enrichment(List<Entity> entities, List<Quote> quotes, float[] embedding, Anchors anchors) {
  public Enrichment {
    entities = List.copyOf(entities);
    quotes = List.copyOf(quotes);
  }

  public Enrichment(List<Entity> entities, List<Quote> quotes, float[] embedding) {
    this(entities, quotes, embedding, null);
  }

  public Enrichment(List<Entity> entities, List<Quote> quotes) {
    this(entities, quotes, null, null);
  }
}
