package io.newsline.ingest;

import java.util.List;

/**
 * A transaction whose articles are already cleaned and fingerprinted (or rejected), not yet compared
 * with the others: the part of the work that can run ahead, on another thread, while the previous
 * transaction is being published.
 */
public final class PreparedTransaction {
  private final IngestTransaction transaction;
  /** Per article: an {@link ArticleNormalizer.Prepared} or the {@link RejectedInputException}; null when not prepared. */
  final List<Object> prepared;

  PreparedTransaction(IngestTransaction transaction, List<Object> prepared) {
    this.transaction = transaction;
    this.prepared = prepared;
  }

  /** A transaction handed on as it is (sinks that do all the work in publish). */
  public static PreparedTransaction unprepared(IngestTransaction transaction) {
    return new PreparedTransaction(transaction, null);
  }

  public IngestTransaction transaction() {
    return transaction;
  }

  public boolean isPrepared() {
    return prepared != null;
  }
}
