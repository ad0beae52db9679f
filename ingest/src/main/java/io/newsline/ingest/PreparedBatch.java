package io.newsline.ingest;

import java.util.List;

/**
 * A batch whose articles are already cleaned and fingerprinted (or rejected), not yet compared
 * with the others: the part of the work that can run ahead, on another thread, while the previous
 * batch is being published.
 */
public final class PreparedBatch {
  private final Batch batch;
  /** Per article: an {@link ArticleNormalizer.Prepared} or the {@link RejectedInputException}; null when not prepared. */
  final List<Object> prepared;

  PreparedBatch(Batch batch, List<Object> prepared) {
    this.batch = batch;
    this.prepared = prepared;
  }

  /** A batch handed on as it is (sinks that do all the work in publish). */
  public static PreparedBatch unprepared(Batch batch) {
    return new PreparedBatch(batch, null);
  }

  public Batch batch() {
    return batch;
  }

  public boolean isPrepared() {
    return prepared != null;
  }
}
