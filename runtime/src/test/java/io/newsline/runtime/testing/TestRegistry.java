package io.newsline.runtime.testing;

import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.InMemorySchemaStore;
import java.util.Map;

/** A real schema registry over HTTP on a free port, schemas in memory: for topology unit tests. */
public final class TestRegistry implements AutoCloseable {
  private final EmbeddedSchemaRegistry registry;

  public TestRegistry() {
    this.registry = EmbeddedSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0);
  }

  public String url() {
    return registry.url();
  }

  /** Serde settings pointing at this registry. */
  public Map<String, Object> serdeConfig() {
    return Map.of("schema.registry.url", url(), "schema.registry.retries", "1");
  }

  @Override
  public void close() {
    registry.close();
  }
}
