package io.newsline.registry.server;

import java.util.Map;

/**
 * Schemas kept in a compacted Kafka topic (default _schemas), in Confluent's own record layout,
 * read back in full at start-up. Single writer. STUB.
 */
public final class KafkaSchemaStore implements SchemaStore {
  /** @param kafkaConfig client settings (bootstrap.servers and any security settings) */
  public KafkaSchemaStore(Map<String, Object> kafkaConfig, String topic) {}

  @Override
  public void close() {}
}
