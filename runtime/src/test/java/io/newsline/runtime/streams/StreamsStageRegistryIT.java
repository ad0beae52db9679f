package io.newsline.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.newsline.avro.RawArticle;
import io.newsline.common.config.Settings;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.ops.HealthCheck;
import io.newsline.runtime.ops.NewslineMetrics;
import io.newsline.runtime.testing.EmbeddedStack;
import io.newsline.runtime.testing.TopicReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/**
 * A registry that refuses the stage's credentials (HTTP 401) is a failure of the stage, not of the
 * record: on a real broker the stage reports DOWN with the reason, dead-letters nothing, retries,
 * and processes the record once the registry lets it in.
 */
class StreamsStageRegistryIT {
  @Test
  void registryRefusingTheStageIsRetriedWithHealthDownAndNothingDeadLettered() throws Exception {
    AtomicBoolean refusing = new AtomicBoolean(true);
    try (EmbeddedStack stack = EmbeddedStack.start(1)) {
      HttpServer gate = gate(stack.registryUrl(), refusing);
      try {
        Settings s = stack.settings().with(Map.of(
            "schema.registry.url", "http://127.0.0.1:" + gate.getAddress().getPort(),
            "state.dir", stack.newStateDir("stage-registry-it").toString()));
        TopicSerdes serdes = new TopicSerdes(KafkaSettings.clientConfig(stack.settings()));
        Map<String, Object> p = new HashMap<>(KafkaSettings.clientConfig(stack.settings()));
        try (KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(p, new StringSerializer(), serdes.raw().serializer())) {
          producer.send(new ProducerRecord<>(stack.topics().raw(), "a1", article("a1"))).get();
        }
        try (Admin admin = Admin.create(KafkaSettings.clientConfig(stack.settings()))) {
          admin.createTopics(List.of(new NewTopic("titles", 1, (short) 1))).all().get();
        }
        double deadLettersBefore = deadLetters();
        StreamsBuilder b = new StreamsBuilder();
        b.stream(stack.topics().raw(), Consumed.with(Serdes.String(), new TopicSerdes(KafkaSettings.clientConfig(s)).raw()))
            .mapValues(RawArticle::getTitle)
            .to("titles", Produced.with(Serdes.String(), Serdes.String()));
        try (StreamsStage stage = new StreamsStage("registry-it", b.build(), KafkaSettings.streams("registry-it", s)).start()) {
          HealthCheck.Status down = await(stage, HealthCheck.State.DOWN, Duration.ofSeconds(90));
          assertThat(down.detail()).contains("authentication failed");
          refusing.set(false);
          await(stage, HealthCheck.State.UP, Duration.ofSeconds(120));
          assertThat(TopicReader.readUntil(stack.bootstrapServers(), "titles", rs -> !rs.isEmpty(), Duration.ofSeconds(30)))
              .extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("Title a1");
        }
        assertThat(deadLetters()).isEqualTo(deadLettersBefore);
      } finally {
        gate.stop(0);
      }
    }
  }

  private static HealthCheck.Status await(StreamsStage stage, HealthCheck.State state, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HealthCheck.Status last = stage.status();
    while (last.state() != state && System.nanoTime() < deadline) {
      Thread.sleep(200);
      last = stage.status();
    }
    assertThat(last.state()).as("%s within %s, last %s", state, timeout, last).isEqualTo(state);
    return last;
  }

  /** Passes requests on to the registry, or answers 401 while {@code refusing}. */
  private static HttpServer gate(String registry, AtomicBoolean refusing) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      try (ex) {
        byte[] body;
        int status;
        if (refusing.get()) {
          status = 401;
          body = "{\"error_code\":40101,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
        } else {
          byte[] in = ex.getRequestBody().readAllBytes();
          HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(registry + ex.getRequestURI()))
              .method(ex.getRequestMethod(), in.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(in));
          String type = ex.getRequestHeaders().getFirst("Content-Type");
          if (type != null) {
            r.header("Content-Type", type);
          }
          HttpResponse<byte[]> answer = http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
          status = answer.statusCode();
          body = answer.body();
        }
        ex.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        ex.getResponseBody().write(body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
    return server;
  }

  private static RawArticle article(String id) {
    return RawArticle.newBuilder().setId(id).setSourceType("push").setTitle("Title " + id).setText("Text of " + id)
        .setIngestedAt(Instant.parse("2026-12-01T00:00:00Z")).setContentHash("h").setSimhash(0L).build();
  }

  private static double deadLetters() {
    return NewslineMetrics.registry().find("newsline.dead.letters").counters().stream().mapToDouble(c -> c.count()).sum();
  }
}
