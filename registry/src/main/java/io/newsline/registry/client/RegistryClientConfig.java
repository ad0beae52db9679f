package io.newsline.registry.client;

import io.newsline.common.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of a registry client, read from a Map with Confluent's key names (the same Map also
 * holds Kafka settings; unknown keys are ignored). Equal configs share one client through {@link
 * io.newsline.registry.SchemaRegistryClients}. {@link #toString()} never shows a password.
 *
 * @param urls registry base URLs without user info, in fail-over order
 * @param userInfo "user:password" sent as HTTP Basic auth, or null for none
 * @param tls trust and key stores, or null for the JVM defaults
 * @param requestTimeout connect and request timeout of one HTTP call
 * @param retries extra attempts after the first for connection errors, timeouts, 5xx and 429
 * @param backoff first wait between attempts; doubles each attempt, with jitter
 * @param backoffMax longest wait between attempts
 * @param latestTtl how long an answer to "latest version of subject" is reused
 */
public record RegistryClientConfig(
    List<URI> urls,
    String userInfo,
    TlsConfig tls,
    Duration requestTimeout,
    int retries,
    Duration backoff,
    Duration backoffMax,
    Duration latestTtl) {

  public static final String URL = "schema.registry.url";
  public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String USER_INFO = "basic.auth.user.info";
  /** Older Confluent spelling of {@link #USER_INFO}, still accepted. */
  public static final String USER_INFO_LEGACY = "schema.registry.basic.auth.user.info";
  public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
  public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
  public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
  public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
  public static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
  public static final String KEY_PASSWORD = "schema.registry.ssl.key.password";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String RETRIES = "schema.registry.retries";
  public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
  public static final String RETRY_BACKOFF_MAX_MS = "schema.registry.retry.backoff.max.ms";
  public static final String LATEST_CACHE_TTL_MS = "schema.registry.latest.cache.ttl.ms";

  public RegistryClientConfig {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new ConfigException("missing setting " + URL + " (e.g. http://localhost:8081)");
    }
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(backoffMax, "backoffMax");
    Objects.requireNonNull(latestTtl, "latestTtl");
    if (retries < 0) {
      throw new ConfigException("setting " + RETRIES + " must be 0 or more, got " + retries);
    }
  }

  /** A config for these URLs with no auth, no TLS settings and the default timeouts and retries. */
  public static RegistryClientConfig of(String urls) {
    return fromMap(Map.of(URL, urls));
  }

  /** Reads the schema.registry.* and basic.auth.* keys; other keys are ignored. */
  public static RegistryClientConfig fromMap(Map<String, ?> config) {
    String urlList = string(config, URL);
    if (urlList == null || urlList.isBlank()) {
      throw new ConfigException("missing setting " + URL + " (e.g. http://localhost:8081)");
    }
    List<URI> withUserInfo = parseUrls(urlList);
    String userInfo = userInfo(config, withUserInfo);
    return new RegistryClientConfig(
        withUserInfo.stream().map(RegistryClientConfig::withoutUserInfo).toList(),
        userInfo,
        TlsConfig.fromMap(config),
        Duration.ofMillis(longValue(config, REQUEST_TIMEOUT_MS, 10_000)),
        (int) longValue(config, RETRIES, 5),
        Duration.ofMillis(longValue(config, RETRY_BACKOFF_MS, 100)),
        Duration.ofMillis(longValue(config, RETRY_BACKOFF_MAX_MS, 5_000)),
        Duration.ofMillis(longValue(config, LATEST_CACHE_TTL_MS, 60_000)));
  }

  /** The URLs as one comma-separated string, for messages. */
  public String urlList() {
    return urls.stream().map(URI::toString).collect(Collectors.joining(","));
  }

  @Override
  public String toString() {
    return "RegistryClientConfig[urls="
        + urlList()
        + ", basicAuth="
        + (userInfo == null ? "none" : userName())
        + ", tls="
        + (tls == null ? "default" : tls)
        + ", requestTimeout="
        + requestTimeout
        + ", retries="
        + retries
        + "]";
  }

  private String userName() {
    int colon = userInfo.indexOf(':');
    return colon < 0 ? userInfo : userInfo.substring(0, colon);
  }

  private static String userInfo(Map<String, ?> config, List<URI> urls) {
    String info = string(config, USER_INFO);
    if (info == null) {
      info = string(config, USER_INFO_LEGACY);
    }
    String source = string(config, CREDENTIALS_SOURCE);
    if (source == null) {
      source = info != null ? "USER_INFO" : "URL";
    }
    switch (source.trim().toUpperCase(Locale.ROOT)) {
      case "USER_INFO":
        if (info == null || info.isBlank()) {
          throw new ConfigException(
              CREDENTIALS_SOURCE + "=USER_INFO needs " + USER_INFO + " (user:password)");
        }
        return info;
      case "URL":
        return urls.stream().map(URI::getRawUserInfo).filter(Objects::nonNull).findFirst()
            .map(RegistryClientConfig::decodeUserInfo).orElse(null);
      default:
        throw new ConfigException(
            "setting " + CREDENTIALS_SOURCE + " must be USER_INFO or URL, got '" + source + "'");
    }
  }

  private static String decodeUserInfo(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static List<URI> parseUrls(String list) {
    List<URI> urls = new ArrayList<>();
    for (String part : list.split(",")) {
      String u = part.trim();
      if (u.isEmpty()) {
        continue;
      }
      URI uri;
      try {
        uri = new URI(u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
      } catch (URISyntaxException e) {
        throw new ConfigException("setting " + URL + ": not a URL: " + redact(u));
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new ConfigException(
            "setting " + URL + ": expected http(s)://host:port, got " + redact(u));
      }
      urls.add(uri);
    }
    return urls;
  }

  private static URI withoutUserInfo(URI uri) {
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
    } catch (URISyntaxException e) {
      throw new ConfigException("setting " + URL + ": not a URL: " + redact(uri.toString()));
    }
  }

  /** Removes user:password@ from a URL so it can appear in messages. */
  private static String redact(String url) {
    return url.replaceFirst("//[^/@]*@", "//***@");
  }

  static String string(Map<String, ?> config, String key) {
    Object v = config.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Password p) {
      return p.value();
    }
    if (v instanceof Collection<?> c) {
      return c.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    return v.toString();
  }

  private static long longValue(Map<String, ?> config, String key, long fallback) {
    String v = string(config, key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("setting " + key + " must be an integer, got '" + v + "'");
    }
  }

  /** Trust store and key store for HTTPS to the registry; passwords never appear in toString. */
  public record TlsConfig(
      String truststoreLocation,
      String truststorePassword,
      String truststoreType,
      String keystoreLocation,
      String keystorePassword,
      String keystoreType,
      String keyPassword) {

    /** The TLS settings, or null when neither a trust store nor a key store is configured. */
    static TlsConfig fromMap(Map<String, ?> config) {
      String trust = string(config, TRUSTSTORE_LOCATION);
      String key = string(config, KEYSTORE_LOCATION);
      if (blank(trust) && blank(key)) {
        return null;
      }
      return new TlsConfig(
          blank(trust) ? null : trust,
          string(config, TRUSTSTORE_PASSWORD),
          orDefault(string(config, TRUSTSTORE_TYPE), "JKS"),
          blank(key) ? null : key,
          string(config, KEYSTORE_PASSWORD),
          orDefault(string(config, KEYSTORE_TYPE), "JKS"),
          string(config, KEY_PASSWORD));
    }

    @Override
    public String toString() {
      return "TlsConfig[truststore=" + truststoreLocation + " (" + truststoreType + "), keystore="
          + keystoreLocation + " (" + keystoreType + ")]";
    }

    private static boolean blank(String s) {
      return s == null || s.isBlank();
    }

    private static String orDefault(String s, String fallback) {
      return blank(s) ? fallback : s.trim();
    }
  }
}
