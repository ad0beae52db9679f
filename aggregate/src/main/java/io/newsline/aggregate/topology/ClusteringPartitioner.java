package io.newsline.aggregate.topology;

import io.newsline.aggregate.cluster.TermVectors;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.Entity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/**
 * Candidate blocking: which clustering partition an article goes to. An article can only join
 * events of its own partition, so the key should be something every article of an event shares.
 * The key is the article's most salient named entity (PERSON, ORGANIZATION or LOCATION; ties by
 * id), else the first content word of its headline (or text), else its id. The partition is
 * murmur2(key) modulo the partition count, the formula of Kafka's default partitioner, used both
 * by the topology's repartition step and by batch mode, so both place every article alike.
 */
public final class ClusteringPartitioner {
  private ClusteringPartitioner() {}

  public static String key(EnrichedArticle a) {
    Entity best = null;
    for (Entity e : a.getEntities()) {
      if ("MISC".equals(e.getType())) {
        continue;
      }
      if (best == null || e.getSalience() > best.getSalience()
          || (e.getSalience() == best.getSalience() && e.getId().compareTo(best.getId()) < 0)) {
        best = e;
      }
    }
    if (best != null) {
      return "e:" + best.getId();
    }
    List<String> words = TermVectors.tokens(a.getTitle() != null ? a.getTitle() : a.getText());
    return words.isEmpty() ? "a:" + a.getId() : "t:" + words.get(0);
  }

  /** The same key from the clustering view of an article. */
  public static String key(io.newsline.aggregate.cluster.ClusterArticle a) {
    io.newsline.aggregate.cluster.ClusterArticle.ArticleEntity best = null;
    for (io.newsline.aggregate.cluster.ClusterArticle.ArticleEntity e : a.entities()) {
      if ("MISC".equals(e.type())) {
        continue;
      }
      if (best == null || e.salience() > best.salience() || (e.salience() == best.salience() && e.id().compareTo(best.id()) < 0)) {
        best = e;
      }
    }
    if (best != null) {
      return "e:" + best.id();
    }
    List<String> words = TermVectors.tokens(a.title() != null ? a.title() : a.text());
    return words.isEmpty() ? "a:" + a.id() : "t:" + words.get(0);
  }

  public static int partition(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
