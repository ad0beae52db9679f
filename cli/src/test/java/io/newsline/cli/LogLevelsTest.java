package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log levels Newsline.main sets before anything logs: per command, unless the JVM or the environment says otherwise. */
class LogLevelsTest {
  private static final String NEWSLINE = "newsline.log.level";
  private static final String KAFKA = "newsline.kafka.log.level";
  private String newsline;
  private String kafka;

  @BeforeEach
  void clear() {
    assumeTrue(System.getenv("NEWSLINE_LOG_LEVEL") == null && System.getenv("NEWSLINE_KAFKA_LOG_LEVEL") == null,
        "the environment sets the levels");
    newsline = System.clearProperty(NEWSLINE);
    kafka = System.clearProperty(KAFKA);
  }

  @AfterEach
  void restore() {
    System.clearProperty(NEWSLINE);
    System.clearProperty(KAFKA);
    if (newsline != null) {
      System.setProperty(NEWSLINE, newsline);
    }
    if (kafka != null) {
      System.setProperty(KAFKA, kafka);
    }
  }

  @Test
  void servicesLogInfoAndKafkaWarnings() {
    Newsline.setLogLevels(new String[] {"enrich", "--config", "enrich.properties"});
    assertThat(System.getProperty(NEWSLINE)).isEqualTo("info");
    assertThat(System.getProperty(KAFKA)).isEqualTo("warn");
  }

  @Test
  void localKeepsItsConsoleForProgress() {
    Newsline.setLogLevels(new String[] {"local", "--data", "d"});
    assertThat(System.getProperty(NEWSLINE)).isEqualTo("warn");
    assertThat(System.getProperty(KAFKA)).isEqualTo("error");
  }

  @Test
  void aLevelGivenToTheJvmWins() {
    System.setProperty(NEWSLINE, "debug");
    Newsline.setLogLevels(new String[] {"aggregate"});
    assertThat(System.getProperty(NEWSLINE)).isEqualTo("debug");
  }
}
