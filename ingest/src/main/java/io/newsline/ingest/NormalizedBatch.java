package io.newsline.ingest;

import io.newsline.avro.RawArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch after normalisation, before publishing: the raw articles, one outcome per input, and
 * every dead letter (inputs rejected by the source plus those the normaliser rejected). Plain
 * Java, shared by the Kafka sink and in-memory ones.
 */
public record NormalizedBatch(List<RawArticle> articles, List<BatchResult.Outcome> outcomes, List<Batch.Rejected> deadLetters) {

  public static NormalizedBatch of(Batch batch, ArticleNormalizer normalizer, Instant now) {
    List<RawArticle> articles = new ArrayList<>();
    List<BatchResult.Outcome> outcomes = new ArrayList<>();
    List<Batch.Rejected> dead = new ArrayList<>(batch.rejected());
    for (IncomingArticle in : batch.articles()) {
      try {
        RawArticle a = normalizer.normalize(in, now);
        articles.add(a);
        outcomes.add(new BatchResult.Outcome(a, null));
      } catch (RejectedInputException e) {
        dead.add(new Batch.Rejected(e, in.sourceType(), in.source(), in.text()));
        outcomes.add(new BatchResult.Outcome(null, e.getMessage()));
      }
    }
    return new NormalizedBatch(articles, outcomes, dead);
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
