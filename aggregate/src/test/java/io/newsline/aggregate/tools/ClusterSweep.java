package io.newsline.aggregate.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.aggregate.cluster.ClusterArticle;
import io.newsline.aggregate.cluster.ClusterChange;
import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.cluster.EventClusterer;
import io.newsline.aggregate.cluster.InMemoryEventRepository;
import io.newsline.aggregate.topology.ClusteringPartitioner;
import io.newsline.common.Json;
import io.newsline.embedding.EmbeddingCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Development tool for threshold sweeps (not a test): clusters a labelled JSON Lines set with
 * entities and embeddings saved from an earlier run, for many settings in seconds, and prints
 * B-cubed P/R/F1. The figures in docs/aggregate.md come from `newsline batch` and the official
 * scorer; this only narrows the search.
 *
 * <p>args: GOLD.jsonl ENRICHED.jsonl (from newsline batch) EMBEDDINGS.jsonl ({"id","v":[...]})
 * then settings as threshold:textThreshold:sizePenalty:mergeMargin[:embeddingWeight[:noEmbeddings]].
 */
public final class ClusterSweep {
  public static void main(String[] args) throws Exception {
    List<JsonNode> gold = read(Path.of(args[0]));
    Map<String, JsonNode> enriched = new HashMap<>();
    read(Path.of(args[1])).forEach(n -> enriched.put(n.get("id").asText(), n));
    Map<String, float[]> emb = new HashMap<>();
    for (JsonNode n : read(Path.of(args[2]))) {
      float[] v = new float[n.get("v").size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) n.get("v").get(i).asDouble();
      }
      emb.put(n.get("id").asText(), EmbeddingCodec.decode(EmbeddingCodec.encode(v)));
    }
    for (int k = 3; k < args.length; k++) {
      String[] p = args[k].split(":");
      boolean noEmb = p.length > 5 && p[5].equals("text");
      ClusterSettings s = new ClusterSettings(Double.parseDouble(p[0]), Double.parseDouble(p[1]),
          p.length > 4 ? Double.parseDouble(p[4]) : 0.5, 0.0, Double.parseDouble(p[2]), Double.parseDouble(p[3]),
          Duration.ofDays(3), Duration.ofDays(2), 1000);
      int partitions = Integer.getInteger("partitions", 1);
      List<EventClusterer> cs = new ArrayList<>();
      for (int i = 0; i < partitions; i++) {
        cs.add(new EventClusterer(s, new InMemoryEventRepository()));
      }
      Map<String, String> assigned = new HashMap<>();
      for (JsonNode g : gold) {
        String id = g.get("id").asText();
        JsonNode e = enriched.get(id);
        List<ClusterArticle.ArticleEntity> es = new ArrayList<>();
        for (JsonNode en : e.get("entities")) {
          es.add(new ClusterArticle.ArticleEntity(en.get("id").asText(), en.get("name").asText(), en.get("type").asText(),
              en.get("salience").asDouble(), en.get("mentions").size(), "neutral", 0));
        }
        ClusterArticle a = new ClusterArticle(id, Json.text(e, "title"), Json.text(e, "text"), null, null, Instant.EPOCH,
            null, es, List.of(), noEmb ? null : emb.get(id));
        EventClusterer c = cs.get(ClusteringPartitioner.partition(ClusteringPartitioner.key(a), partitions));
        for (ClusterChange ch : c.add(a)) {
          if (ch instanceof ClusterChange.Assigned as) {
            assigned.put(as.articleId(), as.eventId());
          }
        }
      }
      System.out.printf("%s %s%n", args[k], bcubed(gold, assigned));
    }
  }

  private static String bcubed(List<JsonNode> gold, Map<String, String> pred) {
    Map<String, Map<String, Integer>> inter = new HashMap<>();
    Map<String, Integer> gs = new HashMap<>();
    Map<String, Integer> ps = new HashMap<>();
    for (JsonNode g : gold) {
      String gc = g.get("cluster").asText();
      String pc = pred.get(g.get("id").asText());
      inter.computeIfAbsent(pc, x -> new HashMap<>()).merge(gc, 1, Integer::sum);
      gs.merge(gc, 1, Integer::sum);
      ps.merge(pc, 1, Integer::sum);
    }
    double p = 0;
    double r = 0;
    for (JsonNode g : gold) {
      String gc = g.get("cluster").asText();
      String pc = pred.get(g.get("id").asText());
      int both = inter.get(pc).get(gc);
      p += both / (double) ps.get(pc);
      r += both / (double) gs.get(gc);
    }
    p /= gold.size();
    r /= gold.size();
    return String.format("events=%d P=%.4f R=%.4f F1=%.4f", ps.size(), p, r, 2 * p * r / (p + r));
  }

  private static List<JsonNode> read(Path p) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(p)) {
      if (!l.isBlank()) {
        out.add(Json.parse(l));
      }
    }
    return out;
  }
}
