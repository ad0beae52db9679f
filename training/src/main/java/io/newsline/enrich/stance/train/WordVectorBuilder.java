package io.newsline.enrich.stance.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import io.newsline.enrich.stance.WordVectors;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Builds the stance model's static word vectors from the word-piece embedding table of
 * all-MiniLM-L6-v2 (the quantized ONNX inside the langchain4j Maven jar, Apache-2.0): every
 * whole-word vocabulary entry, de-quantized, centred, reduced by PCA to a few whitened dimensions
 * and stored as bytes. Deterministic (fixed power-iteration start vectors).
 *
 * <pre>
 * java -cp ... io.newsline.enrich.stance.train.WordVectorBuilder --minilm-jar JAR \
 *     --out enrich/src/main/resources/stance/minilm-word-vectors.bin.gz [--dims 64]
 * </pre>
 */
public final class WordVectorBuilder {
  private static final int POWER_ITERATIONS = 300;

  private WordVectorBuilder() {}

  public static void main(String[] args) throws Exception {
    Path jar = null;
    Path out = null;
    int dims = 64;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--minilm-jar" -> jar = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--dims" -> dims = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (jar == null || out == null) {
      throw new IllegalArgumentException("--minilm-jar JAR and --out FILE are required");
    }
    byte[] onnx;
    JsonNode tokenizer;
    try (ZipFile z = new ZipFile(jar.toFile())) {
      onnx = read(z, ".onnx");
      tokenizer = Json.parse(new String(read(z, "-tokenizer.json"), StandardCharsets.UTF_8));
    }
    Map<String, OnnxInitializers.Tensor> init = OnnxInitializers.read(onnx);
    OnnxInitializers.Tensor table = init.get("embeddings.word_embeddings.weight_quantized");
    double scale = init.get("embeddings.word_embeddings.weight_scale").scalar();
    double zero = init.get("embeddings.word_embeddings.weight_zero_point").scalar();
    int width = (int) table.dims()[1];
    List<String> words = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tokenizer.get("model").get("vocab").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String w = e.getKey();
      if (w.length() < 2 || !w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
        continue;
      }
      int id = e.getValue().asInt();
      double[] v = new double[width];
      for (int k = 0; k < width; k++) {
        v[k] = ((table.raw().get(id * width + k) & 0xff) - zero) * scale;
      }
      words.add(w);
      vectors.add(v);
    }
    // sort by word so that the output does not depend on JSON field order
    Integer[] order = new Integer[words.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> words.get(a).compareTo(words.get(b)));
    List<String> sortedWords = new ArrayList<>();
    double[][] x = new double[order.length][];
    for (int i = 0; i < order.length; i++) {
      sortedWords.add(words.get(order[i]));
      x[i] = vectors.get(order[i]);
    }
    float[][] reduced = Pca.whitened(x, dims, POWER_ITERATIONS);
    try (OutputStream o = Files.newOutputStream(out)) {
      WordVectors.write(sortedWords, reduced, o);
    }
    System.err.printf("%d words x %d dims -> %s (%d bytes)%n", sortedWords.size(), dims, out, Files.size(out));
  }

  private static byte[] read(ZipFile z, String suffix) throws java.io.IOException {
    for (Iterator<? extends ZipEntry> it = z.entries().asIterator(); it.hasNext(); ) {
      ZipEntry e = it.next();
      if (e.getName().endsWith(suffix)) {
        try (InputStream in = z.getInputStream(e)) {
          return in.readAllBytes();
        }
      }
    }
    throw new IllegalArgumentException("no *" + suffix + " in the jar");
  }
}
