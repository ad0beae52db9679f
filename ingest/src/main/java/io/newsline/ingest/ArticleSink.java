package io.newsline.ingest;

/**
 * Where sources hand their work: articles to publish, inputs that failed (each becomes a dead
 * letter) and source state to keep (feed state), all at once, so a feed poll's articles and the
 * state saying they were seen are committed together or not at all. {@link IngestService} is the
 * Kafka one (one Kafka transaction each).
 */
public interface ArticleSink {
  TransactionResult publish(IngestTransaction transaction);

  /**
   * The part of publishing that may run ahead on another thread (cleaning, fingerprints), so a
   * reader can prepare the next transaction while the previous one is published. Thread-safe.
   */
  default PreparedTransaction prepare(IngestTransaction transaction) {
    return PreparedTransaction.unprepared(transaction);
  }

  /** Publishes a transaction from {@link #prepare}. */
  default TransactionResult publish(PreparedTransaction transaction) {
    return publish(transaction.transaction());
  }
}
