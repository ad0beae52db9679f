package io.newsline.query.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.embedded.EmbeddedKafka;
import io.newsline.query.model.EventsTopic;
import io.newsline.query.model.Position;
import io.newsline.query.model.StalePosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * On a real broker: the events topic's id and end offsets, and the verdict on a client position
 * when the topic is deleted and recreated (`newsline local --fresh` with a dashboard open).
 */
class BrokerEventsTopicIT {
  private static final String TOPIC = "newsline.events";

  @Test
  void aPositionFromBeforeTheTopicWasRecreatedIsStaleAndOneFromNowIsNot() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(1);
        Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      BrokerEventsTopic topic = new BrokerEventsTopic(admin, TOPIC, Duration.ofSeconds(10));
      assertThat(topic.current()).as("no topic yet").isNull();
      create(admin);
      write(kafka, 5);
      EventsTopic.State before = topic.current();
      assertThat(before.endOffsets()).containsExactly(3, 2);
      assertThat(topic.knownId()).isEqualTo(before.id());
      Position old = Position.parse("3.2");
      Position oldWithId = Position.parse("3.2@" + before.id());
      assertThat(StalePosition.reason(old, Position.start(), topic)).as("a lagging instance waits").isNull();
      assertThat(StalePosition.reason(oldWithId, Position.start(), topic)).isNull();

      admin.deleteTopics(List.of(TOPIC)).all().get();
      awaitGone(admin);
      create(admin);
      write(kafka, 2);
      EventsTopic.State after = topic.current();
      assertThat(after.id()).isNotEqualTo(before.id());
      assertThat(after.endOffsets()).containsExactly(1, 1);
      Position now = Position.parse("1.1");
      assertThat(StalePosition.reason(old, now, topic)).contains("beyond the end");
      assertThat(StalePosition.reason(oldWithId, now, topic)).contains("earlier incarnation");
      assertThat(StalePosition.reason(Position.parse("1.0@" + before.id()), now, topic))
          .as("an id from before is void even within the new offsets").contains("earlier incarnation");
      assertThat(StalePosition.reason(Position.parse("1.1"), Position.start(), topic)).isNull();
    }
  }

  private static void create(Admin admin) throws Exception {
    admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
  }

  private static void awaitGone(Admin admin) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (admin.listTopics().names().get().contains(TOPIC) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  /** Records alternately to partitions 0 and 1. */
  private static void write(EmbeddedKafka kafka, int n) throws Exception {
    try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < n; i++) {
        p.send(new ProducerRecord<>(TOPIC, i % 2, "ev-" + i, "v")).get();
      }
    }
  }
}
