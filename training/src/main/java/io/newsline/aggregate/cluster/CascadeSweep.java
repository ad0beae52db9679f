package io.newsline.aggregate.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Development (issue 14, the embedding cascade): B-cubed F1 and the share of articles embedded by
 * the fine model, for several bands, without running MiniLM again: the sets are read as
 * {@code newsline batch} enriched them with the cheap embedding (the table) and with the fine one
 * (MiniLM), and the cascade's fine step looks the article's MiniLM vector up. The command is in
 * docs/benchmarks.md (the cascade):
 *
 * <pre>
 * CascadeSweep --set NAME=GOLD.jsonl,TABLE-ENRICHED.jsonl,MINILM-ENRICHED.jsonl ... --bands 0,0.05,0.1
 *     [--coarse MODEL.json] [--warmup N]
 * </pre>
 */
public final class CascadeSweep {
  private CascadeSweep() {}

  public static void main(String[] args) throws Exception {
    List<String[]> specs = new ArrayList<>();
    List<Double> bands = new ArrayList<>();
    JoinModel coarse = JoinModel.standard();
    int warmup = Cascade.DEFAULT_WARMUP;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--set" -> specs.add(args[++i].split("[=,]"));
        case "--bands" -> {
          for (String b : args[++i].split(",")) {
            bands.add(Double.parseDouble(b));
          }
        }
        case "--coarse" -> coarse = JoinModel.read(Path.of(args[++i]));
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    ClusterSettings base = ClusterSettings.defaults().withJoinModel(coarse);
    for (String[] spec : specs) {
      LabelledSet table = LabelledSet.read(spec[0], Path.of(spec[1]), Path.of(spec[2]));
      Map<String, float[]> fine = new HashMap<>();
      for (LabelledSet.Labelled l : LabelledSet.read(spec[0], Path.of(spec[1]), Path.of(spec[3])).articles()) {
        fine.put(l.article().id(), l.article().embedding());
      }
      Map<String, String> gold = FitJoinModel.gold(table.articles());
      System.out.printf("%s  table alone %s%n", spec[0], BCubed.of(gold, FitJoinModel.cluster(base, table.articles(), true)));
      for (double band : bands) {
        Cascade c = new Cascade(a -> fine.get(a.id()), JoinModel.standard(), band, warmup);
        EventClusterer clusterer = new EventClusterer(base.withCascade(c), new InMemoryEventRepository());
        Map<String, String> out = new HashMap<>();
        for (LabelledSet.Labelled l : table.articles()) {
          for (ClusterChange ch : clusterer.add(l.article())) {
            if (ch instanceof ClusterChange.Assigned a) {
              out.put(a.articleId(), a.eventId());
            }
          }
        }
        System.out.printf("%s  band %.3f  fine share %.3f  %s%n", spec[0], band,
            clusterer.fineEmbeddings() / (double) table.articles().size(), BCubed.of(gold, out));
      }
    }
  }
}
