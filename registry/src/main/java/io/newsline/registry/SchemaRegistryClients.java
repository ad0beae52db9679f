package io.newsline.registry;

import java.util.Map;

/**
 * Shared clients: one per distinct registry configuration (URL, credentials, TLS), so that every
 * serde of a process shares one cache. STUB: implemented in the registry work.
 */
public final class SchemaRegistryClients {
  private SchemaRegistryClients() {}

  /** The shared client for these settings (schema.registry.url and the other schema.registry.* keys). */
  public static SchemaRegistryClient forConfig(Map<String, ?> config) {
    throw new UnsupportedOperationException("stub");
  }
}
