package io.newsline.aggregate.cluster;

import io.newsline.embedding.SentenceEmbedder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Development (issue 14, the cascade's openness rule): one tab-separated line per decision of a
 * {@link CascadeSweep} run where every decision is open (band 1), with what the table's choice
 * looked like and whether the fine model decided otherwise, and how right each decision was by
 * the gold clusters: the records {@code tools/open_rule_lr.py} fits a learned rule on.
 */
final class DecisionRecords implements AutoCloseable {
  static final String HEADER = "set\tarticle\tmargin\trunner_up\tchars\tbest_articles\tbest_fine\tbest_leads\tcandidates\tage_hours"
      + "\tdisagrees\tcoarse_same\tcoarse_size\tfine_same\tfine_size\tseen_same";
  private final PrintWriter out;

  DecisionRecords(Path file) throws IOException {
    out = new PrintWriter(Files.newBufferedWriter(file));
    out.println(HEADER);
  }

  void add(String set, ClusterArticle a, EventClusterer.Decision d, Golds golds) {
    String g = golds.gold(a.id());
    out.printf("%s\t%s\t%.5f\t%.5f\t%d\t%d\t%d\t%d\t%d\t%.2f\t%d\t%d\t%d\t%d\t%d\t%d%n", set, a.id(), d.margin(),
        Math.max(-9, d.runnerUp()), SentenceEmbedder.input(a.title(), a.text()).length(), d.best().articleCount,
        d.best().fineEmbeddedArticles, d.best().fineLeads.size(), d.candidates(), (d.time() - d.best().firstSeen) / 3.6e6,
        d.disagrees() ? 1 : 0, golds.same(d.coarse(), g), golds.size(d.coarse()), golds.same(d.fine(), g), golds.size(d.fine()),
        golds.seen(g));
  }

  @Override
  public void close() {
    out.close();
  }

  /** The gold clusters of the articles assigned so far, per event. */
  static final class Golds {
    private final Map<String, String> gold;
    private final Map<String, String> eventOf = new HashMap<>();
    private final Map<String, Map<String, Integer>> counts = new HashMap<>();
    private final Map<String, Integer> seen = new HashMap<>();

    Golds(Map<String, String> gold) {
      this.gold = gold;
    }

    String gold(String article) {
      return gold.getOrDefault(article, article);
    }

    void assign(String article, String event) {
      String g = gold(article);
      String was = eventOf.put(article, event);
      if (was == null) {
        seen.merge(g, 1, Integer::sum);
      } else {
        counts.get(was).merge(g, -1, Integer::sum);
      }
      counts.computeIfAbsent(event, k -> new HashMap<>()).merge(g, 1, Integer::sum);
    }

    int same(String event, String g) {
      return event.isEmpty() ? 0 : counts.getOrDefault(event, Map.of()).getOrDefault(g, 0);
    }

    int size(String event) {
      return event.isEmpty() ? 0 : counts.getOrDefault(event, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    int seen(String g) {
      return seen.getOrDefault(g, 0);
    }
  }
}
