package io.newsline.registry.serde;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** Reads serde settings (auto.register.schemas, use.latest.version) from Kafka-style config maps. */
final class SerdeConfig {
  private SerdeConfig() {}

  static boolean bool(Map<String, ?> configs, String key, boolean fallback) {
    Object v = configs.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(key, v, "must be true or false");
    };
  }
}
