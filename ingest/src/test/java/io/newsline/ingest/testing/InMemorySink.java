package io.newsline.ingest.testing;

import io.newsline.avro.RawArticle;
import io.newsline.ingest.ArticleNormalizer;
import io.newsline.ingest.ArticleSink;
import io.newsline.ingest.Batch;
import io.newsline.ingest.BatchResult;
import io.newsline.ingest.NormalizedBatch;
import io.newsline.ingest.clean.TextCleaner;
import io.newsline.ingest.dedup.Deduplicator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ingest sink without Kafka: normalises like IngestService and keeps what it would publish. */
public final class InMemorySink implements ArticleSink {
  private final ArticleNormalizer normalizer = new ArticleNormalizer(new TextCleaner(), new Deduplicator());
  public final List<RawArticle> articles = new ArrayList<>();
  public final List<Batch.Rejected> deadLetters = new ArrayList<>();
  public final Map<String, byte[]> state = new LinkedHashMap<>();
  public volatile boolean failing;

  @Override
  public synchronized BatchResult publish(Batch batch) {
    if (failing) {
      throw new IllegalStateException("broker unavailable");
    }
    NormalizedBatch n = NormalizedBatch.of(batch, normalizer, Instant.now());
    articles.addAll(n.articles());
    deadLetters.addAll(n.deadLetters());
    batch.state().forEach(s -> state.put(s.key(), s.value()));
    n.countErrors();
    return n.result();
  }

  public synchronized List<RawArticle> articles() {
    return List.copyOf(articles);
  }

  public synchronized List<Batch.Rejected> deadLetters() {
    return List.copyOf(deadLetters);
  }
}
