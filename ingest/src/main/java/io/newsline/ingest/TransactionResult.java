package io.newsline.ingest;

import io.newsline.avro.RawArticle;
import java.util.List;

/**
 * What a transaction produced: the articles published (duplicates included, linked), one outcome per
 * input article in input order, and the number of dead letters written.
 */
public record TransactionResult(List<RawArticle> articles, List<Outcome> outcomes, int deadLetters) {
  /** An input article's fate: the published record, or the reason it was dead-lettered. */
  public record Outcome(RawArticle article, String error) {}
}
