package io.newsline.embedding.train;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.newsline.embedding.MiniLmFiles;
import java.io.ByteArrayInputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (quantised ONNX, from the langchain4j Maven jar, Apache-2.0) run in-process on
 * the calling thread: the teacher of the static embedding and the reference it is compared with.
 * Single-threaded ONNX Runtime session, so the same input gives the same floats on every run.
 */
public final class MiniLm implements AutoCloseable {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session = MiniLmFiles.singleThreadedSession();
  private final EmbeddingModel model;

  public MiniLm() {
    OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(env, session,
        new ByteArrayInputStream(MiniLmFiles.resource(MiniLmFiles.TOKENIZER)), PoolingMode.MEAN);
    this.model = new AbstractInProcessEmbeddingModel(Runnable::run) {
      @Override
      protected OnnxBertBiEncoder model() {
        return encoder;
      }
    };
  }

  /** The sentence embedding of a text (mean pooling, as sentence-transformers computes it). */
  public float[] embed(String text) {
    return model.embed(TextSegment.from(text)).content().vector();
  }

  /** The WordPiece vocabulary in id order. */
  public List<String> vocabulary() {
    return new ArrayList<>(MiniLmFiles.vocabulary());
  }

  /**
   * The embedding of each token as a sentence of its own: [CLS] token [SEP] through the model,
   * mean of the three outputs (sentence-transformers pooling of that one-token sentence).
   */
  public float[][] tokenEmbeddings(int[] ids, int cls, int sep) {
    try {
      long[] input = new long[ids.length * 3];
      long[] ones = new long[ids.length * 3];
      for (int i = 0; i < ids.length; i++) {
        input[3 * i] = cls;
        input[3 * i + 1] = ids[i];
        input[3 * i + 2] = sep;
      }
      Arrays.fill(ones, 1);
      long[] shape = {ids.length, 3};
      try (OnnxTensor inputIds = OnnxTensor.createTensor(env, LongBuffer.wrap(input), shape);
          OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape);
          OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length * 3]), shape);
          OrtSession.Result r = session.run(Map.of("input_ids", inputIds, "attention_mask", mask, "token_type_ids", types))) {
        float[][][] hidden = (float[][][]) r.get(0).getValue();
        float[][] out = new float[ids.length][];
        for (int i = 0; i < ids.length; i++) {
          int d = hidden[i][0].length;
          float[] v = new float[d];
          for (int p = 0; p < 3; p++) {
            for (int k = 0; k < d; k++) {
              v[k] += hidden[i][p][k] / 3f;
            }
          }
          out[i] = v;
        }
        return out;
      }
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The model's output vector at every position of a token sequence ([CLS] ids [SEP]): what its
   * sentence embedding is the mean of. ids longer than the model's 512 positions are cut.
   */
  public float[][] contextual(int[] ids, int cls, int sep) {
    int n = Math.min(ids.length, 510) + 2;
    long[] input = new long[n];
    long[] ones = new long[n];
    input[0] = cls;
    for (int i = 1; i < n - 1; i++) {
      input[i] = ids[i - 1];
    }
    input[n - 1] = sep;
    Arrays.fill(ones, 1);
    long[] shape = {1, n};
    try (OnnxTensor inputIds = OnnxTensor.createTensor(env, LongBuffer.wrap(input), shape);
        OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape);
        OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[n]), shape);
        OrtSession.Result r = session.run(Map.of("input_ids", inputIds, "attention_mask", mask, "token_type_ids", types))) {
      return ((float[][][]) r.get(0).getValue())[0];
    } catch (OrtException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
