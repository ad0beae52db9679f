package io.newsline.ingest;

import io.newsline.avro.RawArticle;
import io.newsline.ingest.dedup.Redeliveries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Function;

/**
 * A transaction after normalisation, before publishing: the raw articles, one outcome per input, and
 * every dead letter (inputs rejected by the source plus those the normaliser rejected). Plain
 * Java, shared by the Kafka sink and in-memory ones.
 */
public record NormalizedTransaction(List<RawArticle> articles, List<TransactionResult.Outcome> outcomes, List<IngestTransaction.Rejected> deadLetters) {

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
      throw new IllegalStateException("interrupted while normalising a transaction", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Normalises the transaction: extraction, cleaning and fingerprints in parallel, then duplicate
   * linking one by one in input order, so the result does not depend on thread timing.
   */
  public static NormalizedTransaction of(IngestTransaction transaction, ArticleNormalizer normalizer, Instant now) {
    return link(prepare(transaction, normalizer), normalizer, now);
  }

  /** The parallel part: extraction, cleaning, fingerprints. Thread-safe. */
  public static PreparedTransaction prepare(IngestTransaction transaction, ArticleNormalizer normalizer) {
    return new PreparedTransaction(transaction, map(transaction.articles(), a -> prepare(normalizer, a)));
  }

  /** The sequential part: duplicate links in input order. Single-threaded (the normaliser's index). */
  public static NormalizedTransaction link(PreparedTransaction transaction, ArticleNormalizer normalizer, Instant now) {
    PreparedTransaction ready = transaction.isPrepared() ? transaction : prepare(transaction.transaction(), normalizer);
    List<IncomingArticle> in = ready.transaction().articles();
    List<Object> prepared = ready.prepared;
    List<RawArticle> articles = new ArrayList<>();
    List<TransactionResult.Outcome> outcomes = new ArrayList<>();
    List<IngestTransaction.Rejected> dead = new ArrayList<>(ready.transaction().rejected());
    Redeliveries inThisTransaction = new Redeliveries(Integer.MAX_VALUE);
    for (int i = 0; i < in.size(); i++) {
      if (prepared.get(i) instanceof ArticleNormalizer.Prepared p) {
        RawArticle a = normalizer.link(p, now);
        // the same content again under the same id, already published or earlier in this transaction: a repeated delivery
        boolean unchanged = normalizer.isUnchanged(a) || inThisTransaction.isUnchanged(a);
        if (!unchanged) {
          articles.add(a);
          inThisTransaction.published(a);
        }
        outcomes.add(new TransactionResult.Outcome(a, null, unchanged));
      } else {
        RejectedInputException e = (RejectedInputException) prepared.get(i);
        dead.add(new IngestTransaction.Rejected(e, in.get(i).sourceType(), in.get(i).source(), in.get(i).text()));
        outcomes.add(new TransactionResult.Outcome(null, e.getMessage()));
      }
    }
    return new NormalizedTransaction(articles, outcomes, dead);
  }

  private static Object prepare(ArticleNormalizer normalizer, IncomingArticle a) {
    try {
      return normalizer.prepare(a);
    } catch (RejectedInputException e) {
      return e;
    }
  }

  /** Tells the normaliser the transaction's articles are now published (committed), so repeated deliveries are recognised. */
  public void published(ArticleNormalizer normalizer) {
    articles.forEach(normalizer::published);
  }

  /**
   * Counts the dead letters in newsline_ingest_errors_total and the publication times set aside in
   * newsline_untrusted_dates_total; call once the transaction is published.
   */
  public void countErrors() {
    for (IngestTransaction.Rejected r : deadLetters) {
      IngestMetrics.error(r.sourceType(), r.error());
    }
    for (RawArticle a : articles) {
      if (a.getPublishedAtUntrusted() != null) {
        IngestMetrics.untrustedDate(a.getPublishedAtUntrusted());
      }
    }
  }

  public TransactionResult result() {
    return new TransactionResult(articles, outcomes, deadLetters.size());
  }
}
