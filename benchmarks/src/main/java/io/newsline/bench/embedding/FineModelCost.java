package io.newsline.bench.embedding;

import io.newsline.embedding.SentenceEmbedder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * CPU time of candidate fine models for the cascade (issue 14): MiniLM cut to its first k layers,
 * or on the first CHARS characters only ({@link SentenceEmbedder#miniLm(int, int, boolean)},
 * variants {@code LAYERS:CHARS}, or {@code LAYERS:CHARS:jar} for the model's graph as the jar ships
 * it, without newsline's fusions), against the whole model on 600 characters, the baseline, in the
 * same run, on the leads of the three clustering sets. Each lead is embedded by every model one
 * right after the other, the order rotated every round, so that load from other processes falls on
 * all alike; thread CPU time (ONNX Runtime runs on the calling thread). Also counts the leads each
 * variant embeds to the baseline's very bytes.
 *
 * <pre>
 * java -Xmx2g -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.newsline.bench.embedding.FineModelCost [shared folder] [rounds] [LAYERS:CHARS[:jar] ...]
 * </pre>
 */
public final class FineModelCost {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private FineModelCost() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<String> variants = new ArrayList<>(List.of("6:" + SentenceEmbedder.MAX_CHARS));
    for (int i = 2; i < args.length; i++) {
      variants.add(args[i]);
    }
    List<String> leads = MiniLmCost.leads(shared.resolve("datasets/clustering"));
    List<SentenceEmbedder> models = new ArrayList<>();
    for (String v : variants) {
      String[] p = v.split(":");
      int chars = p.length > 1 ? Integer.parseInt(p[1]) : SentenceEmbedder.MAX_CHARS;
      models.add(SentenceEmbedder.miniLm(Integer.parseInt(p[0]), chars, !(p.length > 2 && p[2].equals("jar"))));
    }
    int m = models.size();
    double[] ms = new double[m];
    double[] msFull = new double[m];
    int[] identical = new int[m];
    int full = 0;
    for (int round = 0; round <= rounds; round++) {
      for (String lead : leads) {
        boolean isFull = lead.length() >= 580;
        full += round > 0 && isFull ? 1 : 0;
        float[][] vectors = new float[m][];
        for (int j = 0; j < m; j++) {
          int i = (j + round) % m;
          long t0 = CPU.getCurrentThreadCpuTime();
          vectors[i] = models.get(i).embed(lead, null);
          double t = (CPU.getCurrentThreadCpuTime() - t0) / 1e6;
          if (round > 0) { // round 0 warms up
            ms[i] += t;
            msFull[i] += isFull ? t : 0;
          }
        }
        for (int i = 0; round == 0 && i < m; i++) {
          identical[i] += Arrays.equals(vectors[i], vectors[0]) ? 1 : 0;
        }
      }
      System.err.printf(Locale.ROOT, "round %d of %d done%n", round, rounds);
    }
    int n = leads.size() * rounds;
    System.out.printf(Locale.ROOT, "%d leads (%d of 580+ characters), %d rounds%n", leads.size(), full / rounds, rounds);
    System.out.printf(Locale.ROOT, "%-10s %14s %8s %18s %8s %16s%n", "variant", "all leads ms", "ratio", "580+ characters ms", "ratio", "baseline's bytes");
    for (int i = 0; i < m; i++) {
      System.out.printf(Locale.ROOT, "%-10s %14.3f %8.3f %18.3f %8.3f %16s%n", variants.get(i), ms[i] / n, ms[i] / ms[0], msFull[i] / full,
          msFull[i] / msFull[0], identical[i] + " of " + leads.size());
    }
  }
}
