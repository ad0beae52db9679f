package io.newsline.registry;

import io.newsline.registry.client.RegistryClientConfig;
import io.newsline.registry.client.RestSchemaRegistryClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared clients: one per distinct registry configuration (URLs, credentials, TLS, timeouts), so
 * that every serde of a process shares one cache. Shared clients live as long as the process;
 * closing one is harmless.
 */
public final class SchemaRegistryClients {
  private static final Map<RegistryClientConfig, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

  private SchemaRegistryClients() {}

  /** The shared client for these settings (schema.registry.url and the other schema.registry.* keys). */
  public static SchemaRegistryClient forConfig(Map<String, ?> config) {
    return SHARED.computeIfAbsent(RegistryClientConfig.fromMap(config), RestSchemaRegistryClient::new);
  }
}
