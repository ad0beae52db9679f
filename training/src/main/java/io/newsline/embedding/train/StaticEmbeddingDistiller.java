package io.newsline.embedding.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import io.newsline.embedding.SentenceEmbedder;
import io.newsline.embedding.StaticEmbeddings;
import io.newsline.embedding.WordPieceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Distils the static embedding table enrich ships (model2vec's method) from all-MiniLM-L6-v2:
 *
 * <ol>
 *   <li>every token of the model's WordPiece vocabulary (except [PAD], [unused*] and the other
 *       special tokens) is embedded by the model as a sentence of its own;
 *   <li>the vectors are centred and reduced by PCA to {@code --dims} dimensions;
 *   <li>each token's vector is weighted by how rare the token is, a / (a + p(token)) (smooth
 *       inverse frequency, a = {@code --sif}); p is estimated from the token's rank in the
 *       vocabulary, which WordPiece built in order of frequency (Zipf's law: p ~ 1 / rank);
 *   <li>the common component is the mean embedding of the news texts of the {@code --common}
 *       files (JSON Lines with "text" or "sentence", optionally "title": the CoNLL-2003 dev
 *       documents, Reuters news of 1996, and the NewsMTSC training sentences, political news of
 *       2019-2020; not the clustering sets the table is judged on).
 * </ol>
 * A text's embedding is then the mean of its tokens' vectors less the common component, at unit
 * length. Deterministic: a single-threaded
 * ONNX session, a Jacobi eigen-decomposition and sorted outputs; the same command writes the same
 * table on the same platform.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.newsline.embedding.train.StaticEmbeddingDistiller \
 *     --out minilm-static.bin.gz \
 *     --common ../shared/datasets/ner/conll2003_eng_testa.docs.jsonl --common ../shared/datasets/stance/newsmtsc_train.jsonl \
 *     [--dims 256] [--sif 1e-4] [--cache FILE]
 * </pre>
 */
public final class StaticEmbeddingDistiller {
  private static final int BATCH = 256;

  private StaticEmbeddingDistiller() {}

  public static void main(String[] args) throws Exception {
    Path out = null;
    Path cache = null;
    List<Path> commonTexts = new ArrayList<>();
    int dims = 256;
    double sif = 1e-4;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--dims" -> dims = Integer.parseInt(args[++i]);
        case "--sif" -> sif = Double.parseDouble(args[++i]);
        case "--cache" -> cache = Path.of(args[++i]);
        case "--common" -> commonTexts.add(Path.of(args[++i]));
        default -> throw new IllegalArgumentException(
            "unknown option " + args[i] + " (--out FILE --common TEXTS.jsonl [--dims N] [--sif A] [--cache FILE])");
      }
    }
    if (out == null || commonTexts.isEmpty()) {
      throw new IllegalArgumentException("--out FILE and --common TEXTS.jsonl are required");
    }
    List<String> vocab;
    float[][] raw;
    try (MiniLm model = new MiniLm()) {
      vocab = model.vocabulary();
      raw = tokenVectors(model, vocab, cache);
    }
    float[][] table = distil(vocab, raw, dims, sif);
    String name = String.format(Locale.ROOT, "minilm-l6-v2-static pca=%d sif=%s", dims, sif);
    ByteArrayOutputStream withoutCommon = new ByteArrayOutputStream();
    StaticEmbeddings.write(name, vocab, table, null, withoutCommon);
    float[] common = commonComponent(StaticEmbeddings.read(new ByteArrayInputStream(withoutCommon.toByteArray())), commonTexts);
    try (OutputStream o = Files.newOutputStream(out)) {
      StaticEmbeddings.write(name, vocab, table, common, o);
    }
    System.err.printf(Locale.ROOT, "%s: %d tokens x %d dims -> %s (%,d bytes)%n", name, vocab.size(), dims, out, Files.size(out));
  }

  /** Mean of the (quantised) table's plain means over the texts ("text" or "sentence" fields), in file order. */
  static float[] commonComponent(StaticEmbeddings t, List<Path> files) throws IOException {
    double[] sum = new double[t.dims()];
    int n = 0;
    List<String> lines = new ArrayList<>();
    for (Path f : files) {
      lines.addAll(Files.readAllLines(f));
    }
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode o = Json.parse(line);
      String text = o.has("text") ? Json.text(o, "text") : Json.text(o, "sentence");
      float[] v = t.mean(SentenceEmbedder.input(Json.text(o, "title"), text));
      if (v != null) {
        for (int k = 0; k < v.length; k++) {
          sum[k] += v[k];
        }
        n++;
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException(files + " hold no text");
    }
    float[] common = new float[sum.length];
    for (int k = 0; k < sum.length; k++) {
      common[k] = (float) (sum[k] / n);
    }
    System.err.printf(Locale.ROOT, "common component: mean of %,d texts of %s%n", n, files);
    return common;
  }

  /** Whether a token gets a vector: not padding, unused slots or the model's markers. */
  static boolean embedded(String token) {
    return !(token.startsWith("[") && token.endsWith("]"));
  }

  /** {@link #tokenVectors(MiniLm, List)}, read from the cache file when it exists, else computed and written there (null: no cache). */
  static float[][] tokenVectors(MiniLm model, List<String> vocab, Path cache) throws IOException {
    if (cache != null && Files.exists(cache)) {
      return readCache(cache, vocab.size());
    }
    float[][] raw = tokenVectors(model, vocab);
    if (cache != null) {
      writeCache(cache, raw);
    }
    return raw;
  }

  static float[][] tokenVectors(MiniLm model, List<String> vocab) {
    WordPieceTokenizer tok = new WordPieceTokenizer(vocab);
    int cls = vocab.indexOf("[CLS]");
    int sep = vocab.indexOf("[SEP]");
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < vocab.size(); i++) {
      if (embedded(vocab.get(i))) {
        ids.add(i);
      }
    }
    float[][] out = new float[vocab.size()][];
    long t0 = System.nanoTime();
    for (int from = 0; from < ids.size(); from += BATCH) {
      int[] batch = ids.subList(from, Math.min(ids.size(), from + BATCH)).stream().mapToInt(Integer::intValue).toArray();
      float[][] v = model.tokenEmbeddings(batch, cls, sep);
      for (int i = 0; i < batch.length; i++) {
        out[batch[i]] = v[i];
      }
      if ((from / BATCH) % 20 == 0) {
        System.err.printf(Locale.ROOT, "embedded %,d of %,d tokens (%.0f s)%n", from + batch.length, ids.size(), (System.nanoTime() - t0) / 1e9);
      }
    }
    if (tok.unknownId() < 0) {
      throw new IllegalStateException();
    }
    return out;
  }

  /** PCA to dims, then smooth-inverse-frequency weights from the vocabulary rank. */
  static float[][] distil(List<String> vocab, float[][] raw, int dims, double sif) {
    int n = vocab.size();
    int d = 0;
    int count = 0;
    for (float[] v : raw) {
      if (v != null) {
        d = v.length;
        count++;
      }
    }
    double[] mean = new double[d];
    for (float[] v : raw) {
      if (v != null) {
        for (int k = 0; k < d; k++) {
          mean[k] += v[k] / (double) count;
        }
      }
    }
    double[][] cov = new double[d][d];
    double[] c = new double[d];
    for (float[] v : raw) {
      if (v == null) {
        continue;
      }
      for (int k = 0; k < d; k++) {
        c[k] = v[k] - mean[k];
      }
      for (int a = 0; a < d; a++) {
        for (int b = a; b < d; b++) {
          cov[a][b] += c[a] * c[b] / count;
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        cov[a][b] = cov[b][a];
      }
    }
    Eigen eig = Eigen.symmetric(cov);
    double[] weights = sifWeights(raw, sif);
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      if (raw[i] == null) {
        continue;
      }
      double w = weights[i];
      float[] v = new float[dims];
      for (int j = 0; j < dims; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += (raw[i][k] - mean[k]) * eig.vectors[j][k];
        }
        v[j] = (float) (s * w);
      }
      out[i] = v;
    }
    return out;
  }

  /**
   * Smooth-inverse-frequency weight of every token with a vector, a / (a + p(token)): WordPiece
   * built the vocabulary in order of frequency, so p(rank) ~ 1 / rank (Zipf) over those tokens.
   */
  static double[] sifWeights(float[][] raw, double sif) {
    int n = raw.length;
    double[] p = new double[n];
    double norm = 0;
    int rank = 0;
    for (int i = 0; i < n; i++) {
      if (raw[i] != null) {
        p[i] = 1.0 / (++rank + 1);
        norm += p[i];
      }
    }
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = raw[i] == null ? 0 : sif / (sif + p[i] / norm);
    }
    return w;
  }

  private static void writeCache(Path file, float[][] raw) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
      for (float[] v : raw) {
        out.writeInt(v == null ? 0 : v.length);
        for (int k = 0; v != null && k < v.length; k++) {
          out.writeFloat(v[k]);
        }
      }
    }
  }

  private static float[][] readCache(Path file, int n) throws IOException {
    float[][] raw = new float[n][];
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      for (int i = 0; i < n; i++) {
        int d = in.readInt();
        if (d > 0) {
          raw[i] = new float[d];
          for (int k = 0; k < d; k++) {
            raw[i][k] = in.readFloat();
          }
        }
      }
    }
    return raw;
  }
}
