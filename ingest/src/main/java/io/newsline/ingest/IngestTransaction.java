package io.newsline.ingest;

import java.util.List;

/**
 * One unit of ingest work, published atomically in one Kafka transaction by {@link IngestService}
 * (the word "batch" is kept for the broker-less `newsline batch` mode).
 *
 * @param articles articles to normalise and publish (each may still be rejected)
 * @param rejected inputs that failed before they became articles: dead letters
 * @param state source state records (key, JSON value) for the compacted ingest state topic
 */
public record IngestTransaction(List<IncomingArticle> articles, List<Rejected> rejected, List<StateRecord> state) {
  public IngestTransaction {
    articles = List.copyOf(articles);
    rejected = List.copyOf(rejected);
    state = List.copyOf(state);
  }

  public static IngestTransaction of(List<IncomingArticle> articles) {
    return new IngestTransaction(articles, List.of(), List.of());
  }

  public static IngestTransaction rejection(Rejected r) {
    return new IngestTransaction(List.of(), List.of(r), List.of());
  }

  /** An input that could not be ingested: why, from which kind of source and where, and what it was. */
  public record Rejected(Throwable error, String sourceType, String source, String content) {}

  /** A state record: key (e.g. the feed URL) and value bytes. */
  public record StateRecord(String key, byte[] value) {}
}
