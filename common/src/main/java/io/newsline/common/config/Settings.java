package io.newsline.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Flat key/value configuration: a Java properties file, then environment overrides. An environment
 * variable NEWSLINE_FOO_BAR sets key foo.bar (lower case, underscores become dots), so every key
 * can be set in a container without a file. Immutable.
 */
public final class Settings {
  public static final String ENV_PREFIX = "NEWSLINE_";

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static Settings of(Map<String, String> values) {
    return new Settings(values);
  }

  public static Settings empty() {
    return new Settings(Map.of());
  }

  /** Loads the file (when given), then applies NEWSLINE_* variables from {@code env}. */
  public static Settings load(Path file, Map<String, String> env) throws IOException {
    Map<String, String> v = new TreeMap<>();
    if (file != null) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      p.stringPropertyNames().forEach(k -> v.put(k, p.getProperty(k).trim()));
    }
    v.putAll(fromEnv(env));
    return new Settings(v);
  }

  static Map<String, String> fromEnv(Map<String, String> env) {
    Map<String, String> v = new TreeMap<>();
    env.forEach(
        (k, val) -> {
          if (k.startsWith(ENV_PREFIX) && k.length() > ENV_PREFIX.length()) {
            v.put(k.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), val);
          }
        });
    return v;
  }

  /** These settings with {@code overrides} on top. */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> v = new TreeMap<>(values);
    v.putAll(overrides);
    return new Settings(v);
  }

  public Settings with(String key, String value) {
    return with(Map.of(key, value));
  }

  /** Settings with defaults underneath: keys already set here win. */
  public Settings withDefaults(Map<String, String> defaults) {
    Map<String, String> v = new TreeMap<>(defaults);
    v.putAll(values);
    return new Settings(v);
  }

  public boolean has(String key) {
    return value(key) != null;
  }

  public String get(String key) {
    return value(key);
  }

  public String get(String key, String fallback) {
    String v = value(key);
    return v == null ? fallback : v;
  }

  /**
   * The value of a key. Environment variables cannot spell hyphens, so NEWSLINE_A_B_C also sets a
   * key written a.b-c: a hyphenated key falls back to its dotted spelling.
   */
  private String value(String key) {
    String v = values.get(key);
    return v != null || key.indexOf('-') < 0 ? v : values.get(key.replace('-', '.'));
  }

  public String require(String key) {
    String v = value(key);
    if (v == null || v.isBlank()) {
      throw new ConfigException(
          "missing setting " + key + " (set it in the config file or as " + envName(key) + ")");
    }
    return v;
  }

  public int getInt(String key, int fallback) {
    String v = value(key);
    try {
      return v == null ? fallback : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("setting " + key + " must be an integer, got '" + v + "'");
    }
  }

  public long getLong(String key, long fallback) {
    String v = value(key);
    try {
      return v == null ? fallback : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("setting " + key + " must be an integer, got '" + v + "'");
    }
  }

  public double getDouble(String key, double fallback) {
    String v = value(key);
    try {
      return v == null ? fallback : Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("setting " + key + " must be a number, got '" + v + "'");
    }
  }

  public boolean getBoolean(String key, boolean fallback) {
    String v = value(key);
    if (v == null) {
      return fallback;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException("setting " + key + " must be true or false, got '" + v + "'");
    };
  }

  /** A duration: ISO-8601 (PT30M) or a number with a unit suffix ms, s, m, h, d. */
  public Duration getDuration(String key, Duration fallback) {
    String v = value(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Durations.parse(v);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("setting " + key + ": " + e.getMessage());
    }
  }

  /** Keys under {@code prefix} with the prefix removed, e.g. withPrefix("kafka.") */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> v = new TreeMap<>();
    values.forEach(
        (k, val) -> {
          if (k.startsWith(prefix)) {
            v.put(k.substring(prefix.length()), val);
          }
        });
    return v;
  }

  public Map<String, String> asMap() {
    return values;
  }

  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  @Override
  public String toString() {
    return values.keySet().toString();
  }
}
