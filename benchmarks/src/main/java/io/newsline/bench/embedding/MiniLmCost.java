package io.newsline.bench.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import io.newsline.embedding.Langchain4jMiniLm;
import io.newsline.embedding.SentenceEmbedder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * CPU time of one MiniLM embedding (issue 14): newsline's encoder ({@link SentenceEmbedder#miniLm})
 * against the baseline in the same run, all-MiniLM-L6-v2 as langchain4j's OnnxBertBiEncoder runs it
 * (native HuggingFace tokenizer, same single-threaded session), on the leads of the three
 * clustering sets. Each text is embedded by both, one right after the other, the order swapped
 * every round, so that load from other processes falls on both alike; thread CPU time (ONNX Runtime
 * runs on the calling thread). Also checks that the two give the same bytes.
 *
 * <pre>
 * java -Xmx2g -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.newsline.bench.embedding.MiniLmCost [shared folder] [rounds]
 * </pre>
 */
public final class MiniLmCost {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final String[] SETS = {"ecbplus_dev", "fnc1_test_bodies", "emergent_headlines"};
  /** Leads this long count as full leads (SentenceEmbedder cuts at 600). */
  private static final int FULL = 580;

  private MiniLmCost() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<String> leads = leads(shared.resolve("datasets/clustering"));
    Function<String, float[]> baseline = Langchain4jMiniLm.load();
    SentenceEmbedder own = SentenceEmbedder.miniLm();
    double[] baseMs = new double[2];
    double[] ownMs = new double[2];
    int[] counted = new int[2];
    int identical = 0;
    for (int round = 0; round <= rounds; round++) {
      for (String lead : leads) {
        long t0 = CPU.getCurrentThreadCpuTime();
        float[] first = round % 2 == 0 ? baseline.apply(lead) : own.embed(lead, null);
        long t1 = CPU.getCurrentThreadCpuTime();
        float[] second = round % 2 == 0 ? own.embed(lead, null) : baseline.apply(lead);
        long t2 = CPU.getCurrentThreadCpuTime();
        if (round == 0) { // warm-up
          identical += Arrays.equals(first, second) ? 1 : 0;
          continue;
        }
        double base = (round % 2 == 0 ? t1 - t0 : t2 - t1) / 1e6;
        double mine = (round % 2 == 0 ? t2 - t1 : t1 - t0) / 1e6;
        for (int k = 0; k < (lead.length() >= FULL ? 2 : 1); k++) {
          baseMs[k] += base;
          ownMs[k] += mine;
          counted[k]++;
        }
      }
      if (round > 0) {
        System.err.printf(Locale.ROOT, "round %d of %d done%n", round, rounds);
      }
    }
    System.out.printf(Locale.ROOT, "%d leads (%d of %d+ characters); same bytes as langchain4j's encoder: %d of %d%n",
        leads.size(), counted[1] / rounds, FULL, identical, leads.size());
    System.out.printf(Locale.ROOT, "%-22s %16s %16s %8s%n", "CPU ms per embedding", "langchain4j", "newsline", "ratio");
    String[] names = {"all leads", FULL + "+ characters"};
    for (int k = 0; k < 2; k++) {
      System.out.printf(Locale.ROOT, "%-22s %16.3f %16.3f %8.3f%n", names[k], baseMs[k] / counted[k], ownMs[k] / counted[k], ownMs[k] / baseMs[k]);
    }
  }

  /** Headline and body as enrich embeds them, of every article of the sets. */
  static List<String> leads(Path folder) throws Exception {
    List<String> leads = new ArrayList<>();
    for (String set : SETS) {
      for (String line : Files.readAllLines(folder.resolve(set + ".jsonl"))) {
        JsonNode n = Json.parse(line);
        String lead = SentenceEmbedder.input(n.path("title").asText(null), n.path("text").asText(null));
        if (!lead.isBlank()) {
          leads.add(lead);
        }
      }
    }
    return leads;
  }
}
