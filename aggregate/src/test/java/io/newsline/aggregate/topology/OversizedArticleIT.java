package io.newsline.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.avro.EnrichedArticle;
import io.newsline.common.config.Settings;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.Topics;
import io.newsline.runtime.ops.HealthCheck;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.streams.StreamsStage;
import io.newsline.runtime.testing.EmbeddedStack;
import io.newsline.runtime.testing.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * An enriched article of a few MiB is a legal record of the enriched topic (8 MiB); the aggregate
 * stage must pass it through its internal topics (repartition, changelogs) too instead of losing
 * its stream thread to the broker's 1 MiB default again and again.
 */
class OversizedArticleIT {
  @Test
  void anArticleTheEnrichedTopicTakesPassesTheInternalTopicsToo() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.start(1)) {
      Settings s = stack.settings().with(Map.of("state.dir", stack.newStateDir("oversized-it").toString(),
          "aggregate.reorder.grace", "0s", "aggregate.embed.missing", "false"));
      TopicSerdes serdes = TopicSerdes.from(s);
      Map<String, Object> p = new HashMap<>(KafkaSettings.clientConfig(s));
      p.put("max.request.size", Topics.maxMessageBytes(s));
      try (KafkaProducer<String, EnrichedArticle> producer = new KafkaProducer<>(p, new StringSerializer(), serdes.enriched().serializer())) {
        producer.send(new ProducerRecord<>(stack.topics().enriched(), "big",
            article("big", "Ministers agree budget after all-night talks", randomWords(3_000_000)))).get();
        producer.send(new ProducerRecord<>(stack.topics().enriched(), "small",
            article("small", "Volcano erupts near Reykjavik", "Flights were grounded across Iceland."))).get();
      }
      try (StreamsStage stage = new StreamsStage("aggregate", AggregateTopology.build(new Topics(s), ClusterSettings.defaults(),
          AggregateSettings.from(s), serdes.enriched(), serdes.assignments(), serdes.events()), KafkaSettings.streams("aggregate", s)).start()) {
        Map<String, byte[]> assigned = TopicReader.latestByKey(TopicReader.readUntil(stack.bootstrapServers(), stack.topics().assignments(),
            rs -> TopicReader.latestByKey(rs).keySet().containsAll(List.of("big", "small")), Duration.ofSeconds(90)));
        assertThat(assigned).containsKeys("big", "small");
        assertThat(stage.status().state()).isEqualTo(HealthCheck.State.UP);
      }
    }
  }

  /** Text that compression cannot shrink below the broker's 1 MiB default. */
  private static String randomWords(int chars) {
    java.util.Random r = new java.util.Random(9);
    StringBuilder sb = new StringBuilder(chars + 16);
    while (sb.length() < chars) {
      for (int i = 3 + r.nextInt(8); i > 0; i--) {
        sb.append((char) ('a' + r.nextInt(26)));
      }
      sb.append(' ');
    }
    return sb.toString();
  }

  private static EnrichedArticle article(String id, String title, String text) {
    Instant t = Instant.parse("2026-12-01T00:00:00Z");
    return EnrichedArticle.newBuilder()
        .setId(id).setUrl(null).setCanonicalUrl(null).setOutlet("outlet-" + id).setTitle(title).setText(text)
        .setLanguage("en").setPublishedAt(t).setIngestedAt(t).setDuplicateOf(null)
        .setEntities(List.of()).setQuotes(List.of()).setEnricher("test").setEmbedding(null).build();
  }
}
