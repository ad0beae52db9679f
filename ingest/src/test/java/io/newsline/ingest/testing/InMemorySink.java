package io.newsline.ingest.testing;

import io.newsline.avro.RawArticle;
import io.newsline.ingest.ArticleNormalizer;
import io.newsline.ingest.ArticleSink;
import io.newsline.ingest.IngestTransaction;
import io.newsline.ingest.NormalizedTransaction;
import io.newsline.ingest.TransactionResult;
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
  public final List<IngestTransaction.Rejected> deadLetters = new ArrayList<>();
  public final Map<String, byte[]> state = new LinkedHashMap<>();
  public volatile boolean failing;

  @Override
  public synchronized TransactionResult publish(IngestTransaction transaction) {
    if (failing) {
      throw new IllegalStateException("broker unavailable");
    }
    NormalizedTransaction n = NormalizedTransaction.of(transaction, normalizer, Instant.now());
    articles.addAll(n.articles());
    deadLetters.addAll(n.deadLetters());
    transaction.state().forEach(s -> state.put(s.key(), s.value()));
    n.published(normalizer);
    n.countErrors();
    return n.result();
  }

  public synchronized List<RawArticle> articles() {
    return List.copyOf(articles);
  }

  public synchronized List<IngestTransaction.Rejected> deadLetters() {
    return List.copyOf(deadLetters);
  }
}
