package io.newsline.registry.server;

/** Where the embedded registry keeps subjects, versions, ids and config. STUB: designed in the registry work. */
public interface SchemaStore extends AutoCloseable {
  @Override
  void close();
}
