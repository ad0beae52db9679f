package io.newsline.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.common.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class RegistryClientConfigTest {

  @Test
  void readsConfluentKeysAndIgnoresOthers() {
    RegistryClientConfig config = RegistryClientConfig.fromMap(Map.of(
        "schema.registry.url", "http://a:8081/, https://b:8082",
        "basic.auth.credentials.source", "USER_INFO",
        "basic.auth.user.info", "alice:s3cret",
        "schema.registry.retries", 2,
        "schema.registry.request.timeout.ms", "1500",
        "schema.registry.ssl.truststore.password", new Password("changeit"),
        "schema.registry.ssl.truststore.location", "/tmp/trust.jks",
        "bootstrap.servers", "kafka:9092"));

    assertThat(config.urls()).containsExactly(URI.create("http://a:8081"), URI.create("https://b:8082"));
    assertThat(config.userInfo()).isEqualTo("alice:s3cret");
    assertThat(config.retries()).isEqualTo(2);
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.backoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.backoffMax()).isEqualTo(Duration.ofMillis(5000));
    assertThat(config.tls().truststorePassword()).isEqualTo("changeit");
    assertThat(config.tls().truststoreType()).isEqualTo("JKS");
    assertThat(config.toString()).contains("alice").doesNotContain("s3cret").doesNotContain("changeit");
  }

  @Test
  void credentialsCanComeFromTheUrlAndAreRemovedFromIt() {
    RegistryClientConfig config = RegistryClientConfig.fromMap(Map.of(
        "schema.registry.url", List.of("http://bob:p%40ss@reg:8081"),
        "basic.auth.credentials.source", "URL"));

    assertThat(config.userInfo()).isEqualTo("bob:p@ss");
    assertThat(config.urls()).containsExactly(URI.create("http://reg:8081"));
    assertThat(config.urlList()).isEqualTo("http://reg:8081");
  }

  @Test
  void reportsMissingOrMalformedSettingsByKey() {
    assertThatThrownBy(() -> RegistryClientConfig.fromMap(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> RegistryClientConfig.fromMap(Map.of(
        "schema.registry.url", "http://a:1", "basic.auth.credentials.source", "USER_INFO")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info");
    assertThatThrownBy(() -> RegistryClientConfig.fromMap(Map.of("schema.registry.url", "ftp://x:p@a:1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http(s)").hasMessageNotContaining(":p@");
    assertThatThrownBy(() -> RegistryClientConfig.fromMap(Map.of(
        "schema.registry.url", "http://a:1", "schema.registry.retries", "many")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.retries");
  }

  @Test
  void equalSettingsMakeEqualConfigs() {
    Map<String, Object> settings = Map.of("schema.registry.url", "http://a:1", "acks", "all");

    assertThat(RegistryClientConfig.fromMap(settings)).isEqualTo(RegistryClientConfig.of("http://a:1"));
  }
}
