package io.newsline.registry.server;

/** Schemas kept in memory only: for tests and batch tools. STUB. */
public final class InMemorySchemaStore implements SchemaStore {
  @Override
  public void close() {}
}
