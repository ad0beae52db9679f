package io.newsline.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsline.common.Json;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent Schema Registry's record layout in its _schemas topic, so newsline's registry and
 * Confluent's can read each other's topic. Keys are JSON with a fixed field order, because
 * compaction keeps the last record per exact key bytes:
 *
 * <ul>
 *   <li>schema: {"keytype":"SCHEMA","subject":s,"version":v,"magic":1} →
 *       {"subject","version","id","schema","deleted"}; a tombstone is a hard delete
 *   <li>compatibility: {"keytype":"CONFIG","subject":s or null,"magic":0} → {"compatibilityLevel"};
 *       a tombstone removes a subject's level
 * </ul>
 *
 * Other key types Confluent writes (NOOP, MODE, DELETE_SUBJECT, ...) are skipped on read.
 */
final class SchemasTopicFormat {
  private static final Logger LOG = LoggerFactory.getLogger(SchemasTopicFormat.class);

  private SchemasTopicFormat() {}

  static byte[] schemaKey(String subject, int version) {
    ObjectNode key = Json.object();
    key.put("keytype", "SCHEMA");
    key.put("subject", subject);
    key.put("version", version);
    key.put("magic", 1);
    return bytes(key);
  }

  static byte[] schemaValue(StoredSchema s) {
    ObjectNode value = Json.object();
    value.put("subject", s.subject());
    value.put("version", s.version());
    value.put("id", s.id());
    value.put("schema", s.schema());
    value.put("deleted", s.deleted());
    return bytes(value);
  }

  static byte[] configKey(String subject) {
    ObjectNode key = Json.object();
    key.put("keytype", "CONFIG");
    key.put("subject", subject);
    key.put("magic", 0);
    return bytes(key);
  }

  static byte[] configValue(String level) {
    ObjectNode value = Json.object();
    value.put("compatibilityLevel", level);
    return bytes(value);
  }

  /** Applies one record of the topic to the state; unknown or malformed records are skipped. */
  static void apply(byte[] keyBytes, byte[] valueBytes, SchemaStore state) {
    JsonNode key;
    try {
      key = Json.parse(new String(keyBytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | NullPointerException e) {
      LOG.warn("skipping a record whose key is not JSON");
      return;
    }
    JsonNode value = valueBytes == null ? null : Json.parse(new String(valueBytes, StandardCharsets.UTF_8));
    String subject = Json.text(key, "subject");
    switch (key.path("keytype").asText()) {
      case "SCHEMA" -> {
        if (value == null) {
          state.remove(subject, key.path("version").asInt());
        } else {
          state.put(new StoredSchema(Json.text(value, "subject"), value.path("version").asInt(),
              value.path("id").asInt(), Json.text(value, "schema"), value.path("deleted").asBoolean(false)));
        }
      }
      case "CONFIG" -> {
        String level = value == null ? null : Json.text(value, "compatibilityLevel");
        if (level == null) {
          state.removeCompatibility(subject);
        } else {
          state.setCompatibility(subject, level);
        }
      }
      default -> LOG.debug("skipping a {} record", key.path("keytype").asText());
    }
  }

  private static byte[] bytes(ObjectNode node) {
    return Json.write(node).getBytes(StandardCharsets.UTF_8);
  }
}
