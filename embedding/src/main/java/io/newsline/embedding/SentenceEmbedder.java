package io.newsline.embedding;

import io.newsline.avro.EnrichedArticle;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Sentence embeddings of articles, of the headline followed by the start of the body,
 * {@value #MAX_CHARS} characters in all: the lead is where news states what happened. Two models:
 *
 * <ul>
 *   <li>all-MiniLM-L6-v2 itself through ONNX Runtime (the default), about 13 ms per article;
 *   <li>a static embedding table distilled from it ({@link StaticEmbeddings}, built by the training
 *       module's {@code StaticEmbeddingDistiller}): tens of microseconds per article, plain Java,
 *       but clustering scores a few points lower with today's thresholds (docs/benchmarks.md), so
 *       it is opt-in and not shipped: the JVM's {@code newsline.embedding} system property names
 *       the table's file.
 * </ul>
 *
 * <p>Enrich computes one embedding per article, carried on EnrichedArticle.embedding, and records
 * the model's {@link #version()} in EnrichedArticle.enricher; aggregate fills it in for records
 * enriched without one, or with one of another model (older records, replays after a change of
 * model): embeddings of different models are never compared. Thread-safe.
 */
public final class SentenceEmbedder {
  public static final int MAX_CHARS = 600;
  public static final String PROPERTY = "newsline.embedding";
  private static volatile SentenceEmbedder shared;
  private final Function<String, float[]> model;
  private final String version;

  SentenceEmbedder(Function<String, float[]> model, String version) {
    this.model = model;
    this.version = version;
  }

  /** A distilled static embedding table. */
  public static SentenceEmbedder distilled(StaticEmbeddings table) {
    return new SentenceEmbedder(table::embed, "static-" + table.fingerprint() + "/" + MAX_CHARS);
  }

  /** all-MiniLM-L6-v2 itself (loading it takes a second and 30 MB). */
  public static SentenceEmbedder miniLm() {
    return new SentenceEmbedder(new MiniLmModel()::embed, "all-minilm-l6-v2-q/" + MAX_CHARS);
  }

  /** One embedder per JVM: MiniLM, or the table the {@code newsline.embedding} property names. */
  public static SentenceEmbedder shared() {
    SentenceEmbedder s = shared;
    if (s == null) {
      synchronized (SentenceEmbedder.class) {
        s = shared;
        if (s == null) {
          String table = System.getProperty(PROPERTY, "minilm");
          s = table.equals("minilm") ? miniLm() : distilled(StaticEmbeddings.file(Path.of(table)));
          shared = s;
        }
      }
    }
    return s;
  }

  /** Model and input length, recorded in EnrichedArticle.enricher as embedding=VERSION. */
  public String version() {
    return version;
  }

  /** The text embedded: headline, then the body (without repeating a body that starts with the headline). */
  public static String input(String title, String text) {
    String body = text == null ? "" : text.strip();
    String head = title == null ? "" : title.strip();
    String s = head.isEmpty() || body.startsWith(head) ? body : body.isEmpty() ? head : head + ". " + body;
    return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s;
  }

  /** The embedding of headline and lead; null when they hold no word. */
  public float[] embed(String title, String text) {
    String s = input(title, text);
    return s.isBlank() ? null : model.apply(s);
  }

  /** The wire form for EnrichedArticle.embedding. */
  public ByteBuffer encode(String title, String text) {
    return EmbeddingCodec.encode(embed(title, text));
  }

  /** Whether the record's embedding was made by this embedder (its enricher names the version). */
  public boolean current(EnrichedArticle a) {
    return a.getEmbedding() != null && a.getEnricher() != null && a.getEnricher().contains("embedding=" + version);
  }

  /** Fills in a missing embedding, or replaces one of another model; returns the same record. */
  public EnrichedArticle fill(EnrichedArticle a) {
    if (a != null && !current(a)) {
      a.setEmbedding(encode(a.getTitle(), a.getText()));
      if (a.getEnricher() == null || !a.getEnricher().contains("embedding=")) {
        a.setEnricher((a.getEnricher() == null ? "" : a.getEnricher() + " ") + "embedding=" + version);
      } else {
        a.setEnricher(a.getEnricher().replaceAll("embedding=\\S+", "embedding=" + version));
      }
    }
    return a;
  }
}
