package io.newsline.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/**
 * all-MiniLM-L6-v2 as newsline ran it before {@link MiniLmModel}: langchain4j's OnnxBertBiEncoder
 * (native HuggingFace tokenizer, its own pooling) on the same single-threaded session. The
 * reference MiniLmModel's vectors must equal, and the baseline of the benchmarks' MiniLmCost.
 */
public final class Langchain4jMiniLm {
  private Langchain4jMiniLm() {}

  public static Function<String, float[]> load() throws IOException, OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (InputStream tokenizer = new ByteArrayInputStream(MiniLmFiles.resource(MiniLmFiles.TOKENIZER))) {
      OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(env, MiniLmFiles.singleThreadedSession(), tokenizer, PoolingMode.MEAN);
      EmbeddingModel model = new AbstractInProcessEmbeddingModel(Runnable::run) {
        @Override
        protected OnnxBertBiEncoder model() {
          return encoder;
        }
      };
      return text -> model.embed(TextSegment.from(text)).content().vector();
    }
  }
}
