package io.newsline.ingest;

/**
 * Where sources hand their work: articles to publish, inputs that failed (each becomes a dead
 * letter) and source state to keep (feed state), all at once, so a feed poll's articles and the
 * state saying they were seen are committed together or not at all. {@link IngestService} is the
 * Kafka one (one transaction per batch).
 */
public interface ArticleSink {
  BatchResult publish(Batch batch);

  /**
   * The part of publishing that may run ahead on another thread (cleaning, fingerprints), so a
   * reader can prepare the next batch while the previous one is published. Thread-safe.
   */
  default PreparedBatch prepare(Batch batch) {
    return PreparedBatch.unprepared(batch);
  }

  /** Publishes a batch from {@link #prepare}. */
  default BatchResult publish(PreparedBatch batch) {
    return publish(batch.batch());
  }
}
