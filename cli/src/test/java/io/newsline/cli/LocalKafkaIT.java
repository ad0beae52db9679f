package io.newsline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persistent single-node server: formatted once, records survive a restart, the folder is locked. */
class LocalKafkaIT {
  @Test
  void recordsSurviveARestartOnTheSameLogDirectory(@TempDir Path dir) throws Exception {
    Path logDir = dir.resolve("kafka");
    try (LocalKafka kafka = LocalKafka.start(logDir, 0, Map.of())) {
      assertThat(kafka.formatted()).isTrue();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
      }
      try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
        p.send(new ProducerRecord<>("kept", "k", "first")).get();
      }
    }
    assertThat(logDir.resolve("meta.properties")).exists();

    long started = System.nanoTime();
    try (LocalKafka kafka = LocalKafka.start(logDir, 0, Map.of())) {
      System.out.printf("restart took %.1f s%n", (System.nanoTime() - started) / 1e9);
      assertThat(kafka.formatted()).isFalse();
      assertThat(read(kafka.bootstrapServers(), "kept")).containsExactly("first");
      long closing = System.nanoTime();
      kafka.close();
      System.out.printf("close took %.1f s%n", (System.nanoTime() - closing) / 1e9);
    }
  }

  @Test
  void refusesToFormatAFolderWithOtherFiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "mine", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> LocalKafka.start(dir, 0, Map.of()))
        .hasMessageContaining("holds files but no Kafka data");
    assertThat(dir.resolve("notes.txt")).hasContent("mine");
  }

  @Test
  void aSecondHolderOfTheDataFolderIsRefused(@TempDir Path dir) throws Exception {
    try (DataFolder first = DataFolder.open(dir)) {
      assertThat(first.isNew()).isTrue();
      Process other = new ProcessBuilder(javaExe(), "-cp", System.getProperty("java.class.path"),
          LockProbe.class.getName(), dir.toString()).redirectErrorStream(true).start();
      String out = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(other.waitFor()).as(out).isEqualTo(3);
      assertThat(out).contains("in use by another newsline local (process " + ProcessHandle.current().pid() + ")");
    }
    try (DataFolder again = DataFolder.open(dir)) {
      assertThat(again.dir()).isEqualTo(dir.toAbsolutePath().normalize());
    }
  }

  /** Tries to open the folder from another process: exit 3 with the message when it is locked. */
  static final class LockProbe {
    public static void main(String[] args) throws Exception {
      try (DataFolder f = DataFolder.open(Path.of(args[0]))) {
        System.exit(0);
      } catch (DataFolder.InUseException e) {
        System.out.println(e.getMessage());
        System.exit(3);
      }
    }
  }

  private static String javaExe() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static List<String> read(String bootstrap, String topic) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(Set.of(tp));
      c.seekToBeginning(Set.of(tp));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
