package io.newsline.enrich.embed;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.newsline.avro.EnrichedArticle;
import java.nio.ByteBuffer;

/**
 * Sentence embeddings of articles (all-MiniLM-L6-v2, quantised, run in-process through ONNX
 * Runtime; the model ships inside its Maven artifact). The text embedded is the headline followed
 * by the start of the body, {@value #MAX_CHARS} characters in all: the model reads at most 256
 * word pieces, and the lead is where news states what happened.
 *
 * <p>Enrich computes one embedding per article, carried on EnrichedArticle.embedding; aggregate
 * only fills it in for records enriched without one (older records, replays). Thread-safe.
 */
public final class SentenceEmbedder {
  public static final int MAX_CHARS = 600;
  /** Recorded in EnrichedArticle.enricher: embeddings of different models must not be compared. */
  public static final String VERSION = "all-minilm-l6-v2-q/600";
  private static volatile SentenceEmbedder shared;
  private final EmbeddingModel model;

  private SentenceEmbedder() {
    this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
  }

  /** One model per JVM: loading it takes a second and 30 MB. */
  public static SentenceEmbedder shared() {
    SentenceEmbedder s = shared;
    if (s == null) {
      synchronized (SentenceEmbedder.class) {
        s = shared;
        if (s == null) {
          s = new SentenceEmbedder();
          shared = s;
        }
      }
    }
    return s;
  }

  /** The text the model reads: headline, then the body (without repeating a body that starts with the headline). */
  public static String input(String title, String text) {
    String body = text == null ? "" : text.strip();
    String head = title == null ? "" : title.strip();
    String s = head.isEmpty() || body.startsWith(head) ? body : body.isEmpty() ? head : head + ". " + body;
    return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s;
  }

  public float[] embed(String title, String text) {
    String s = input(title, text);
    if (s.isBlank()) {
      return null;
    }
    return model.embed(TextSegment.from(s)).content().vector();
  }

  /** The wire form for EnrichedArticle.embedding. */
  public ByteBuffer encode(String title, String text) {
    return EmbeddingCodec.encode(embed(title, text));
  }

  /** Fills in a missing embedding; returns the same record. */
  public EnrichedArticle fill(EnrichedArticle a) {
    if (a != null && a.getEmbedding() == null) {
      a.setEmbedding(encode(a.getTitle(), a.getText()));
    }
    return a;
  }
}
