package io.newsline.registry.server;

/** The store could not read or write its backing data (e.g. Kafka unreachable); the registry answers 50001. */
public class SchemaStoreException extends RuntimeException {
  public SchemaStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
