package io.newsline.query;

import static io.newsline.query.testing.Timelines.PUTIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.avro.EventTimeline;
import io.newsline.common.config.Settings;
import io.newsline.query.model.EventFilter;
import io.newsline.query.testing.Timelines;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.TopicAdmin;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.ops.HealthCheck;
import io.newsline.runtime.ops.OpsServer;
import io.newsline.runtime.testing.EmbeddedStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * On a real broker: the events topic deleted and recreated (a backfill from scratch) under a
 * running query instance, and while it is stopped with the new topic already past the old offsets.
 * Either way the instance serves the new topic's events only.
 */
class RecreatedTopicsIT {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void anInstanceReadsRecreatedTopicsAgainRunningOrStopped() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.start(1);
        Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      Map<String, String> s = new HashMap<>(stack.settings().asMap());
      s.put("query.topics.check", "500ms");
      Settings settings = Settings.of(s);
      publish(stack, "ev-old1", "ev-old2");
      try (OpsServer ops = OpsServer.start("127.0.0.1", 0); QueryApplication app = start(settings, ops)) {
        await(() -> app.index().size() == 2, "the old events");
        CompletableFuture<HttpResponse<Stream<String>>> stream = client.sendAsync(
            HttpRequest.newBuilder(URI.create(ops.url() + "/api/stream")).build(), HttpResponse.BodyHandlers.ofLines());
        Stream<String> lines = stream.get(10, TimeUnit.SECONDS).body();

        recreate(stack, admin);
        publish(stack, "ev-new");
        await(() -> events(app).equals(Set.of("ev-new")) && app.status().state() == HealthCheck.State.UP,
            "the recreated topic's event alone, health UP");
        assertThat(CompletableFuture.supplyAsync(() -> lines.count()).get(10, TimeUnit.SECONDS))
            .as("the open live stream ended, so its client reconnects and is told to reload").isPositive();
        HttpResponse<String> list = client.send(HttpRequest.newBuilder(URI.create(ops.url() + "/api/events")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("ev-new").doesNotContain("ev-old");
      }

      // stopped: the new topic grows past the offsets the stores were checkpointed at
      recreate(stack, admin);
      publish(stack, "ev-a", "ev-b", "ev-c");
      try (OpsServer ops = OpsServer.start("127.0.0.1", 0); QueryApplication app = start(settings, ops)) {
        assertThat(events(app)).containsExactly("ev-a", "ev-b", "ev-c");
      }
    }
  }

  private static QueryApplication start(Settings settings, OpsServer ops) throws Exception {
    QueryApplication app = QueryApplication.create(settings);
    ops.register(app);
    app.mount(ops);
    app.start();
    assertThat(app.awaitRunning(Duration.ofSeconds(60))).isTrue();
    return app;
  }

  private static Set<String> events(QueryApplication app) {
    Set<String> ids = new TreeSet<>();
    app.index().page(EventFilter.ALL, null, 100).items().forEach(e -> ids.add(e.id()));
    return ids;
  }

  private static void recreate(EmbeddedStack stack, Admin admin) throws Exception {
    String topic = stack.topics().events();
    admin.deleteTopics(List.of(topic)).all().get();
    while (admin.listTopics().names().get().contains(topic)) {
      Thread.sleep(100);
    }
    TopicAdmin.ensureAll(stack.settings());
  }

  /** Timelines into partition 0, so the offsets of a new incarnation overtake the old one's. */
  private static void publish(EmbeddedStack stack, String... ids) throws Exception {
    TopicSerdes serdes = new TopicSerdes(KafkaSettings.clientConfig(stack.settings()));
    String topic = stack.topics().events();
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer())) {
      for (String id : ids) {
        EventTimeline t = Timelines.timeline(id, "Event " + id, 1000, List.of("reuters"), List.of(PUTIN));
        p.send(new ProducerRecord<>(topic, 0, id, serdes.events().serializer().serialize(topic, t))).get();
      }
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
