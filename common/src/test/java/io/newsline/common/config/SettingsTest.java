package io.newsline.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @Test
  void environmentOverridesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("stage.properties");
    Files.writeString(file, "bootstrap.servers=file:9092\nschema.registry.url=http://file:8081\n");
    Settings s = Settings.load(file, Map.of("NEWSLINE_BOOTSTRAP_SERVERS", "env:9092", "PATH", "/bin"));
    assertThat(s.get("bootstrap.servers")).isEqualTo("env:9092");
    assertThat(s.get("schema.registry.url")).isEqualTo("http://file:8081");
    assertThat(s.has("path")).isFalse();
  }

  @Test
  void environmentSetsHyphenatedKeys() throws Exception {
    Settings s = Settings.load(null, Map.of("NEWSLINE_INGEST_PUSH_MAX_ARTICLES", "7"));
    assertThat(s.getInt("ingest.push.max-articles", 1000)).isEqualTo(7);
    assertThat(s.has("ingest.push.max-articles")).isTrue();
  }

  @Test
  void typedGettersExplainBadValues() {
    Settings s = Settings.of(Map.of("n", "x", "d", "5m", "b", "yes"));
    assertThat(s.getDuration("d", Duration.ZERO)).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.getBoolean("b", false)).isTrue();
    assertThatThrownBy(() -> s.getInt("n", 1)).isInstanceOf(ConfigException.class).hasMessageContaining("n must be an integer");
    assertThatThrownBy(() -> s.require("bootstrap.servers")).hasMessageContaining("NEWSLINE_BOOTSTRAP_SERVERS");
  }

  @Test
  void durationsAcceptUnitsAndIso() {
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("3d")).isEqualTo(Duration.ofDays(3));
    assertThat(Durations.parse("PT2H")).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void prefixedKeysAndDefaults() {
    Settings s = Settings.of(Map.of("producer.linger.ms", "5", "a", "1")).withDefaults(Map.of("a", "0", "b", "2"));
    assertThat(s.withPrefix("producer.")).containsExactly(Map.entry("linger.ms", "5"));
    assertThat(s.get("a")).isEqualTo("1");
    assertThat(s.get("b")).isEqualTo("2");
  }
}
