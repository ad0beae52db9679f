package io.newsline.cli;

import io.newsline.common.config.ConfigException;
import io.newsline.common.config.Settings;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.KafkaSchemaStore;
import io.newsline.runtime.KafkaSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;

/**
 * newsline registry --config FILE: a schema registry serving the Confluent REST API (Avro), its
 * schemas kept in a compacted Kafka topic in Confluent's own record layout, for anyone without a
 * Confluent registry. One instance per topic: it does not follow other writers.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
    description = {"Run a schema registry (Confluent REST API, Avro) that keeps its schemas in a Kafka topic.",
        "Settings: bootstrap.servers (required), registry.host (0.0.0.0), registry.port (8081),"
            + " registry.topic (_schemas), registry.users (user:password,... for HTTP Basic auth), Kafka client settings."})
final class RegistryCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryCommand.class);

  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    Settings s = config.load();
    Reachability.awaitKafka(s.require("bootstrap.servers"), s.getDuration("startup.timeout", Reachability.DEFAULT_TIMEOUT));
    try (StopSignal stop = StopSignal.install();
        EmbeddedSchemaRegistry registry = start(s)) {
      LOG.info("schema registry on {} (schemas in topic {} of {})", registry.url(), s.get("registry.topic", KafkaSchemaStore.DEFAULT_TOPIC), s.require("bootstrap.servers"));
      return stop.await();
    }
  }

  static EmbeddedSchemaRegistry start(Settings s) {
    Map<String, Object> kafka = kafkaClientConfig(s);
    KafkaSchemaStore store = new KafkaSchemaStore(kafka, s.get("registry.topic", KafkaSchemaStore.DEFAULT_TOPIC));
    try {
      return EmbeddedSchemaRegistry.builder(store)
          .host(s.get("registry.host", "0.0.0.0"))
          .port(s.getInt("registry.port", 8081))
          .basicAuth(users(s.get("registry.users", "")))
          .start();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The Kafka client settings the stages take (bootstrap, security), without the registry's own. */
  private static Map<String, Object> kafkaClientConfig(Settings s) {
    Map<String, Object> c = new LinkedHashMap<>(KafkaSettings.clientConfig(s.withDefaults(Map.of("schema.registry.url", "-"))));
    c.keySet().removeIf(k -> k.startsWith("schema.registry.") || k.startsWith("basic.auth."));
    return c;
  }

  /** user:password pairs, comma-separated. */
  static Map<String, String> users(String spec) {
    Map<String, String> users = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int colon = pair.indexOf(':');
      if (colon <= 0 || colon == pair.length() - 1) {
        throw new ConfigException("setting registry.users must be user:password pairs separated by commas");
      }
      users.put(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
    }
    return users;
  }
}
