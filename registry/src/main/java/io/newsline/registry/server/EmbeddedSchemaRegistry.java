package io.newsline.registry.server;

/** An in-process schema registry serving the Confluent REST API over HTTP. STUB. */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
  /** Starts serving on host:port (port 0 picks a free port). */
  public static EmbeddedSchemaRegistry start(SchemaStore store, String host, int port) {
    throw new UnsupportedOperationException("stub");
  }

  /** Base URL, e.g. http://127.0.0.1:8081 */
  public String url() {
    throw new UnsupportedOperationException("stub");
  }

  @Override
  public void close() {}
}
