package io.newsline.bench.e2e;

import io.newsline.bench.ingest.RawRecords;
import io.newsline.ingest.IngestService;
import io.newsline.runtime.TopicAdmin;
import io.newsline.runtime.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The benchmark's baseline: the broker alone moving the same records. The articles are cleaned and
 * serialised as ingest publishes them beforehand; then, timed, ingest's producer settings send
 * them to a topic of the pipeline's partition count and a read_committed consumer reads them back.
 */
final class BrokerBaseline {
  private static final String TOPIC = "e2e-baseline";

  private BrokerBaseline() {}

  record Result(int records, double meanBytes, double rate, double cpuMsPerRecord) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("records", records);
      m.put("mean_bytes", meanBytes);
      m.put("rate", rate);
      m.put("cpu_ms_per_record", cpuMsPerRecord);
      return m;
    }
  }

  static Result run(String bootstrap, String registry, Path input) throws Exception {
    Map<String, Object> client = Map.of("bootstrap.servers", bootstrap, "schema.registry.url", registry);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      TopicAdmin.ensure(admin, List.of(new TopicSpec(TOPIC, 3, (short) 1, Map.of("cleanup.policy", "compact"))));
    }
    List<byte[][]> records = RawRecords.of(input, client, TOPIC);
    double bytes = records.stream().mapToLong(r -> r[1].length).average().orElse(0);
    Map<String, Object> c = new HashMap<>(client);
    c.put("isolation.level", "read_committed");
    c.put("key.deserializer", ByteArrayDeserializer.class);
    c.put("value.deserializer", ByteArrayDeserializer.class);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(IngestService.producerConfig(client));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
      List<TopicPartition> parts = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      consumer.poll(Duration.ZERO);
      long cpu0 = CpuMeter.processCpu();
      long t0 = System.nanoTime();
      Thread sender = new Thread(() -> {
        for (byte[][] r : records) {
          producer.send(new ProducerRecord<>(TOPIC, r[0], r[1]));
        }
        producer.flush();
      }, "e2e-baseline-producer");
      sender.start();
      int read = 0;
      while (read < records.size()) {
        read += consumer.poll(Duration.ofMillis(100)).count();
        if ((System.nanoTime() - t0) > 300e9) {
          throw new IllegalStateException("baseline: " + read + " of " + records.size() + " records read in 5 minutes");
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      sender.join();
      return new Result(records.size(), bytes, records.size() / seconds, (CpuMeter.processCpu() - cpu0) / 1e6 / records.size());
    }
  }
}
