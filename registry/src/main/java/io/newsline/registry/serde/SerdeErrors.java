package io.newsline.registry.serde;

import io.newsline.registry.IncompatibleSchemaException;
import io.newsline.registry.RegistryFailureException;
import io.newsline.registry.RegistryUnavailableException;
import io.newsline.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Turns registry failures into Kafka {@link SerializationException}s with clear messages, keeping
 * the registry exception as the cause so callers can tell a failure of the registry ({@link
 * RegistryFailureException}: unreachable, credentials refused, schemas lost) from a bad record.
 */
final class SerdeErrors {
  private SerdeErrors() {}

  static SerializationException fromRegistry(String context, SchemaRegistryException e) {
    String prefix;
    if (e instanceof RegistryUnavailableException) {
      prefix = "schema registry unavailable: ";
    } else if (e instanceof RegistryFailureException) {
      prefix = "schema registry refused the request: ";
    } else if (e instanceof IncompatibleSchemaException) {
      prefix = "schema rejected by registry as incompatible: ";
    } else {
      prefix = "schema registry error: ";
    }
    return new SerializationException(prefix + e.getMessage() + " (" + context + ")", e);
  }
}
