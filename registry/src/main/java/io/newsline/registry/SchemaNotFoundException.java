package io.newsline.registry;

/** No schema with the requested id (40403), or no such subject (40401) or version (40402). */
public class SchemaNotFoundException extends SchemaRegistryException {
  public SchemaNotFoundException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }
}
