package io.newsline.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.avro.EventTimeline;
import io.newsline.bench.TempFolders;
import io.newsline.common.Closer;
import io.newsline.common.Json;
import io.newsline.common.config.Settings;
import io.newsline.embedded.EmbeddedKafka;
import io.newsline.query.QueryApplication;
import io.newsline.query.QueryStage;
import io.newsline.query.model.EventFilter;
import io.newsline.query.testing.HeadlessChromium;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.InMemorySchemaStore;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.TopicAdmin;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.Topics;
import io.newsline.runtime.ops.OpsServer;
import io.newsline.runtime.stage.StageContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Load harness for the query stage (issue 13): 100,000 events in the store, then
 *
 * <ol>
 *   <li>how fast the stage loads them and what they cost: heap after a full GC and resident memory,
 *       each against the same process just before the stage started, and the state folder on disk;
 *   <li>p50/p99 latency of /api/events (plain, filtered, deep pages) and /api/events/{id} (random
 *       generated events and the real sample event), with 4 concurrent clients, against two
 *       baselines in the same run: GET /health on the same server (the HTTP stack alone) and the
 *       index's page() called in process (the work without HTTP);
 *   <li>the delay from a timeline record's commit (a transactional producer's commitTransaction
 *       call) to: a plain read_committed consumer with the stage's fetch settings (the baseline:
 *       Kafka alone), a Server-Sent Events client, and the dashboard open in headless chromium
 *       (the DOM updated).
 * </ol>
 *
 * <p>Run: {@code java -Xmx3g -cp "benchmarks/target/classes:benchmarks/target/lib/*"
 * io.newsline.bench.query.QueryLoad [EVENTS] [REQUESTS] [ROUNDS]} (100000, 2000 per endpoint, 40).
 */
public final class QueryLoad {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private QueryLoad() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
    System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
    TimelineCorpus corpus = TimelineCorpus.fromSamples(42);
    EventTimeline seed = corpus.seed();

    try (EmbeddedKafka kafka = EmbeddedKafka.start(1);
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0)) {
      Path state = TempFolders.create("newsline-bench-query");
      Settings s = Settings.of(Map.of(
          "bootstrap.servers", kafka.bootstrapServers(),
          "schema.registry.url", registry.url(),
          "topics.replication.factor", "1",
          "state.dir", state.toString()));
      Topics topics = new Topics(s);
      try (Admin admin = Admin.create(KafkaSettings.clientConfig(s))) {
        TopicAdmin.ensure(admin, topics.all());
      }
      Serde<EventTimeline> serde = new TopicSerdes(KafkaSettings.clientConfig(s)).events();

      // 1. the events topic: N generated events over the last 30 days, and the real one on top
      long now = System.currentTimeMillis();
      long bytes = 0;
      long t0 = System.nanoTime();
      Random rnd = new Random(7);
      List<String> ids = new ArrayList<>();
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(s, null), new StringSerializer(), new ByteArraySerializer())) {
        for (int i = 0; i < events; i++) {
          String id = String.format(Locale.ROOT, "ev-%012x", i * 2654435761L & 0xffffffffffffL);
          ids.add(id);
          byte[] v = serde.serializer().serialize(topics.events(), corpus.event(id, now - 60_000L - (long) (rnd.nextDouble() * 30 * 86_400_000L)));
          bytes += v.length;
          producer.send(new ProducerRecord<>(topics.events(), id, v));
        }
        seed.setLastUpdated(Instant.ofEpochMilli(now));
        producer.send(new ProducerRecord<>(topics.events(), seed.getEventId(), serde.serializer().serialize(topics.events(), seed)));
        producer.flush();
      }
      byte[] seedBytes = serde.serializer().serialize(topics.events(), seed);
      System.out.printf(Locale.ROOT, "events topic: %,d generated events, %.1f MB of Avro (mean %,d bytes; the real sample event %,d bytes), produced in %.1f s%n",
          events, bytes / 1e6, bytes / events, seedBytes.length, (System.nanoTime() - t0) / 1e9);

      // baseline for the load: a plain consumer reading the topic and decoding every record
      t0 = System.nanoTime();
      int decoded = readAll(s, topics, serde);
      double baselineSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "baseline: a plain consumer reads and decodes the %,d records in %.1f s (%,.0f/s)%n",
          decoded, baselineSeconds, decoded / baselineSeconds);

      // 2. load the query stage; memory against the process just before
      Memory before = Memory.measure();
      t0 = System.nanoTime();
      try (Closer closer = new Closer()) {
        OpsServer http = closer.register(OpsServer.start("127.0.0.1", 0));
        QueryApplication query = new QueryStage().start(new StageContext(s, http, closer));
        while (query.index().size() < events + 1) {
          Thread.sleep(200);
        }
        if (!query.awaitRunning(Duration.ofMinutes(5))) {
          throw new IllegalStateException("the query stage did not reach RUNNING");
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        Memory after = Memory.measure();
        long disk = folderBytes(state);
        System.out.printf(Locale.ROOT, "loaded %,d events in %.1f s (%,.0f events/s)%n", events + 1, loadSeconds, (events + 1) / loadSeconds);
        System.out.printf(Locale.ROOT, "memory for %,d events: heap %+.1f MiB after full GC (%.2f KiB per event), resident %+.1f MiB; state folder %.1f MiB on disk%n",
            events + 1, (after.heap - before.heap) / 1048576.0, (after.heap - before.heap) / 1024.0 / (events + 1),
            (after.rss - before.rss) / 1048576.0, disk / 1048576.0);
        System.out.printf(Locale.ROOT, "per 100,000 events: heap %.0f MiB, resident %.0f MiB, disk %.0f MiB%n",
            (after.heap - before.heap) / 1048576.0 * 100_000 / (events + 1), (after.rss - before.rss) / 1048576.0 * 100_000 / (events + 1),
            disk / 1048576.0 * 100_000 / (events + 1));

        // 3. latency
        String base = http.url();
        String popular = seed.getTopEntities().get(0).getId();
        String rare = "per:entity_" + 12345;
        String deep = deepCursor(base, 50);
        Map<String, IntFunction<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("baseline: GET /health", i -> "/health");
        endpoints.put("/api/events", i -> "/api/events");
        endpoints.put("/api/events?limit=100", i -> "/api/events?limit=100");
        endpoints.put("/api/events?cursor= (page 51)", i -> "/api/events?cursor=" + deep);
        endpoints.put("/api/events?q=" + corpus.searchWord(), i -> "/api/events?q=" + corpus.searchWord());
        endpoints.put("/api/events?q= (rare word)", i -> "/api/events?q=" + (31_337 + i % 7));
        endpoints.put("/api/events?entity= (in 5 % of events)", i -> "/api/events?entity=" + enc(popular));
        endpoints.put("/api/events?entity= (rare)", i -> "/api/events?entity=" + enc(rare));
        endpoints.put("/api/events?outlet=", i -> "/api/events?outlet=" + corpus.outlet(17));
        endpoints.put("/api/events?status=dormant", i -> "/api/events?status=dormant");
        endpoints.put("/api/events?status=active&q=&outlet=", i -> "/api/events?status=active&q=" + corpus.searchWord() + "&outlet=" + corpus.outlet(i % 300));
        endpoints.put("/api/events/{id} (generated)", i -> "/api/events/" + ids.get(Math.floorMod(i * 7919, ids.size())));
        endpoints.put("/api/events/{id} (the real sample event)", i -> "/api/events/" + seed.getEventId());
        endpoints.put("/api/entities/{id} (in 5 % of events)", i -> "/api/entities/" + enc(popular));
        for (int i = 0; i < requests; i++) {
          get(base + endpoints.get("/api/events").apply(i)); // warm-up
          get(base + endpoints.get("/api/events/{id} (generated)").apply(i));
        }
        System.out.printf(Locale.ROOT, "%nlatency, %d requests each, 4 concurrent clients (ms)%n", requests);
        System.out.println("| request | p50 | p99 | max | answer bytes |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        for (var e : endpoints.entrySet()) {
          Stats st = load(base, e.getValue(), requests, 4);
          System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.1f | %,d |%n", e.getKey(), st.p(50), st.p(99), st.max(), st.bytes);
        }
        double[] inProcess = new double[requests];
        for (int i = 0; i < requests; i++) {
          long a = System.nanoTime();
          query.index().page(EventFilter.ALL, null, 20);
          inProcess[i] = (System.nanoTime() - a) / 1e6;
        }
        Arrays.sort(inProcess);
        System.out.printf(Locale.ROOT, "| baseline: index.page() in process, 20 events | %.3f | %.3f | %.2f | |%n",
            inProcess[requests / 2], inProcess[(int) (requests * 0.99)], inProcess[requests - 1]);

        // 4. commit -> consumer, SSE client, browser
        delays(s, topics, serde, seed, base, rounds);
      }
    }
    System.out.printf(Locale.ROOT, "load average at end: %s%n", loadAverage());
  }

  private static void delays(Settings s, Topics topics, Serde<EventTimeline> serde, EventTimeline seed, String base, int rounds)
      throws Exception {
    Map<Long, Long> consumerAt = new ConcurrentHashMap<>();
    Map<Long, Long> sseAt = new ConcurrentHashMap<>();
    long firstVersion = seed.getVersion() + 1;
    Thread consumer = new Thread(() -> consume(s, topics, seed.getEventId(), consumerAt), "bench-consumer");
    consumer.setDaemon(true);
    consumer.start();
    Thread sse = new Thread(() -> follow(base, seed.getEventId(), sseAt), "bench-sse");
    sse.setDaemon(true);
    sse.start();
    HeadlessChromium browser = null;
    if (HeadlessChromium.binary() != null) {
      browser = HeadlessChromium.start(1280, 900);
      browser.open(base + "/");
      browser.waitFor("document.querySelector('[data-event-id=\"" + seed.getEventId() + "\"]') && document.querySelector('#live.on')",
          Duration.ofSeconds(60));
    } else {
      System.out.println("no chromium: the browser delay is not measured");
    }
    Thread.sleep(2000);
    List<Double> commitMs = new ArrayList<>();
    Map<Long, Long> committedAt = new HashMap<>();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(s, "bench-query-delay"), new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      for (int r = 0; r < rounds; r++) {
        long version = firstVersion + r;
        seed.setVersion(version);
        seed.setLastUpdated(Instant.now());
        producer.beginTransaction();
        ProducerRecord<String, byte[]> rec = new ProducerRecord<>(topics.events(), seed.getEventId(), serde.serializer().serialize(topics.events(), seed));
        rec.headers().add("bench.version", Long.toString(version).getBytes(StandardCharsets.UTF_8));
        producer.send(rec);
        producer.flush();
        long c0 = System.nanoTime();
        committedAt.put(version, epochMicros());
        producer.commitTransaction();
        commitMs.add((System.nanoTime() - c0) / 1e6);
        Thread.sleep(250);
      }
    }
    Thread.sleep(3000);
    Map<Long, Long> browserAt = new HashMap<>();
    if (browser != null) {
      for (JsonNode u : browser.eval("window.newsline.liveUpdates.filter(u => u.event_id === '" + seed.getEventId() + "')")) {
        browserAt.putIfAbsent(u.path("version").asLong(), (long) (u.path("at").asDouble() * 1000));
      }
      browser.screenshot(Path.of("target", "query-bench-dashboard.png"));
      browser.close();
    }
    System.out.printf(Locale.ROOT, "%ndelay from commitTransaction() to the update, %d commits 250 ms apart (ms)%n", rounds);
    System.out.println("| reader | received | p50 | p99 | max |");
    System.out.println("| --- | ---: | ---: | ---: | ---: |");
    printDelays("baseline: read_committed consumer", committedAt, consumerAt);
    printDelays("SSE client (/api/stream)", committedAt, sseAt);
    if (browser != null) {
      printDelays("dashboard in chromium (DOM updated)", committedAt, browserAt);
    }
    double[] c = commitMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(Locale.ROOT, "| (commitTransaction() itself) | | %.1f | %.1f | %.1f |%n", c[c.length / 2], c[(int) (c.length * 0.99)], c[c.length - 1]);
  }

  private static int readAll(Settings s, Topics topics, Serde<EventTimeline> serde) {
    Map<String, Object> c = new HashMap<>(KafkaSettings.clientConfig(s));
    c.put("isolation.level", "read_committed");
    int n = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topics.events()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          serde.deserializer().deserialize(r.topic(), r.value());
          n++;
        }
      }
    }
    return n;
  }

  private static void printDelays(String what, Map<Long, Long> committed, Map<Long, Long> received) {
    double[] d = committed.entrySet().stream().filter(e -> received.containsKey(e.getKey()))
        .mapToDouble(e -> (received.get(e.getKey()) - e.getValue()) / 1000.0).sorted().toArray();
    if (d.length == 0) {
      System.out.printf("| %s | 0 of %d | | | |%n", what, committed.size());
      return;
    }
    System.out.printf(Locale.ROOT, "| %s | %d of %d | %.1f | %.1f | %.1f |%n", what, d.length, committed.size(),
        d[d.length / 2], d[Math.min(d.length - 1, (int) (d.length * 0.99))], d[d.length - 1]);
  }

  private static void consume(Settings s, Topics topics, String key, Map<Long, Long> at) {
    Map<String, Object> c = new HashMap<>(KafkaSettings.clientConfig(s));
    c.put("isolation.level", "read_committed");
    c.put("fetch.max.wait.ms", 100); // as the query stage's global consumer
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topics.events()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(parts);
      consumer.seekToEnd(parts);
      while (true) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          var h = r.headers().lastHeader("bench.version");
          if (h != null) {
            at.putIfAbsent(Long.parseLong(new String(h.value(), StandardCharsets.UTF_8)), epochMicros());
          }
        }
      }
    }
  }

  private static void follow(String base, String eventId, Map<Long, Long> at) {
    try {
      HttpResponse<java.io.InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/stream")).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("data: ")) {
            long now = epochMicros();
            JsonNode summary = Json.parse(line.substring(6));
            if (summary.path("event_id").asText().equals(eventId)) {
              at.putIfAbsent(summary.path("version").asLong(), now);
            }
          }
        }
      }
    } catch (Exception e) {
      System.err.println("SSE client: " + e);
    }
  }

  private static long epochMicros() {
    Instant n = Instant.now();
    return n.getEpochSecond() * 1_000_000L + n.getNano() / 1000;
  }

  private static Map<String, Object> producerConfig(Settings s, String transactionalId) {
    Map<String, Object> p = new HashMap<>(KafkaSettings.clientConfig(s));
    p.put("enable.idempotence", true);
    p.put("acks", "all");
    p.put("compression.type", "zstd");
    p.put("linger.ms", 5);
    p.put("max.request.size", 8 << 20);
    if (transactionalId != null) {
      p.put("transactional.id", transactionalId);
    }
    return p;
  }

  private static String deepCursor(String base, int pages) throws Exception {
    String cursor = null;
    for (int i = 0; i < pages; i++) {
      JsonNode page = Json.parse(get(base + "/api/events" + (cursor == null ? "" : "?cursor=" + cursor)).body());
      cursor = page.path("next").asText();
    }
    return cursor;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> get(String url) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r;
  }

  private static Stats load(String base, IntFunction<String> path, int requests, int clients) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    double[] ms = new double[requests];
    long[] bytes = new long[1];
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int first = c;
      futures.add(pool.submit(() -> {
        for (int i = first; i < requests; i += clients) {
          long a = System.nanoTime();
          HttpResponse<String> r = get(base + path.apply(i));
          ms[i] = (System.nanoTime() - a) / 1e6;
          if (i == 0) {
            bytes[0] = r.body().getBytes(StandardCharsets.UTF_8).length;
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    Arrays.sort(ms);
    return new Stats(ms, bytes[0]);
  }

  private record Stats(double[] sorted, long bytes) {
    double p(int percentile) {
      return sorted[Math.min(sorted.length - 1, (int) (sorted.length * percentile / 100.0))];
    }

    double max() {
      return sorted[sorted.length - 1];
    }
  }

  private record Memory(long heap, long rss) {
    static Memory measure() throws InterruptedException {
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(300);
      }
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long rss = 0;
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("VmRSS:")) {
            rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
          }
        }
      } catch (java.io.IOException e) {
        rss = -1;
      }
      return new Memory(heap, rss);
    }
  }

  private static long folderBytes(Path dir) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
