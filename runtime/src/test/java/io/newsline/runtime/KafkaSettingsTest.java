package io.newsline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.common.config.Settings;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
  private static final Map<String, String> REQUIRED =
      Map.of("bootstrap.servers", "127.0.0.1:9092", "schema.registry.url", "http://127.0.0.1:8081");

  @Test
  void stagesCommitExactlyOnceTransactionsAtTheirOwnDefaultInterval() {
    Properties p = KafkaSettings.streams("enrich", Settings.of(REQUIRED));

    assertThat(p.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(p.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(String.valueOf(KafkaSettings.COMMIT_INTERVAL_MS));
    // the stage's interval, not Streams' own exactly-once default of 100 ms
    assertThat(new StreamsConfig(p).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(KafkaSettings.COMMIT_INTERVAL_MS);
  }

  @Test
  void everyStreamsConfigKafkaMakesOfAStagesPropertiesHasTheGlobalProcessingHandlerOn() {
    // off, StreamsConfig warns at every construction: the stage's own and, per stream thread, the
    // partition assignor's, made of the main consumer's configs
    StreamsConfig stage = new StreamsConfig(KafkaSettings.streams("enrich", Settings.of(REQUIRED)));
    StreamsConfig assignor = new StreamsConfig(stage.getMainConsumerConfigs("newsline-enrich", "client", 0));
    for (StreamsConfig c : new StreamsConfig[] {stage, assignor}) {
      assertThat(c.getBoolean(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG)).isTrue();
    }
  }

  @Test
  void theUsersCommitIntervalWinsInEitherSpelling() {
    Settings plain = Settings.of(REQUIRED).with(Map.of("commit.interval.ms", "100"));
    Settings prefixed = Settings.of(REQUIRED).with(Map.of("streams.commit.interval.ms", "2000"));

    assertThat(new StreamsConfig(KafkaSettings.streams("aggregate", plain)).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
        .isEqualTo(100L);
    assertThat(new StreamsConfig(KafkaSettings.streams("aggregate", prefixed)).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
        .isEqualTo(2000L);
  }

  @Test
  void stagesProduceInBatchesLargerThanAnEventStateUnlessTheUserSaysOtherwise() {
    Properties defaults = KafkaSettings.streams("aggregate", Settings.of(REQUIRED));
    assertThat(new StreamsConfig(defaults).getProducerConfigs("client").get(ProducerConfig.BATCH_SIZE_CONFIG))
        .isEqualTo(String.valueOf(KafkaSettings.PRODUCER_BATCH_BYTES));
    Properties own = KafkaSettings.streams("aggregate", Settings.of(REQUIRED).with(Map.of("producer.batch.size", "16384")));
    assertThat(new StreamsConfig(own).getProducerConfigs("client").get(ProducerConfig.BATCH_SIZE_CONFIG)).isEqualTo("16384");
  }

  @Test
  void enrichRunsAThreadPerCoreUpToThePartitionsAndTheOthersOne() {
    int cores = Runtime.getRuntime().availableProcessors();
    Settings defaults = Settings.of(REQUIRED);
    assertThat(threads("enrich", defaults)).isEqualTo(Math.min(cores, 3));
    assertThat(threads("enrich", defaults.with(Map.of("topics.partitions", "1")))).isEqualTo(1);
    assertThat(threads("aggregate", defaults)).isEqualTo(1);
  }

  @Test
  void theUsersThreadsWinAndAStageSettingWinsOverTheCommonOne() {
    Settings common = Settings.of(REQUIRED).with(Map.of("num.stream.threads", "2"));
    assertThat(threads("enrich", common)).isEqualTo(2);
    assertThat(threads("aggregate", common)).isEqualTo(2);
    Settings perStage = common.with(Map.of("enrich.num.stream.threads", "1"));
    assertThat(threads("enrich", perStage)).isEqualTo(1);
    assertThat(threads("aggregate", perStage)).isEqualTo(2);
  }

  private static int threads(String stage, Settings s) {
    return new StreamsConfig(KafkaSettings.streams(stage, s)).getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
  }
}
