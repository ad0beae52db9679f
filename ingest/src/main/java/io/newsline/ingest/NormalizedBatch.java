package io.newsline.ingest;

import io.newsline.avro.RawArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Function;

/**
 * A batch after normalisation, before publishing: the raw articles, one outcome per input, and
 * every dead letter (inputs rejected by the source plus those the normaliser rejected). Plain
 * Java, shared by the Kafka sink and in-memory ones.
 */
public record NormalizedBatch(List<RawArticle> articles, List<BatchResult.Outcome> outcomes, List<Batch.Rejected> deadLetters) {

  /** Batches at least this large are cleaned and fingerprinted on all cores. */
  static final int PARALLEL_FROM = 32;
  /**
   * Ingest's own workers (daemon threads), apart from the common pool that other parts of a
   * process (Kafka Streams callbacks, `newsline local`) may keep busy; the calling thread works too.
   */
  private static final ForkJoinPool WORKERS = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
      pool -> {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setName("ingest-worker-" + t.getPoolIndex());
        t.setDaemon(true);
        return t;
      }, null, false);

  /** Maps the list on the ingest workers when it is large enough, in order. */
  static <T, R> List<R> map(List<T> in, Function<T, R> f) {
    if (in.size() < PARALLEL_FROM) {
      return in.stream().map(f).toList();
    }
    try {
      return WORKERS.submit(() -> in.parallelStream().map(f).toList()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while normalising a batch", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Normalises the batch: extraction, cleaning and fingerprints in parallel, then duplicate
   * linking one by one in input order, so the result does not depend on thread timing.
   */
  public static NormalizedBatch of(Batch batch, ArticleNormalizer normalizer, Instant now) {
    return link(prepare(batch, normalizer), normalizer, now);
  }

  /** The parallel part: extraction, cleaning, fingerprints. Thread-safe. */
  public static PreparedBatch prepare(Batch batch, ArticleNormalizer normalizer) {
    return new PreparedBatch(batch, map(batch.articles(), a -> prepare(normalizer, a)));
  }

  /** The sequential part: duplicate links in input order. Single-threaded (the normaliser's index). */
  public static NormalizedBatch link(PreparedBatch batch, ArticleNormalizer normalizer, Instant now) {
    PreparedBatch ready = batch.isPrepared() ? batch : prepare(batch.batch(), normalizer);
    List<IncomingArticle> in = ready.batch().articles();
    List<Object> prepared = ready.prepared;
    List<RawArticle> articles = new ArrayList<>();
    List<BatchResult.Outcome> outcomes = new ArrayList<>();
    List<Batch.Rejected> dead = new ArrayList<>(ready.batch().rejected());
    for (int i = 0; i < in.size(); i++) {
      if (prepared.get(i) instanceof ArticleNormalizer.Prepared p) {
        RawArticle a = normalizer.link(p, now);
        articles.add(a);
        outcomes.add(new BatchResult.Outcome(a, null));
      } else {
        RejectedInputException e = (RejectedInputException) prepared.get(i);
        dead.add(new Batch.Rejected(e, in.get(i).sourceType(), in.get(i).source(), in.get(i).text()));
        outcomes.add(new BatchResult.Outcome(null, e.getMessage()));
      }
    }
    return new NormalizedBatch(articles, outcomes, dead);
  }

  private static Object prepare(ArticleNormalizer normalizer, IncomingArticle a) {
    try {
      return normalizer.prepare(a);
    } catch (RejectedInputException e) {
      return e;
    }
  }

  /** Counts the dead letters in newsline_ingest_errors_total; call once the batch is published. */
  public void countErrors() {
    for (Batch.Rejected r : deadLetters) {
      IngestMetrics.error(r.sourceType(), r.error());
    }
  }

  public BatchResult result() {
    return new BatchResult(articles, outcomes, deadLetters.size());
  }
}
