package io.newsline.enrich.ner.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import io.newsline.enrich.ner.NerTokenizer;
import io.newsline.enrich.ner.tagger.DocumentTagger;
import io.newsline.enrich.text.Token;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Learns word clusters from unlabelled text for the tagger's cluster features: each word's left
 * and right neighbours (PPMI-weighted counts over the most frequent words), randomly projected to
 * a dense vector, then spherical k-means at three granularities (as Brown-cluster path prefixes
 * give coarse and fine classes). Deterministic: fixed seeds.
 *
 * <pre>
 * BuildClusters OUT.tsv.gz INPUT...   (INPUT: a CoNLL file, or JSON lines with "text",
 *                                      "sentence" or "title" fields)
 * </pre>
 */
public final class BuildClusters {
  static final int MIN_COUNT = 4;
  static final int CONTEXT_WORDS = 1000;
  static final int DIMS = 96;
  /** Cluster counts of the granularities, coarse to fine. */
  static final int[] GRANULARITIES = {50, 200, 800};
  static final int ITERATIONS = 12;
  static final long SEED = 1996L;

  private BuildClusters() {}

  public static void main(String[] args) throws Exception {
    List<List<String>> sentences = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      read(Path.of(args[i]), sentences);
    }
    Map<String, Integer> counts = new HashMap<>();
    long tokens = 0;
    for (List<String> s : sentences) {
      for (String w : s) {
        counts.merge(w, 1, Integer::sum);
        tokens++;
      }
    }
    List<String> vocab = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() >= MIN_COUNT && hasLetter(e.getKey())) {
        vocab.add(e.getKey());
      }
    }
    vocab.sort((a, b) -> counts.get(b).equals(counts.get(a)) ? a.compareTo(b) : counts.get(b) - counts.get(a));
    System.err.printf("%d sentences, %d tokens, %d words with count >= %d%n", sentences.size(), tokens, vocab.size(), MIN_COUNT);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < vocab.size(); i++) {
      index.put(vocab.get(i), i);
    }
    int contexts = Math.min(CONTEXT_WORDS, vocab.size());
    // Context counts: dimension c for left neighbour c, contexts + c for right neighbour c.
    List<Map<Integer, Integer>> cooc = new ArrayList<>();
    for (int i = 0; i < vocab.size(); i++) {
      cooc.add(new HashMap<>());
    }
    for (List<String> s : sentences) {
      for (int i = 0; i < s.size(); i++) {
        Integer w = index.get(s.get(i));
        if (w == null) {
          continue;
        }
        int left = i > 0 ? contextOf(index, s.get(i - 1), contexts) : contexts;
        int right = i + 1 < s.size() ? contextOf(index, s.get(i + 1), contexts) : contexts;
        cooc.get(w).merge(left, 1, Integer::sum);
        cooc.get(w).merge(contexts + 1 + right, 1, Integer::sum);
      }
    }
    float[][] vectors = project(cooc, 2 * (contexts + 1));
    int[][] ids = new int[GRANULARITIES.length][];
    for (int g = 0; g < GRANULARITIES.length; g++) {
      ids[g] = kMeans(vectors, Math.min(GRANULARITIES[g], vectors.length), new Random(SEED + g));
    }
    Path out = Path.of(args[0]);
    try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(
        new GZIPOutputStream(Files.newOutputStream(out)), StandardCharsets.UTF_8))) {
      for (int i = 0; i < vocab.size(); i++) {
        w.write(vocab.get(i));
        for (int[] level : ids) {
          w.write('\t');
          w.write(Integer.toString(level[i]));
        }
        w.write('\n');
      }
    }
    System.err.printf("wrote %s (%d bytes)%n", out, Files.size(out));
  }

  private static int contextOf(Map<String, Integer> index, String word, int contexts) {
    Integer c = index.get(word);
    return c == null || c >= contexts ? contexts : c;
  }

  /** PPMI-weighted context vectors, randomly projected to DIMS and length-normalised. */
  private static float[][] project(List<Map<Integer, Integer>> cooc, int dims) {
    double[] contextTotals = new double[dims];
    double total = 0;
    for (Map<Integer, Integer> row : cooc) {
      for (Map.Entry<Integer, Integer> e : row.entrySet()) {
        contextTotals[e.getKey()] += e.getValue();
        total += e.getValue();
      }
    }
    Random rnd = new Random(SEED);
    float[][] projection = new float[dims][DIMS];
    for (float[] p : projection) {
      for (int d = 0; d < DIMS; d++) {
        p[d] = (float) rnd.nextGaussian();
      }
    }
    float[][] out = new float[cooc.size()][DIMS];
    for (int w = 0; w < cooc.size(); w++) {
      Map<Integer, Integer> row = cooc.get(w);
      double rowTotal = 0;
      for (int v : row.values()) {
        rowTotal += v;
      }
      Integer[] keys = row.keySet().toArray(new Integer[0]);
      Arrays.sort(keys);
      for (int c : keys) {
        double pmi = StrictMath.log(row.get(c) * total / (rowTotal * contextTotals[c]));
        if (pmi > 0) {
          for (int d = 0; d < DIMS; d++) {
            out[w][d] += (float) (pmi * projection[c][d]);
          }
        }
      }
      normalise(out[w]);
    }
    return out;
  }

  /** Spherical k-means (cosine), seeded spread-out start; returns each word's cluster. */
  static int[] kMeans(float[][] v, int k, Random rnd) {
    int n = v.length;
    float[][] centres = new float[k][];
    // Start: a random word, then repeatedly the word least like its nearest centre so far.
    centres[0] = v[rnd.nextInt(n)].clone();
    float[] best = new float[n];
    Arrays.fill(best, -Float.MAX_VALUE);
    for (int c = 1; c < k; c++) {
      int far = 0;
      for (int i = 0; i < n; i++) {
        best[i] = Math.max(best[i], dot(v[i], centres[c - 1]));
        if (best[i] < best[far]) {
          far = i;
        }
      }
      centres[c] = v[far].clone();
    }
    int[] assign = new int[n];
    for (int iter = 0; iter < ITERATIONS; iter++) {
      for (int i = 0; i < n; i++) {
        int arg = 0;
        float top = -Float.MAX_VALUE;
        for (int c = 0; c < k; c++) {
          float d = dot(v[i], centres[c]);
          if (d > top) {
            top = d;
            arg = c;
          }
        }
        assign[i] = arg;
      }
      float[][] sums = new float[k][DIMS];
      for (int i = 0; i < n; i++) {
        float[] s = sums[assign[i]];
        for (int d = 0; d < DIMS; d++) {
          s[d] += v[i][d];
        }
      }
      for (int c = 0; c < k; c++) {
        normalise(sums[c]);
        boolean empty = true;
        for (float x : sums[c]) {
          empty &= x == 0;
        }
        centres[c] = empty ? centres[c] : sums[c];
      }
    }
    return assign;
  }

  private static float dot(float[] x, float[] y) {
    float s = 0;
    for (int d = 0; d < x.length; d++) {
      s += x[d] * y[d];
    }
    return s;
  }

  private static void normalise(float[] x) {
    double n = 0;
    for (float f : x) {
      n += f * f;
    }
    if (n > 0) {
      float inv = (float) (1 / Math.sqrt(n));
      for (int d = 0; d < x.length; d++) {
        x[d] *= inv;
      }
    }
  }

  private static boolean hasLetter(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (Character.isLetter(w.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Lower-cased token sequences of a CoNLL file (by sentence) or JSON-lines texts (by line). */
  private static void read(Path file, List<List<String>> out) throws Exception {
    Set<String> seen = new HashSet<>();
    List<String> current = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("{")) {
        JsonNode d = Json.parse(line);
        for (String field : new String[] {"text", "sentence", "title"}) {
          JsonNode t = d.get(field);
          if (t != null && t.isTextual() && seen.add(t.asText())) {
            for (String para : t.asText().split("\n")) {
              List<String> s = new ArrayList<>();
              for (Token tok : NerTokenizer.tokenize(para)) {
                s.add(DocumentTagger.normalise(tok.text()).toLowerCase(Locale.ROOT));
              }
              if (!s.isEmpty()) {
                out.add(s);
              }
            }
            break;
          }
        }
      } else if (line.isBlank() || line.startsWith("-DOCSTART-")) {
        if (!current.isEmpty()) {
          out.add(current);
          current = new ArrayList<>();
        }
      } else {
        current.add(line.substring(0, line.indexOf(' ') < 0 ? line.length() : line.indexOf(' ')).toLowerCase(Locale.ROOT));
      }
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
  }
}
