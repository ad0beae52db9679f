package io.newsline.runtime;

import java.util.Map;

/** A topic the pipeline needs: name, partitions, replication and topic-level configs. */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {
  public TopicSpec {
    configs = Map.copyOf(configs);
  }

  public boolean compacted() {
    return configs.getOrDefault("cleanup.policy", "delete").contains("compact");
  }
}
