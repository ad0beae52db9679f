package io.newsline.embedding.train;

import io.newsline.embedding.StaticEmbeddings;
import io.newsline.embedding.WordPieceTokenizer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * Fits the static embedding table to MiniLM's sentence embeddings (the "tokenlearn" refinement of
 * model2vec): where {@link StaticEmbeddingDistiller} embeds every token on its own, this makes the
 * mean of a text's token vectors reproduce what MiniLM says of the whole text.
 *
 * <ol>
 *   <li>Unlabelled news ({@link NewsTexts}: documents cut into lead-sized pieces) is embedded by
 *       MiniLM: the targets, unit vectors in 384 dimensions ({@link SentenceTargets}, cached).
 *   <li>The targets' space is cut to {@code --dims} by their uncentred principal axes, which keep
 *       dot products (so cosines) as well as a linear map of that size can.
 *   <li>A linear map W from the distilled token vectors (MiniLM on each token alone, rarity
 *       weighted) is fitted by ridge least squares so that the mean of a text's mapped token vectors
 *       is its target: every token, seen in the texts or not, gets r_t W.
 *   <li>Each token seen in the texts then gets its own vector: ridge least squares on all pieces at
 *       once (conjugate gradients), pulled toward r_t W with weight {@code --lambda}, so a token seen
 *       once moves little and a frequent one learns its own direction and weight.
 *   <li>A mean over many tokens drifts toward what all news shares, so two long texts' means are
 *       closer than MiniLM puts them (unrelated leads at cosine 0.2 instead of 0.1). The table's
 *       common component is beta times the mean of the fitted pieces' means, with beta chosen so
 *       that the cosines of pairs of pieces match MiniLM's (least squares): the clusterer's
 *       thresholds were set on MiniLM's cosine scale.
 *   <li>Optionally ({@code --calibrate STEPS}, {@link PairCalibration}): a linear map and offset
 *       after the mean, fitted so that pair cosines of held-out pieces match MiniLM's, folded into
 *       the table. Measured in docs/benchmarks.md: it helps FNC-1 and costs ECB+, so it is off by default.
 * </ol>
 * Every {@code --holdout}-th piece is left out of the fit and reports the mean cosine between the
 * table's embedding and MiniLM's, before and after; {@code --exclude SOURCE} leaves a whole source
 * out of the fit (a clustering set, to judge the table on text it never saw), and each excluded
 * source's cosine is reported on its own, also against the unit target in MiniLM's 384 dimensions
 * (comparable across {@code --dims}). {@code --windows} adds every sentence and every run of two
 * and of three sentences of the fitted sources as pieces of their own ({@link NewsTexts}; measured
 * in docs/benchmarks.md, eighth round: more pieces of the same text do not help). Single-threaded
 * sums in a fixed order: the same command writes the same table.
 *
 * <pre>
 * java -Xmx3g -cp "training/target/newsline-training.jar" io.newsline.embedding.train.StaticEmbeddingFitter \
 *     --out /tmp/minilm-fitted.bin.gz --targets /tmp/news-targets.bin --tokens /tmp/minilm-tokens.bin \
 *     --texts ../shared/datasets/ner/eng.train --texts ../shared/datasets/stance/newsmtsc_train.jsonl
 * </pre>
 * (docs/benchmarks.md: the figures, and why the clustering sets' own text is left out).
 */
public final class StaticEmbeddingFitter {
  private StaticEmbeddingFitter() {}

  public static void main(String[] args) throws Exception {
    Path out = null;
    Path plainOut = null;
    Path targetCache = null;
    Path tokenCache = null;
    List<Path> texts = new ArrayList<>();
    Set<String> exclude = new HashSet<>();
    int dims = 256;
    double lambda = 0.03;
    double mu = 1e-4;
    double sif = 1e-4;
    int iterations = 60;
    int holdout = 10;
    boolean sentences = false;
    boolean windows = false;
    int calibrate = 0;
    int sample = 800;
    double rate = 0.002;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--texts" -> texts.add(Path.of(args[++i]));
        case "--targets" -> targetCache = Path.of(args[++i]);
        case "--tokens" -> tokenCache = Path.of(args[++i]);
        case "--exclude" -> exclude.add(args[++i]);
        case "--dims" -> dims = Integer.parseInt(args[++i]);
        case "--lambda" -> lambda = Double.parseDouble(args[++i]);
        case "--mu" -> mu = Double.parseDouble(args[++i]);
        case "--sif" -> sif = Double.parseDouble(args[++i]);
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--holdout" -> holdout = Integer.parseInt(args[++i]);
        case "--sentences" -> sentences = true;
        case "--windows" -> windows = true;
        case "--calibrate" -> calibrate = Integer.parseInt(args[++i]);
        case "--sample" -> sample = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Double.parseDouble(args[++i]);
        case "--uncalibrated-out" -> plainOut = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (--out FILE --texts FILE... [--targets CACHE] [--tokens CACHE] [--exclude SOURCE] [--dims N] [--lambda L]"
            + " [--iterations N] [--holdout K] [--sentences] [--windows] [--calibrate STEPS [--sample N] [--rate R] [--uncalibrated-out FILE]])");
      }
    }
    if (out == null || (texts.isEmpty() && (targetCache == null || !Files.exists(targetCache)))) {
      throw new IllegalArgumentException("--out FILE and --texts FILE (or an existing --targets cache) are required");
    }
    List<String> vocab;
    float[][] raw;
    SentenceTargets all;
    try (MiniLm model = new MiniLm()) {
      vocab = model.vocabulary();
      raw = StaticEmbeddingDistiller.tokenVectors(model, vocab, tokenCache);
      if (targetCache != null && Files.exists(targetCache)) {
        all = SentenceTargets.read(targetCache);
        System.err.printf(Locale.ROOT, "%,d pieces of news with MiniLM targets from %s%n", all.size(), targetCache);
      } else {
        List<NewsTexts.Piece> pieces = NewsTexts.read(texts, sentences, windows, exclude);
        all = SentenceTargets.embed(pieces, new WordPieceTokenizer(vocab), model);
        if (targetCache != null) {
          all.write(targetCache);
        }
      }
    }
    double[] weights = StaticEmbeddingDistiller.sifWeights(raw, sif);
    Fit fit = new Fit(vocab.size(), raw, weights, all, exclude, holdout, dims);
    fit.mapDistilled(mu);
    fit.refine(lambda, iterations);
    float[] common = fit.common();
    if (calibrate > 0 && plainOut != null) {
      write(plainOut, String.format(Locale.ROOT, "minilm-l6-v2-fitted dims=%d lambda=%s pieces=%d%s", dims, lambda, fit.fitted,
          exclude.isEmpty() ? "" : " without=" + String.join(",", exclude.stream().sorted().toList())), vocab, fit.table(), common);
    }
    if (calibrate > 0) {
      common = fit.calibrate(common, sample, calibrate, rate);
    }
    String name = String.format(Locale.ROOT, "minilm-l6-v2-fitted dims=%d lambda=%s pieces=%d%s%s", dims, lambda, fit.fitted,
        calibrate > 0 ? " calibrated=" + calibrate : "",
        exclude.isEmpty() ? "" : " without=" + String.join(",", exclude.stream().sorted().toList()));
    write(out, name, vocab, fit.table(), common);
  }

  private static void write(Path out, String name, List<String> vocab, float[][] table, float[] common) throws java.io.IOException {
    try (OutputStream o = Files.newOutputStream(out)) {
      StaticEmbeddings.write(name, vocab, table, common, o);
    }
    System.err.printf(Locale.ROOT, "%s -> %s (%,d bytes)%n", name, out, Files.size(out));
  }

  /** The least-squares problem: pieces as sparse rows of token shares, targets in the reduced space. */
  static final class Fit {
    final int vocabSize;
    final int dims;
    final float[][] raw;
    final double[] weights;
    /** Per piece: distinct token ids with a vector, and each one's share of the piece's tokens. */
    final List<int[]> rowIds = new ArrayList<>();
    final List<double[]> rowShares = new ArrayList<>();
    final List<double[]> z = new ArrayList<>();
    final List<Boolean> train = new ArrayList<>();
    /** Pieces of an excluded source (neither fitted nor used to calibrate). */
    final List<Boolean> excludedPiece = new ArrayList<>();
    final List<String> rowSource = new ArrayList<>();
    final double[][] basis;
    double[][] vectors;
    int fitted;

    Fit(int vocabSize, float[][] raw, double[] weights, SentenceTargets all, Set<String> exclude, int holdout, int dims) {
      this.vocabSize = vocabSize;
      this.raw = raw;
      this.weights = weights;
      this.dims = dims;
      for (int i = 0; i < all.size(); i++) {
        boolean held = holdout > 0 && i % holdout == holdout - 1;
        boolean excluded = exclude.contains(all.sources.get(i));
        if (!rows(all.ids.get(i))) {
          continue;
        }
        train.add(!held && !excluded);
        excludedPiece.add(excluded);
        rowSource.add(all.sources.get(i));
        fitted += !held && !excluded ? 1 : 0;
      }
      // rows() appended the sparse rows; the targets follow in the same order
      int r = 0;
      List<float[]> ys = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        if (hasToken(all.ids.get(i))) {
          ys.add(all.targets.get(i));
        }
      }
      this.basis = uncentredAxes(ys, train, dims);
      for (float[] y : ys) {
        z.add(project(y));
        r++;
      }
      System.err.printf(Locale.ROOT, "%,d pieces: %,d fitted, %,d held out or excluded; %d dims%n", r, fitted, r - fitted, dims);
    }

    private boolean hasToken(int[] ids) {
      for (int id : ids) {
        if (raw[id] != null) {
          return true;
        }
      }
      return false;
    }

    private boolean rows(int[] ids) {
      java.util.TreeMap<Integer, Integer> counts = new java.util.TreeMap<>();
      int n = 0;
      for (int id : ids) {
        if (raw[id] != null) {
          counts.merge(id, 1, Integer::sum);
          n++;
        }
      }
      if (n == 0) {
        return false;
      }
      int[] t = new int[counts.size()];
      double[] s = new double[counts.size()];
      int k = 0;
      for (var e : counts.entrySet()) {
        t[k] = e.getKey();
        s[k++] = e.getValue() / (double) n;
      }
      rowIds.add(t);
      rowShares.add(s);
      return true;
    }

    double[] project(float[] y) {
      double[] out = new double[dims];
      for (int j = 0; j < dims; j++) {
        double s = 0;
        for (int k = 0; k < y.length; k++) {
          s += basis[j][k] * y[k];
        }
        out[j] = s;
      }
      return out;
    }

    /** The top principal axes of the fitted targets, uncentred (second moments), as rows. */
    static double[][] uncentredAxes(List<float[]> ys, List<Boolean> train, int dims) {
      int d = ys.get(0).length;
      double[][] m = new double[d][d];
      for (int i = 0; i < ys.size(); i++) {
        if (!train.get(i)) {
          continue;
        }
        float[] y = ys.get(i);
        for (int a = 0; a < d; a++) {
          for (int b = a; b < d; b++) {
            m[a][b] += (double) y[a] * y[b];
          }
        }
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < a; b++) {
          m[a][b] = m[b][a];
        }
      }
      Eigen e = Eigen.symmetric(m);
      double kept = 0;
      double total = 0;
      for (int j = 0; j < d; j++) {
        total += e.values[j];
        kept += j < dims ? e.values[j] : 0;
      }
      System.err.printf(Locale.ROOT, "%d of %d axes keep %.4f of the targets' energy%n", dims, d, kept / total);
      double[][] out = new double[Math.min(dims, d)][];
      System.arraycopy(e.vectors, 0, out, 0, out.length);
      return out;
    }

    /** Stage 1: one linear map of the distilled (rarity-weighted) token vectors for every token. */
    void mapDistilled(double mu) {
      int d = firstDims();
      double[][] ftf = new double[d][d];
      double[][] ftz = new double[d][dims];
      double[] f = new double[d];
      for (int i = 0; i < rowIds.size(); i++) {
        if (!train.get(i)) {
          continue;
        }
        features(i, f);
        double[] zi = z.get(i);
        for (int a = 0; a < d; a++) {
          if (f[a] == 0) {
            continue;
          }
          for (int b = a; b < d; b++) {
            ftf[a][b] += f[a] * f[b];
          }
          for (int j = 0; j < dims; j++) {
            ftz[a][j] += f[a] * zi[j];
          }
        }
      }
      double trace = 0;
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < a; b++) {
          ftf[a][b] = ftf[b][a];
        }
        trace += ftf[a][a];
      }
      for (int a = 0; a < d; a++) {
        ftf[a][a] += mu * trace / d;
      }
      double[][] w = solveSymmetric(ftf, ftz);
      vectors = new double[vocabSize][];
      for (int t = 0; t < vocabSize; t++) {
        if (raw[t] == null) {
          continue;
        }
        double[] v = new double[dims];
        for (int a = 0; a < d; a++) {
          double x = raw[t][a] * weights[t];
          for (int j = 0; j < dims; j++) {
            v[j] += x * w[a][j];
          }
        }
        vectors[t] = v;
      }
      System.err.printf(Locale.ROOT, "linear map of the distilled vectors: held-out cosine %.4f, fitted %.4f%n", cosine(false), cosine(true));
    }

    private int firstDims() {
      for (float[] r : raw) {
        if (r != null) {
          return r.length;
        }
      }
      throw new IllegalStateException("no token vectors");
    }

    private void features(int i, double[] f) {
      java.util.Arrays.fill(f, 0);
      int[] t = rowIds.get(i);
      double[] s = rowShares.get(i);
      for (int k = 0; k < t.length; k++) {
        float[] r = raw[t[k]];
        double x = s[k] * weights[t[k]];
        for (int a = 0; a < f.length; a++) {
          f[a] += x * r[a];
        }
      }
    }

    /** A X = B for symmetric positive definite A, through its eigen-decomposition. */
    static double[][] solveSymmetric(double[][] a, double[][] b) {
      Eigen e = Eigen.symmetric(a);
      int n = a.length;
      int m = b[0].length;
      double[][] x = new double[n][m];
      for (int j = 0; j < n; j++) {
        double[] u = e.vectors[j];
        double[] proj = new double[m];
        for (int k = 0; k < n; k++) {
          for (int c = 0; c < m; c++) {
            proj[c] += u[k] * b[k][c];
          }
        }
        for (int k = 0; k < n; k++) {
          double f = u[k] / e.values[j];
          for (int c = 0; c < m; c++) {
            x[k][c] += f * proj[c];
          }
        }
      }
      return x;
    }

    /**
     * Stage 2: every token seen in the fitted pieces gets its own vector, min over V of
     * sum_i |X_i V - z_i|^2 + lambda |V - V0|^2 (V0 the stage-1 vectors), by conjugate gradients
     * on the normal equations, each of the dims columns its own system.
     */
    void refine(double lambda, int iterations) {
      int[] index = new int[vocabSize];
      java.util.Arrays.fill(index, -1);
      int m = 0;
      for (int i = 0; i < rowIds.size(); i++) {
        if (train.get(i)) {
          for (int t : rowIds.get(i)) {
            if (index[t] < 0) {
              index[t] = m++;
            }
          }
        }
      }
      // residual of the prior: b = X^T (z - X V0); unknown: delta = V - V0
      double[][] b = new double[m][dims];
      double[] pred = new double[dims];
      for (int i = 0; i < rowIds.size(); i++) {
        if (!train.get(i)) {
          continue;
        }
        predict(i, pred);
        double[] zi = z.get(i);
        int[] t = rowIds.get(i);
        double[] s = rowShares.get(i);
        for (int k = 0; k < t.length; k++) {
          double[] row = b[index[t[k]]];
          for (int j = 0; j < dims; j++) {
            row[j] += s[k] * (zi[j] - pred[j]);
          }
        }
      }
      double[][] x = new double[m][dims];
      double[][] r = copy(b);
      double[][] p = copy(b);
      double[] rr = columnDots(r, r);
      long t0 = System.nanoTime();
      for (int it = 0; it < iterations; it++) {
        double[][] ap = normalTimes(p, index, m, lambda);
        double[] pap = columnDots(p, ap);
        double[] alpha = new double[dims];
        for (int j = 0; j < dims; j++) {
          alpha[j] = pap[j] == 0 ? 0 : rr[j] / pap[j];
        }
        for (int q = 0; q < m; q++) {
          for (int j = 0; j < dims; j++) {
            x[q][j] += alpha[j] * p[q][j];
            r[q][j] -= alpha[j] * ap[q][j];
          }
        }
        double[] rrNew = columnDots(r, r);
        for (int q = 0; q < m; q++) {
          for (int j = 0; j < dims; j++) {
            p[q][j] = r[q][j] + (rr[j] == 0 ? 0 : rrNew[j] / rr[j]) * p[q][j];
          }
        }
        rr = rrNew;
        if (it % 10 == 9 || it == iterations - 1) {
          double res = 0;
          for (double v : rr) {
            res += v;
          }
          System.err.printf(Locale.ROOT, "conjugate gradients: %d iterations, residual %.3e (%.0f s)%n", it + 1, Math.sqrt(res),
              (System.nanoTime() - t0) / 1e9);
        }
      }
      for (int t = 0; t < vocabSize; t++) {
        if (index[t] >= 0) {
          for (int j = 0; j < dims; j++) {
            vectors[t][j] += x[index[t]][j];
          }
        }
      }
      System.err.printf(Locale.ROOT, "%,d tokens refined: held-out cosine %.4f, fitted %.4f%n", m, cosine(false), cosine(true));
      reportExcluded();
    }

    /** (X^T X + lambda I) P over the fitted pieces. */
    private double[][] normalTimes(double[][] p, int[] index, int m, double lambda) {
      double[][] out = new double[m][dims];
      double[] xp = new double[dims];
      for (int i = 0; i < rowIds.size(); i++) {
        if (!train.get(i)) {
          continue;
        }
        java.util.Arrays.fill(xp, 0);
        int[] t = rowIds.get(i);
        double[] s = rowShares.get(i);
        for (int k = 0; k < t.length; k++) {
          double[] row = p[index[t[k]]];
          for (int j = 0; j < dims; j++) {
            xp[j] += s[k] * row[j];
          }
        }
        for (int k = 0; k < t.length; k++) {
          double[] row = out[index[t[k]]];
          for (int j = 0; j < dims; j++) {
            row[j] += s[k] * xp[j];
          }
        }
      }
      for (int q = 0; q < m; q++) {
        for (int j = 0; j < dims; j++) {
          out[q][j] += lambda * p[q][j];
        }
      }
      return out;
    }

    private static double[] columnDots(double[][] a, double[][] b) {
      double[] out = new double[a.length == 0 ? 0 : a[0].length];
      for (int q = 0; q < a.length; q++) {
        for (int j = 0; j < out.length; j++) {
          out[j] += a[q][j] * b[q][j];
        }
      }
      return out;
    }

    private static double[][] copy(double[][] a) {
      double[][] out = new double[a.length][];
      for (int q = 0; q < a.length; q++) {
        out[q] = a[q].clone();
      }
      return out;
    }

    private void predict(int i, double[] out) {
      java.util.Arrays.fill(out, 0);
      int[] t = rowIds.get(i);
      double[] s = rowShares.get(i);
      for (int k = 0; k < t.length; k++) {
        double[] v = vectors[t[k]];
        for (int j = 0; j < dims; j++) {
          out[j] += s[k] * v[j];
        }
      }
    }

    /** Mean cosine between the table's embedding and the (reduced) MiniLM target, over fitted or held-out pieces. */
    double cosine(boolean fittedPieces) {
      return cosine(i -> train.get(i) == fittedPieces, false);
    }

    /** The held-out cosine on each excluded source alone: text of a kind the fit never saw. */
    void reportExcluded() {
      new TreeSet<>(rowSource).forEach(source -> {
        IntPredicate of = i -> excludedPiece.get(i) && rowSource.get(i).equals(source);
        double c = cosine(of, false);
        if (!Double.isNaN(c)) {
          System.err.printf(Locale.ROOT, "  excluded %s: cosine %.4f (in MiniLM's 384 dimensions %.4f)%n", source, c, cosine(of, true));
        }
      });
    }

    /** @param fullSpace against the unit target itself, not its projection: comparable across {@code --dims} */
    private double cosine(IntPredicate pieces, boolean fullSpace) {
      double sum = 0;
      int n = 0;
      double[] pred = new double[dims];
      for (int i = 0; i < rowIds.size(); i++) {
        if (!pieces.test(i)) {
          continue;
        }
        predict(i, pred);
        double[] zi = z.get(i);
        double dot = 0;
        double pp = 0;
        double zz = 0;
        for (int j = 0; j < dims; j++) {
          dot += pred[j] * zi[j];
          pp += pred[j] * pred[j];
          zz += zi[j] * zi[j];
        }
        if (pp > 0 && zz > 0) {
          sum += dot / Math.sqrt(pp * (fullSpace ? 1 : zz));
          n++;
        }
      }
      return n == 0 ? Double.NaN : sum / n;
    }

    /** The common component (see the class comment): beta times the mean of the fitted pieces' means. */
    float[] common() {
      List<Integer> pieces = new ArrayList<>();
      double[] mean = new double[dims];
      double[] pred = new double[dims];
      for (int i = 0; i < rowIds.size(); i++) {
        if (train.get(i)) {
          predict(i, pred);
          for (int j = 0; j < dims; j++) {
            mean[j] += pred[j];
          }
          pieces.add(i);
        }
      }
      for (int j = 0; j < dims; j++) {
        mean[j] /= pieces.size();
      }
      // a fixed sample of pieces, every k-th, and all their pairs
      double[][][] fixed = sample(0, 1500);
      double[][] p = fixed[0];
      double[][] t = fixed[1];
      int sample = p.length;
      double best = 0;
      double bestError = Double.MAX_VALUE;
      for (int step = 0; step <= 30; step++) {
        double beta = step * 0.05;
        double[][] u = new double[sample][];
        for (int q = 0; q < sample; q++) {
          double[] v = p[q].clone();
          for (int j = 0; j < dims; j++) {
            v[j] -= beta * mean[j];
          }
          u[q] = unit(v);
        }
        double error = 0;
        for (int a = 0; a < sample; a++) {
          for (int b = a + 1; b < sample; b++) {
            double d = dot(u[a], u[b]) - dot(t[a], t[b]);
            error += d * d;
          }
        }
        if (error < bestError) {
          bestError = error;
          best = beta;
        }
      }
      long pairs = (long) sample * (sample - 1) / 2;
      System.err.printf(Locale.ROOT, "common component: beta %.2f (pair cosines' rms error against MiniLM %.4f over %,d pairs)%n", best,
          Math.sqrt(bestError / pairs), pairs);
      float[] out = new float[dims];
      for (int j = 0; j < dims; j++) {
        out[j] = (float) (best * mean[j]);
      }
      return out;
    }

    /**
     * Stage 4 ({@link PairCalibration}): a linear map and offset after the mean, fitted on the pair
     * cosines of {@code sample} fitted pieces and folded into the token vectors; reports the pair
     * error on as many held-out pieces before and after. Returns the new common component.
     */
    float[] calibrate(float[] common, int sample, int steps, double rate) {
      // the fitted pieces' own predictions are closer to their targets than any new text's: the
      // calibration learns from held-out pieces, and is judged on the excluded sources' pieces
      double[][][] fitSample = sample(1, sample);
      double[][][] judgeSample = sample(2, sample);
      double[] c = new double[dims];
      for (int j = 0; j < dims; j++) {
        c[j] = common[j];
      }
      PairCalibration start = PairCalibration.identity(c);
      PairCalibration cal = PairCalibration.fit(fitSample[0], fitSample[1], start, steps, rate);
      if (judgeSample[0].length > 1) {
        System.err.printf(Locale.ROOT, "pair-cosine rms error against MiniLM on %d pieces of the excluded sources: %.4f before, %.4f after%n",
            judgeSample[0].length, start.error(judgeSample[0], judgeSample[1]), cal.error(judgeSample[0], judgeSample[1]));
      }
      for (int t = 0; t < vocabSize; t++) {
        if (vectors[t] != null) {
          vectors[t] = cal.map(vectors[t]);
        }
      }
      float[] out = new float[dims];
      for (int j = 0; j < dims; j++) {
        out[j] = (float) cal.offset[j];
      }
      return out;
    }

    /** Every k-th piece of a kind (0 fitted, 1 held out, 2 excluded), n of them at most: {means, unit targets}. */
    private double[][][] sample(int kind, int n) {
      List<Integer> pieces = new ArrayList<>();
      for (int i = 0; i < rowIds.size(); i++) {
        int k = train.get(i) ? 0 : excludedPiece.get(i) ? 2 : 1;
        if (k == kind) {
          pieces.add(i);
        }
      }
      int size = Math.min(n, pieces.size());
      double[][] means = new double[size][];
      double[][] targets = new double[size][];
      for (int q = 0; q < size; q++) {
        int i = pieces.get((int) ((long) q * pieces.size() / size));
        means[q] = new double[dims];
        predict(i, means[q]);
        targets[q] = unit(z.get(i));
      }
      return new double[][][] {means, targets};
    }

    private static double dot(double[] a, double[] b) {
      double s = 0;
      for (int j = 0; j < a.length; j++) {
        s += a[j] * b[j];
      }
      return s;
    }

    private static double[] unit(double[] v) {
      double n = Math.sqrt(dot(v, v));
      double[] out = new double[v.length];
      for (int j = 0; j < v.length; j++) {
        out[j] = n == 0 ? 0 : v[j] / n;
      }
      return out;
    }

    float[][] table() {
      float[][] out = new float[vocabSize][];
      for (int t = 0; t < vocabSize; t++) {
        if (vectors[t] != null) {
          out[t] = new float[dims];
          for (int j = 0; j < dims; j++) {
            out[t][j] = (float) vectors[t][j];
          }
        }
      }
      return out;
    }
  }
}
