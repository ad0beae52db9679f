package io.newsline.enrich.model;

import java.util.List;

/** What the enricher adds to one article. */
public record Enrichment(List<Entity> entities, List<Quote> quotes) {
  public Enrichment {
    entities = List.copyOf(entities);
    quotes = List.copyOf(quotes);
  }
}
