package io.newsline.aggregate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.aggregate.cluster.Cascade;
import io.newsline.aggregate.cluster.ClusterSettings;
import io.newsline.aggregate.cluster.EmbeddingModels;
import io.newsline.aggregate.cluster.EventState;
import io.newsline.aggregate.cluster.EventStateCodec;
import io.newsline.aggregate.cluster.JoinModel;
import io.newsline.aggregate.testing.SyntheticNews;
import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.EventTimeline;
import io.newsline.common.config.Settings;
import io.newsline.embedding.EmbeddingCodec;
import io.newsline.embedding.SentenceEmbedder;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.Topics;
import io.newsline.runtime.ops.NewslineMetrics;
import io.newsline.runtime.testing.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateTopologyTest {
  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
  private TestRegistry registry;
  private Settings settings;
  private Topics topics;
  private TopicSerdes serdes;
  private TopologyTestDriver driver;

  /** Kafka Streams state of each test, deleted after it (thousands were left in /tmp). */
  @TempDir Path stateDirs;

  @BeforeEach
  void start() throws Exception {
    registry = new TestRegistry();
    settings = Settings.of(Map.of("bootstrap.servers", "unused:9092", "schema.registry.url", registry.url(),
        "state.dir", Files.createTempDirectory(stateDirs, "aggregate-ttd").toString()));
    topics = new Topics(settings);
    serdes = new TopicSerdes(KafkaSettings.clientConfig(settings));
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.close();
    }
    registry.close();
  }

  private void open(ClusterSettings cluster, AggregateSettings topology) {
    Properties p = KafkaSettings.streams("aggregate", settings);
    driver = new TopologyTestDriver(AggregateTopology.build(topics, cluster, topology, serdes.enriched(),
        serdes.assignments(), serdes.events()), p, T0);
  }

  /**
   * Records carry the time they were written, after the article times of these tests (as ingest
   * writes them); aggregate does not trust an ingestion time later than that.
   */
  private TestInputTopic<String, EnrichedArticle> input() {
    return driver.createInputTopic(topics.enriched(), new StringSerializer(), serdes.enriched().serializer(),
        T0.plus(Duration.ofDays(365)), Duration.ZERO);
  }

  private Map<String, String> assignments() {
    TestOutputTopic<String, ArticleAssignment> out =
        driver.createOutputTopic(topics.assignments(), new StringDeserializer(), serdes.assignments().deserializer());
    Map<String, String> latest = new TreeMap<>();
    for (TestRecord<String, ArticleAssignment> r : out.readRecordsToList()) {
      assertThat(r.key()).isEqualTo(r.value().getArticleId());
      latest.put(r.key(), r.value().getEventId());
    }
    return latest;
  }

  private Map<String, EventTimeline> events() {
    TestOutputTopic<String, EventTimeline> out =
        driver.createOutputTopic(topics.events(), new StringDeserializer(), serdes.events().deserializer());
    Map<String, EventTimeline> latest = new TreeMap<>();
    for (TestRecord<String, EventTimeline> r : out.readRecordsToList()) {
      latest.put(r.key(), r.value());
    }
    return latest;
  }

  private static List<EnrichedArticle> synthetic(int n) {
    return new SyntheticNews(7, 5000, 400, 32).articles(n, n / 5, T0, Duration.ofDays(4), Duration.ofDays(1));
  }

  /**
   * TopologyTestDriver gives every topic, the repartition topic included, a single partition; the
   * split over several partitions and instances is tested on a real cluster (AggregateScalingIT).
   */
  @Test
  void publishesWhatTheClustererComputes() {
    ClusterSettings cluster = ClusterSettings.defaults();
    AggregateSettings topology = new AggregateSettings(1, false, Duration.ofSeconds(10), false, 1);
    open(cluster, topology);
    List<EnrichedArticle> articles = synthetic(300);
    double assignedBefore = NewslineMetrics.registry().get("newsline.records").tags("stage", "aggregate", "outcome", "assigned").counter().count();
    articles.forEach(a -> input().pipeInput(a.getId(), a));
    ReferenceClustering expected = new ReferenceClustering(articles, cluster, 1);
    assertThat(assignments()).isEqualTo(expected.assignments);
    assertThat(NewslineMetrics.registry().get("newsline.records").tags("stage", "aggregate", "outcome", "assigned").counter().count())
        .as("newsline_records_total counts every assignment published (merges reassign)").isGreaterThanOrEqualTo(assignedBefore + assignments().size());
    Map<String, EventTimeline> events = events();
    assertThat(events.keySet()).isEqualTo(expected.events.keySet());
    for (String k : events.keySet()) {
      assertThat(String.valueOf(events.get(k))).as(k).isEqualTo(String.valueOf(expected.events.get(k)));
    }
    assertThat(events.values().stream().filter(e -> e != null).count()).isGreaterThan(10);
  }

  /** One input partition delivers its articles in a deterministic order: nothing needs to wait. */
  @Test
  void withOneInputPartitionEachArticleIsClusteredOnArrival() {
    ClusterSettings cluster = ClusterSettings.defaults();
    open(cluster, new AggregateSettings(1, true, Duration.ofSeconds(10), false, 1));
    List<EnrichedArticle> shuffled = new ArrayList<>(synthetic(200));
    Collections.shuffle(shuffled, new Random(3));
    ReferenceClustering expected = new ReferenceClustering(shuffled, cluster, 1);
    for (EnrichedArticle a : shuffled) {
      input().pipeInput(a.getId(), a);
      assertThat(assignments()).containsKey(a.getId());
    }
    assertThat(String.valueOf(events())).isEqualTo(String.valueOf(expected.events));
  }

  /** The release rule itself, with several input partitions, is tested in InputProgressTest and AggregateScalingIT. */
  @Test
  void anInputPartitionThatDeliveredNothingHoldsTheBufferUntilTheIdlePeriod() {
    open(ClusterSettings.defaults(), new AggregateSettings(1, true, Duration.ofMinutes(10), false, 2));
    input().pipeInput("a", article("a", "Volcano erupts near Reykjavik", T0));
    input().pipeInput("b", article("b", "Central bank raises interest rates", T0.plusSeconds(60)));
    driver.advanceWallClockTime(Duration.ofMinutes(9));
    assertThat(assignments()).isEmpty();
    driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertThat(assignments()).containsOnlyKeys("a", "b");
  }

  @Test
  void anAbsorbedEventGetsATombstoneAndItsArticlesAreReassigned() {
    ClusterSettings eager = new ClusterSettings(0.41, 0.27, 0.5, 0.0, 0.0, -1.0, Duration.ofDays(3), Duration.ofDays(2), 1000);
    open(eager, new AggregateSettings(1, true, Duration.ofSeconds(10), false, 1));
    input().pipeInput("x", article("x", "Rapper suspected in Foley beheading", T0));
    input().pipeInput("y", article("y", "Abdel Bary named in journalist killing", T0.plusSeconds(60)));
    input().pipeInput("z", article("z", "Rapper Abdel Bary suspected in Foley beheading journalist killing", T0.plusSeconds(120)));
    Map<String, String> assigned = assignments();
    assertThat(assigned.get("y")).isEqualTo(assigned.get("x")).isEqualTo(assigned.get("z"));
    Map<String, EventTimeline> events = events();
    assertThat(events).hasSize(2);
    String survivor = assigned.get("x");
    String absorbed = events.keySet().stream().filter(k -> !k.equals(survivor)).findFirst().orElseThrow();
    assertThat(events.get(absorbed)).isNull();
    assertThat(events.get(survivor).getMergedFrom()).containsExactly(absorbed);
    assertThat(events.get(survivor).getArticleCount()).isEqualTo(3);
    // every assignment names the article, so a reader lists an event's articles from this topic alone
    TestOutputTopic<String, ArticleAssignment> out =
        driver.createOutputTopic(topics.assignments(), new StringDeserializer(), serdes.assignments().deserializer());
    assertThat(out.readValuesToList()).isEmpty(); // read above
    input().pipeInput("w", article("w", "Rapper suspected in Foley beheading, police say", T0.plusSeconds(180)));
    ArticleAssignment w = out.readValuesToList().get(0);
    assertThat(w.getTitle()).isEqualTo("Rapper suspected in Foley beheading, police say");
    assertThat(w.getOutlet()).isEqualTo("outlet-w");
  }

  @Test
  void aFarFutureDateMovesNoClockAndIsClusteredAtItsIngestionTime() {
    open(ClusterSettings.defaults(), new AggregateSettings(1, true, Duration.ofMinutes(10), false, 2));
    // written by an earlier ingest or another producer: published_at in the year 3000
    EnrichedArticle odd = EnrichedArticle.newBuilder(article("odd", "Volcano erupts near Reykjavik, flights grounded", T0))
        .setPublishedAt(Instant.parse("3000-01-01T00:00:00Z")).build();
    input().pipeInput("odd", odd);
    for (int i = 0; i < 4; i++) {
      input().pipeInput("same-" + i, article("same-" + i,
          "Putin rejects compromise at Moscow talks with US envoys on Ukraine peace plan " + i, T0.plus(Duration.ofMinutes(10L * i))));
    }
    driver.advanceWallClockTime(Duration.ofMinutes(11));

    Map<String, String> assigned = assignments();
    assertThat(assigned).containsOnlyKeys("odd", "same-0", "same-1", "same-2", "same-3");
    assertThat(Set.copyOf(List.of(assigned.get("same-0"), assigned.get("same-1"), assigned.get("same-2"), assigned.get("same-3"))))
        .hasSize(1);
    assertThat(assigned.get("odd")).isNotEqualTo(assigned.get("same-0"));
    Map<String, EventTimeline> events = events();
    EventTimeline four = events.get(assigned.get("same-0"));
    assertThat(four.getArticleCount()).isEqualTo(4);
    assertThat(four.getStatus()).isEqualTo("active");
    assertThat(events.get(assigned.get("odd")).getFirstSeen()).isEqualTo(T0);
    // nothing persisted keeps the year 3000: the reorder buffer's progress is the latest trusted time
    KeyValueStore<String, byte[]> buffer = driver.getKeyValueStore(ClusteringProcessor.BUFFER);
    assertThat(Long.parseLong(new String(buffer.get("~input-0"), StandardCharsets.US_ASCII)))
        .isEqualTo(T0.plus(Duration.ofMinutes(30)).toEpochMilli());
  }

  @Test
  void anIngestionTimeAheadOfTheRecordTimestampIsNotTrustedEither() {
    open(ClusterSettings.defaults(), new AggregateSettings(1, false, Duration.ofSeconds(10), false, 1));
    Instant recordTime = T0.plus(Duration.ofDays(1));
    EnrichedArticle rogue = EnrichedArticle.newBuilder(article("rogue", "Central bank raises interest rates", T0))
        .setPublishedAt(null).setIngestedAt(Instant.parse("3000-01-01T00:00:00Z")).build();
    input().pipeInput("rogue", rogue, recordTime);
    assertThat(events().values().iterator().next().getFirstSeen()).isEqualTo(recordTime);
  }

  /**
   * The embedding cascade's fine vectors embedded ahead by a pool while articles wait in the reorder
   * buffer (aggregate.cascade.threads) publish the same records, byte for byte, as embedded on the
   * clustering thread: the articles arrive from two input partitions in batches, so some wait. Each
   * waiting article is predicted once (a prediction costs about what the decision costs).
   */
  @Test
  void theCascadeEmbeddingAheadInAPoolPublishesTheSameBytesAsInline() throws Exception {
    ClusterSettings cluster = ClusterSettings.defaults()
        // a band that opens some decisions on these articles (the shipped one opens none: the warm-up's leads stay unembedded)
        .withCascade(new Cascade(SyntheticNews::fineStandIn, JoinModel.standard(), 0.3, Cascade.DEFAULT_WARMUP));
    List<EnrichedArticle> articles = synthetic(300);
    List<List<String>> published = new ArrayList<>();
    double prefetched = cascadePrefetch("prefetched");
    double predicted = cascadePrefetch("predicted");
    for (int threads : new int[] {0, 2}) {
      settings = settings.with(Map.of("state.dir", Files.createTempDirectory(stateDirs, "aggregate-ttd").toString()));
      open(cluster, new AggregateSettings(1, true, Duration.ofMinutes(10), false, 2).withCascadeThreads(threads));
      for (int i = 0; i < articles.size(); i += 40) {
        for (EnrichedArticle a : articles.subList(i, Math.min(articles.size(), i + 40))) {
          input().pipeInput(a.getId(), a);
        }
        driver.advanceWallClockTime(Duration.ofMinutes(11)); // the second input partition is quiet: release the batch
        // on a loaded machine a release can outlast its budget and go on in later turns: the driver's clock moves only when told
        releaseTheRest(articles.size());
      }
      assertThat(buffered()).isZero();
      published.add(published());
      driver.close();
      driver = null;
    }
    assertThat(published.get(0)).hasSizeGreaterThan(articles.size());
    assertThat(published.get(1)).isEqualTo(published.get(0));
    assertThat(cascadePrefetch("prefetched") - prefetched).as("articles the pool embedded ahead").isPositive();
    assertThat(cascadePrefetch("predicted") - predicted).as("predictions").isPositive().isLessThanOrEqualTo(articles.size());
  }

  /**
   * A release cut short by the budget (here one article per call) goes on in the punctuator's next
   * turns, each its own transaction, and publishes the same records, byte for byte, as the release
   * in one call (which reads the buffer a chunk at a time): a release of thousands of articles in one transaction outlived
   * transaction.timeout.ms under load, and the restarted task replayed it into the same timeout.
   */
  @Test
  void aReleaseCutShortByTheBudgetGoesOnAndPublishesTheSameBytes() throws Exception {
    List<EnrichedArticle> articles = synthetic(120);
    assertThat(articles).as("a release read in more than one chunk").hasSizeGreaterThan(ClusteringProcessor.RELEASE_CHUNK);
    List<List<String>> published = new ArrayList<>();
    for (Duration budget : List.of(Duration.ofMinutes(5), Duration.ZERO)) {
      settings = settings.with(Map.of("state.dir", Files.createTempDirectory(stateDirs, "aggregate-ttd").toString()));
      open(ClusterSettings.defaults(), new AggregateSettings(1, true, Duration.ofMinutes(10), false, 2).withReleaseBudget(budget));
      for (EnrichedArticle a : articles) {
        input().pipeInput(a.getId(), a);
      }
      driver.advanceWallClockTime(Duration.ofMinutes(11)); // the second input partition is quiet: release them all
      assertThat(buffered()).as("buffered after the first release, budget %s", budget)
          .isEqualTo(budget.isZero() ? articles.size() - 1 : 0);
      releaseTheRest(articles.size());
      assertThat(buffered()).isZero();
      published.add(published());
      driver.close();
      driver = null;
    }
    assertThat(published.get(0)).hasSizeGreaterThan(articles.size());
    assertThat(published.get(1)).isEqualTo(published.get(0));
  }

  /** Gives the punctuator that goes on with a release cut short up to {@code turns} turns, until the buffer is empty. */
  private void releaseTheRest(int turns) {
    for (int turn = 0; turn < turns && buffered() > 0; turn++) {
      driver.advanceWallClockTime(Duration.ofSeconds(1));
    }
  }

  private long buffered() {
    KeyValueStore<String, byte[]> buffer = driver.getKeyValueStore(ClusteringProcessor.BUFFER);
    long n = 0;
    try (var all = buffer.all()) {
      while (all.hasNext()) {
        n += AggregateTopology.isBufferedArticle(all.next().key) ? 1 : 0;
      }
    }
    return n;
  }

  /** Every record on the output topics, in order, as topic, key and value bytes. */
  private List<String> published() {
    List<String> records = new ArrayList<>();
    for (String topic : List.of(topics.assignments(), topics.events())) {
      driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer()).readRecordsToList()
          .forEach(r -> records.add(topic + " " + r.key() + " " + (r.value() == null ? null : HexFormat.of().formatHex(r.value()))));
    }
    return records;
  }

  /**
   * A record enriched with another model's embedding (a replay of enrich's output from before the
   * default changed) is re-embedded with the present model before it is clustered: the event's sum
   * is of the present model, which it names.
   */
  @Test
  void aRecordEnrichedWithAnotherModelIsReEmbeddedBeforeItIsClustered() {
    open(ClusterSettings.defaults().withEmbeddingModels(EmbeddingModels.current()),
        new AggregateSettings(1, false, Duration.ofSeconds(10), true, 1));
    float[] miniLm = new float[384];
    miniLm[0] = 1;
    EnrichedArticle replayed = EnrichedArticle.newBuilder(article("old", "Central bank raises interest rates", T0))
        .setEnricher("newsline-enrich embedding=all-minilm-l6-v2-q/600").setEmbedding(EmbeddingCodec.encode(miniLm)).build();
    input().pipeInput("old", replayed);
    SentenceEmbedder present = SentenceEmbedder.shared();
    KeyValueStore<String, byte[]> states = driver.getKeyValueStore(ClusteringProcessor.STORE);
    try (var all = states.all()) {
      EventState e = EventStateCodec.decode(all.next().value);
      assertThat(e.embeddingModel).isEqualTo(present.version());
      assertThat(e.embedding).containsExactly(EmbeddingCodec.decode(present.encode(replayed.getTitle(), replayed.getText())));
    }
  }

  private static double cascadePrefetch(String outcome) {
    return NewslineMetrics.registry().find("newsline.cascade.prefetch").tag("outcome", outcome).counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
  }

  static EnrichedArticle article(String id, String title, Instant time) {
    return EnrichedArticle.newBuilder()
        .setId(id).setUrl(null).setCanonicalUrl(null).setOutlet("outlet-" + id).setTitle(title).setText(title)
        .setLanguage("en").setPublishedAt(time).setIngestedAt(time).setDuplicateOf(null)
        .setEntities(List.of()).setQuotes(List.of()).setEnricher("test").setEmbedding(null).build();
  }
}
