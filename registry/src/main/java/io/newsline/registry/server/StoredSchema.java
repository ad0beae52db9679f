package io.newsline.registry.server;

/**
 * One version of a subject as the registry stores it.
 *
 * @param schema the schema's canonical text (Avro's own JSON rendering of the parsed schema)
 * @param deleted true once soft-deleted: kept, but hidden unless asked for
 */
public record StoredSchema(String subject, int version, int id, String schema, boolean deleted) {
  public StoredSchema asDeleted() {
    return new StoredSchema(subject, version, id, schema, true);
  }
}
