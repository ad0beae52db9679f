package io.newsline.runtime.testing;

import io.newsline.common.FileTrees;
import io.newsline.common.config.Settings;
import io.newsline.embedded.EmbeddedKafka;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.KafkaSchemaStore;
import io.newsline.runtime.TopicAdmin;
import io.newsline.runtime.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What integration tests run on: a real in-process Kafka cluster, a schema registry keeping its
 * schemas in the cluster's _schemas topic, the pipeline's topics, and settings pointing at both.
 */
public final class EmbeddedStack implements AutoCloseable {
  private final EmbeddedKafka kafka;
  private final KafkaSchemaStore store;
  private final EmbeddedSchemaRegistry registry;
  private final Settings settings;
  /** The stages' state (state.dir) and every other folder a test asks for, deleted on close. */
  private final Path state;

  private EmbeddedStack(int brokers) throws Exception {
    kafka = EmbeddedKafka.start(brokers);
    store = new KafkaSchemaStore(Map.of("bootstrap.servers", kafka.bootstrapServers()), "_schemas");
    registry = EmbeddedSchemaRegistry.start(store, "127.0.0.1", 0);
    state = Files.createTempDirectory("newsline-it-state");
    settings = Settings.of(Map.of(
        "bootstrap.servers", kafka.bootstrapServers(),
        "schema.registry.url", registry.url(),
        "state.dir", state.toString(),
        "commit.interval.ms", "100",
        "topics.replication.factor", String.valueOf(Math.min(3, brokers))));
    TopicAdmin.ensureAll(settings);
  }

  public static EmbeddedStack start(int brokers) throws Exception {
    return new EmbeddedStack(brokers);
  }

  public Settings settings() {
    return settings;
  }

  /** A new folder for another instance's state.dir, deleted with the stack's. */
  public Path newStateDir(String prefix) throws IOException {
    return Files.createTempDirectory(state, prefix);
  }

  public Topics topics() {
    return new Topics(settings);
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public String registryUrl() {
    return registry.url();
  }

  @Override
  public void close() throws Exception {
    registry.close();
    store.close();
    kafka.close();
    FileTrees.delete(state); // after the stack, not before what still runs on it: close that first
  }
}
