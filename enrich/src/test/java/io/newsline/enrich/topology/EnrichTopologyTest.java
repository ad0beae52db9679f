package io.newsline.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.Entity;
import io.newsline.avro.Mention;
import io.newsline.avro.RawArticle;
import io.newsline.common.config.Settings;
import io.newsline.embedding.StaticEmbeddings;
import io.newsline.enrich.ArticleEnricher;
import io.newsline.enrich.EnrichedArticles;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.InMemorySchemaStore;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.Topics;
import io.newsline.runtime.ops.NewslineMetrics;
import io.newsline.runtime.testing.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnrichTopologyTest {
  private TestRegistry registry;
  private TopologyTestDriver driver;
  private Topics topics;
  private TopicSerdes serdes;

  @BeforeEach
  void start() {
    registry = new TestRegistry();
    Settings s = Settings.of(Map.of("bootstrap.servers", "unused:9092", "schema.registry.url", registry.url()));
    topics = new Topics(s);
    serdes = new TopicSerdes(KafkaSettings.clientConfig(s));
    driver = new TopologyTestDriver(
        EnrichTopology.build(topics, serdes.raw(), serdes.enriched(), ArticleEnricher.standard()),
        KafkaSettings.streams("enrich", s));
  }

  @AfterEach
  void stop() {
    driver.close();
    registry.close();
  }

  @Test
  void enrichesArticlesWithEntitiesWhoseOffsetsPointAtTheirText() {
    double enrichedBefore = NewslineMetrics.registry().get("newsline.records").tags("stage", "enrich", "outcome", "enriched").counter().count();
    raw().pipeInput("a1", article("a1", "Putin meets US envoys in Moscow",
        "Russian President Vladimir Putin met Steve Witkoff in Moscow on Tuesday. Putin said talks were useful."));
    EnrichedArticle out = enriched().readValue();
    assertThat(out.getId()).isEqualTo("a1");
    assertThat(out.getEntities()).isNotEmpty();
    for (Entity e : out.getEntities()) {
      for (Mention m : e.getMentions()) {
        String field = m.getField().equals("title") ? out.getTitle() : out.getText();
        assertThat(field.substring(m.getStart(), m.getEnd())).isEqualTo(m.getText());
      }
    }
    assertThat(out.getEnricher()).startsWith("newsline-enrich").contains("embedding=");
    // the default embedding, the cascade: enrich gives the shipped table's vector (aggregate adds MiniLM's where needed)
    assertThat(out.getEmbedding().remaining()).isEqualTo(StaticEmbeddings.bundled().dims());
    assertThat(NewslineMetrics.registry().get("newsline.records").tags("stage", "enrich", "outcome", "enriched").counter().count())
        .isEqualTo(enrichedBefore + 1);
  }

  /** The dead-letter record itself is checked on a real broker (PipelineIT): TopologyTestDriver does not capture it. */
  @Test
  void undecodableRecordIsDeadLetteredAndTheStageContinues() {
    double before = deadLetters();
    double undecodable = deadLetters("undecodable");
    TestInputTopic<String, byte[]> bytes = driver.createInputTopic(topics.raw(), new StringSerializer(), new ByteArraySerializer());
    bytes.pipeInput("bad", "this is not Avro".getBytes(StandardCharsets.UTF_8));
    raw().pipeInput("a2", article("a2", null, "Kyiv said on Monday that talks with Washington continue."));
    assertThat(deadLetters()).isEqualTo(before + 1);
    assertThat(deadLetters("undecodable")).isEqualTo(undecodable + 1);
    assertThat(enriched().readValue().getId()).isEqualTo("a2");
  }

  @Test
  void articleTheEnricherRejectsIsDeadLetteredAndTheStageContinues() {
    double before = deadLetters();
    double rejected = deadLetters("rejected");
    raw().pipeInput("huge", article("huge", null, "word ".repeat(EnrichedArticles.MAX_TEXT_CHARS / 5 + 1)));
    raw().pipeInput("a4", article("a4", null, "Ushakov spoke in Moscow."));
    assertThat(deadLetters()).isEqualTo(before + 1);
    assertThat(deadLetters("rejected")).isEqualTo(rejected + 1);
    assertThat(enriched().readValue().getId()).isEqualTo("a4");
  }

  @Test
  void anOutputLargerThanItsTopicTakesIsDeadLetteredAndTheStageContinues() {
    Settings small = Settings.of(Map.of("bootstrap.servers", "unused:9092", "schema.registry.url", registry.url(),
        "topics.max.message.bytes", "200000"));
    double before = deadLetters();
    double tooLarge = deadLetters("too_large");
    try (TopologyTestDriver stage = new TopologyTestDriver(EnrichTopology.build(topics, TopicSerdes.from(small).raw(),
        TopicSerdes.from(small).enriched(), ArticleEnricher.standard()), KafkaSettings.streams("enrich", small))) {
      TestInputTopic<String, RawArticle> in = stage.createInputTopic(topics.raw(), new StringSerializer(), serdes.raw().serializer());
      // 150 KB of text fits the raw topic; with its entities and mentions the enriched record does not
      in.pipeInput("big", article("big", null, "Putin met Zelensky in Kyiv. ".repeat(5400)));
      in.pipeInput("a6", article("a6", null, "Ushakov spoke in Moscow."));
      assertThat(deadLetters()).isEqualTo(before + 1);
      assertThat(deadLetters("too_large")).isEqualTo(tooLarge + 1);
      assertThat(stage.createOutputTopic(topics.enriched(), new StringDeserializer(), serdes.enriched().deserializer())
          .readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("a6");
    }
  }

  @Test
  void sameInputSameOutputBytes() {
    RawArticle a = article("a3", "Zelensky in Dublin", "Ukrainian President Volodymyr Zelensky spoke in Dublin.");
    raw().pipeInput("a3", a);
    raw().pipeInput("a3", a);
    TestOutputTopic<String, byte[]> out = driver.createOutputTopic(topics.enriched(), new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
    assertThat(out.readValue()).isEqualTo(out.readValue());
  }

  @Test
  void registryRefusingTheStagesCredentialsIsAStageFailureNotABadRecord() {
    try (EmbeddedSchemaRegistry secured = EmbeddedSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0,
        Map.of("writer", "right"))) {
      byte[] value = serdes(secured.url(), "writer:right").raw().serializer().serialize(topics.raw(), article("s1", null, "Kyiv spoke."));
      assertStageFailureWithoutDeadLetter(secured.url(), "writer:wrong", value, "authentication failed");
    }
  }

  @Test
  void unknownSchemaIdOnARegistryThatLostTheTopicsSubjectIsAStageFailure() {
    byte[] value = serdes.raw().serializer().serialize(topics.raw(), article("l1", null, "Kyiv spoke."));
    try (TestRegistry empty = new TestRegistry()) { // the _schemas topic was lost, or the URL points elsewhere
      assertStageFailureWithoutDeadLetter(empty.url(), null, value, "lost");
    }
  }

  @Test
  void unknownSchemaIdOnARegistryThatKnowsTheTopicIsABadRecord() {
    raw().pipeInput("ok", article("ok", null, "Kyiv said on Monday that talks with Washington continue."));
    enriched().readValue();
    double before = deadLetters();
    byte[] corrupt = {0, 0x12, 0x34, 0x56, 0x78, 2, 'x'}; // wire format magic byte, an id this registry never issued
    driver.createInputTopic(topics.raw(), new StringSerializer(), new ByteArraySerializer()).pipeInput("corrupt", corrupt);
    raw().pipeInput("a5", article("a5", null, "Ushakov spoke in Moscow."));
    assertThat(deadLetters()).isEqualTo(before + 1);
    assertThat(enriched().readValue().getId()).isEqualTo("a5");
  }

  /** A stage on {@code registryUrl} fails the record (the task retries) instead of dead-lettering it and moving on. */
  private void assertStageFailureWithoutDeadLetter(String registryUrl, String userInfo, byte[] value, String reason) {
    Map<String, String> config = new java.util.HashMap<>(Map.of("bootstrap.servers", "unused:9092", "schema.registry.url", registryUrl,
        "schema.registry.retries", "0"));
    if (userInfo != null) {
      config.put("basic.auth.credentials.source", "USER_INFO");
      config.put("basic.auth.user.info", userInfo);
    }
    Settings s = Settings.of(config);
    double before = deadLetters();
    try (TopologyTestDriver stage = new TopologyTestDriver(
        EnrichTopology.build(topics, serdes(s).raw(), serdes(s).enriched(), ArticleEnricher.standard()), KafkaSettings.streams("enrich", s))) {
      TestInputTopic<String, byte[]> in = stage.createInputTopic(topics.raw(), new StringSerializer(), new ByteArraySerializer());
      assertThatThrownBy(() -> in.pipeInput("k", value)).hasStackTraceContaining(reason);
    }
    assertThat(deadLetters()).isEqualTo(before);
  }

  private static TopicSerdes serdes(String url, String userInfo) {
    return serdes(Settings.of(Map.of("bootstrap.servers", "unused:9092", "schema.registry.url", url,
        "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", userInfo)));
  }

  private static TopicSerdes serdes(Settings s) {
    return new TopicSerdes(KafkaSettings.clientConfig(s));
  }

  private TestInputTopic<String, RawArticle> raw() {
    return driver.createInputTopic(topics.raw(), new StringSerializer(), serdes.raw().serializer());
  }

  private TestOutputTopic<String, EnrichedArticle> enriched() {
    return driver.createOutputTopic(topics.enriched(), new StringDeserializer(), serdes.enriched().deserializer());
  }

  private static double deadLetters() {
    return NewslineMetrics.registry().find("newsline.dead.letters").tag("stage", "enrich").counters().stream()
        .mapToDouble(c -> c.count()).sum();
  }

  /** Dead letters under one reason label: a short category, not an exception class name. */
  private static double deadLetters(String reason) {
    return NewslineMetrics.registry().find("newsline.dead.letters").tags("stage", "enrich", "reason", reason).counters().stream()
        .mapToDouble(c -> c.count()).sum();
  }

  static RawArticle article(String id, String title, String text) {
    return RawArticle.newBuilder().setId(id).setSourceType("test").setTitle(title).setText(text)
        .setIngestedAt(Instant.parse("2025-12-02T21:30:00Z")).setContentHash("h-" + id).setSimhash(0L).build();
  }
}
