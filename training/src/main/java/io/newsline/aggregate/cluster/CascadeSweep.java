package io.newsline.aggregate.cluster;

import io.newsline.embedding.SentenceEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Development (issue 14, the embedding cascade): B-cubed F1 and the share of articles embedded by
 * the fine model, for several bands and warm-ups, without running MiniLM again: the sets are read
 * as {@code newsline batch} enriched them with the cheap embedding (the table) and with the fine
 * one (MiniLM), and the cascade's fine step looks the article's MiniLM vector up. Besides the
 * share, the fine model's cost: the characters it read, in full leads
 * ({@value SentenceEmbedder#MAX_CHARS} characters) per article, since MiniLM's cost follows its
 * input's length. The command is in docs/benchmarks.md (the cascade):
 *
 * <pre>
 * CascadeSweep --set NAME=GOLD.jsonl,TABLE-ENRICHED.jsonl,MINILM-ENRICHED.jsonl ... --bands 0,0.05,0.1
 *     [--coarse MODEL.json] [--warmup 1,3] [--records DECISIONS.tsv]
 * </pre>
 *
 * <p>{@code --records} writes every decision of the runs at band 1 ({@link DecisionRecords}), for
 * fitting other openness rules ({@code tools/open_rule_lr.py}; the whole fit is
 * {@code tools/fit-cascade-band}).
 *
 * <p>How the band is chosen: at a band where every decision is open (1), each decision the fine
 * model takes differently from the table is a disagreement; the band it needed to be open is its
 * margin (or half the gap to a rival) over the cascade's widening for its length. The sweep prints
 * the band holding 95 % and 97.5 % of the disagreements of all sets, and of every two sets with
 * the third left out (to check the rule on the set it did not see).
 */
public final class CascadeSweep {
  private CascadeSweep() {}

  /** Shares of the disagreements a band must hold. */
  private static final double[] HELD = {0.95, 0.975};

  public static void main(String[] args) throws Exception {
    List<String[]> specs = new ArrayList<>();
    List<Double> bands = new ArrayList<>();
    List<Integer> warmups = new ArrayList<>();
    JoinModel coarse = JoinModel.standard();
    DecisionRecords records = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--set" -> specs.add(args[++i].split("[=,]"));
        case "--bands" -> {
          for (String b : args[++i].split(",")) {
            bands.add(Double.parseDouble(b));
          }
        }
        case "--records" -> records = new DecisionRecords(Path.of(args[++i]));
        case "--coarse" -> coarse = JoinModel.read(Path.of(args[++i]));
        case "--warmup" -> {
          for (String w : args[++i].split(",")) {
            warmups.add(Integer.parseInt(w));
          }
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (warmups.isEmpty()) {
      warmups.add(Cascade.DEFAULT_WARMUP);
    }
    ClusterSettings base = ClusterSettings.defaults().withJoinModel(coarse);
    // set -> the band each disagreement needed (from runs where every decision was open)
    Map<String, List<Double>> needed = new TreeMap<>();
    DecisionRecords sink = records;
    for (String[] spec : specs) {
      LabelledSet table = LabelledSet.read(spec[0], Path.of(spec[1]), Path.of(spec[2]));
      Map<String, float[]> fine = new HashMap<>();
      for (LabelledSet.Labelled l : LabelledSet.read(spec[0], Path.of(spec[1]), Path.of(spec[3])).articles()) {
        fine.put(l.article().id(), l.article().embedding());
      }
      Map<String, String> gold = FitJoinModel.gold(table.articles());
      System.out.printf("%s  table alone %s%n", spec[0], BCubed.of(gold, FitJoinModel.cluster(base, table.articles(), true)));
      int n = table.articles().size();
      for (int warmup : warmups) {
        for (double band : bands) {
          long[] chars = {0};
          Cascade c = new Cascade(a -> {
            chars[0] += SentenceEmbedder.input(a.title(), a.text()).length();
            return fine.get(a.id());
          }, JoinModel.standard(), band, warmup);
          InMemoryEventRepository events = new InMemoryEventRepository();
          EventClusterer clusterer = new EventClusterer(base.withCascade(c), events);
          List<Double> need = new ArrayList<>();
          Map<String, String> out = new HashMap<>();
          DecisionRecords.Golds golds = new DecisionRecords.Golds(gold);
          clusterer.openDecisions = (a, d) -> {
            if (d.disagrees()) {
              double margin = Math.abs(d.margin());
              double gap = d.runnerUp() >= 0 ? (d.margin() - d.runnerUp()) / Cascade.RIVAL_BANDS : Double.POSITIVE_INFINITY;
              need.add(Math.min(margin, gap) / Cascade.widening(a));
            }
            if (sink != null && band >= 1) {
              sink.add(spec[0], a, d, golds);
            }
          };
          for (LabelledSet.Labelled l : table.articles()) {
            for (ClusterChange ch : clusterer.add(l.article())) {
              if (ch instanceof ClusterChange.Assigned a) {
                out.put(a.articleId(), a.eventId());
                golds.assign(a.articleId(), a.eventId());
              }
            }
          }
          if (band >= 1) { // every decision open: margins lie within ±1
            needed.put(spec[0], need);
          }
          System.out.printf("%s  band %.3f  warm-up %d  fine share %.3f (lazily %.3f)  fine cost %.3f leads/article  %s  %s%n", spec[0], band,
              warmup, clusterer.fineEmbeddings() / (double) n, clusterer.lazyEmbeddings() / (double) n,
              chars[0] / (SentenceEmbedder.MAX_CHARS * (double) n), BCubed.of(gold, out), stateSize(events));
        }
      }
    }
    if (records != null) {
      records.close();
    }
    for (double share : needed.isEmpty() ? new double[0] : HELD) {
      System.out.printf("band holding %.1f %% of the disagreements: all sets %.3f%n", 100 * share, held(needed, null, share));
      for (String out : needed.keySet()) {
        System.out.printf("  without %s: %.3f%n", out, held(needed, out, share));
      }
    }
  }

  /** The stored events' size at the end: mean bytes per event, and how many hold unembedded warm-up leads and their share of the bytes. */
  private static String stateSize(InMemoryEventRepository events) {
    long bytes = 0;
    long leadBytes = 0;
    int n = 0;
    int withLeads = 0;
    for (EventState e : events.all()) {
      int size = EventStateCodec.encode(e).length;
      bytes += size;
      n++;
      if (!e.fineLeads.isEmpty()) {
        withLeads++;
        List<EventState.FineLead> leads = e.fineLeads;
        e.fineLeads = new ArrayList<>();
        leadBytes += size - EventStateCodec.encode(e).length;
        e.fineLeads = leads;
      }
    }
    return String.format("state %d events, %.0f bytes/event, %d with leads (%.0f bytes/event of leads)", n, bytes / (double) Math.max(1, n),
        withLeads, leadBytes / (double) Math.max(1, n));
  }

  /** The smallest band that opens this share of the disagreements of every set but {@code without}. */
  private static double held(Map<String, List<Double>> needed, String without, double share) {
    List<Double> all = new ArrayList<>();
    needed.forEach((set, need) -> {
      if (!set.equals(without)) {
        all.addAll(need);
      }
    });
    if (all.isEmpty()) {
      return Double.NaN;
    }
    all.sort(null);
    return all.get((int) Math.ceil(share * all.size()) - 1) + 1e-4;
  }
}
