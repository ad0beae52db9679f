package io.newsline.ingest;

import io.newsline.avro.RawArticle;
import java.util.List;

/**
 * What a transaction produced: the articles published (duplicates included, linked), one outcome per
 * input article in input order, and the number of dead letters written.
 */
public record TransactionResult(List<RawArticle> articles, List<Outcome> outcomes, int deadLetters) {
  /**
   * An input article's fate: the published record, or the reason it was dead-lettered. When
   * {@code unchanged}, the article is the record already published under its id with this very
   * content (a repeated delivery), not published again.
   */
  public record Outcome(RawArticle article, String error, boolean unchanged) {
    public Outcome(RawArticle article, String error) {
      this(article, error, false);
    }
  }

  /** Input articles not dead-lettered: those published and those delivered again unchanged. */
  public long accepted() {
    return outcomes.stream().filter(o -> o.article() != null).count();
  }

  /** Articles delivered again unchanged, so not published again. */
  public long unchanged() {
    return outcomes.stream().filter(Outcome::unchanged).count();
  }
}
