package io.newsline.query;

import io.micrometer.core.instrument.Gauge;
import io.newsline.common.config.Settings;
import io.newsline.query.api.QueryApi;
import io.newsline.query.model.EventIndex;
import io.newsline.query.store.BoundedRocksDb;
import io.newsline.query.store.BrokerEventsTopic;
import io.newsline.query.store.KafkaDeadLetterSink;
import io.newsline.query.store.QueryTopology;
import io.newsline.query.store.RecordDecoder;
import io.newsline.query.store.StoreReader;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.Topics;
import io.newsline.runtime.ops.HealthCheck;
import io.newsline.runtime.ops.NewslineMetrics;
import io.newsline.runtime.ops.OpsServer;
import io.newsline.runtime.stage.Stage;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.streams.StreamsStage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * The running query stage: a Kafka Streams application that materialises newsline.events,
 * newsline.assignments and newsline.articles.enriched into global state stores (every instance
 * holds all of it and answers every request), and the JSON API, live stream and dashboard over
 * them. {@link #create}, then {@link #mount} on the stage's HTTP server, then {@link #start}
 * ({@link QueryStage} does that for the stage contract).
 */
public final class QueryApplication implements HealthCheck, Stage.Running, AutoCloseable {
  public static final String NAME = "query";

  private final EventIndex index = new EventIndex();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final KafkaDeadLetterSink deadLetters;
  private final RecordDecoder decoder;
  private final StreamsStage streams;
  private final BrokerEventsTopic eventsTopic;
  private final QueryApi api;
  private final QuerySettings settings;

  private QueryApplication(Settings s) {
    Topics topics = new Topics(s);
    TopicSerdes serdes = new TopicSerdes(KafkaSettings.clientConfig(s));
    deadLetters = new KafkaDeadLetterSink(KafkaSettings.clientConfig(s), topics.deadLetter(), serdes.deadLetters().serializer());
    decoder = new RecordDecoder(deadLetters, closing::get);
    QueryTopology.Deserializers deserializers = new QueryTopology.Deserializers(
        serdes.events().deserializer(), serdes.enriched().deserializer(), serdes.assignments().deserializer());
    Topology topology = QueryTopology.build(topics, index, deserializers, decoder);
    settings = QuerySettings.from(s);
    streams = new StreamsStage(NAME, topology, streamsConfig(s, settings));
    KafkaStreams ks = streams.streams();
    StoreReader reader = new StoreReader(
        name -> ks.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore())), deserializers);
    eventsTopic = new BrokerEventsTopic(KafkaSettings.clientConfig(s), topics.events(), Duration.ofSeconds(5));
    api = new QueryApi(index, eventsTopic, reader, settings, () -> ks.state() == KafkaStreams.State.RUNNING);
    Gauge.builder("newsline.query.events", index, EventIndex::size).description("Events in the query stage's read model")
        .register(NewslineMetrics.registry());
    Gauge.builder("newsline.query.stream.clients", api.stream(), s2 -> s2.clients()).description("Open live streams (SSE)")
        .register(NewslineMetrics.registry());
  }

  /** Builds the stage from its settings; nothing runs until {@link #start}. */
  public static QueryApplication create(Settings settings) {
    return new QueryApplication(settings);
  }

  /** The topics the stage reads (it writes only dead letters). */
  public static List<String> inputTopics(Settings s) {
    Topics t = new Topics(s);
    return List.of(t.events(), t.assignments(), t.enriched());
  }

  /**
   * Streams properties: no transactions (the stage writes nothing), committed data only, fetches
   * that wait at most 100 ms for new data (the live stream's delay), bounded RocksDB memory.
   */
  static Properties streamsConfig(Settings s, QuerySettings q) {
    Properties p = KafkaSettings.streams(NAME, s);
    if (!s.has("processing.guarantee")) {
      p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    }
    p.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
    // a committed change reaches the live stream within a fetch round trip, not half a second
    p.putIfAbsent(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), "100");
    p.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class.getName());
    p.put(BoundedRocksDb.MEMORY_BYTES, String.valueOf(q.storeMemoryBytes()));
    return p;
  }

  /**
   * Mounts the API (/api/...) and the dashboard (/) on the stage's HTTP server, with the live
   * streams bounded below its connection limits.
   */
  public void mount(OpsServer ops) {
    api.mount(ops::route, settings.streamLimits(ops.maxConnections(), ops.maxConnectionsPerClient()));
  }

  /** Starts the stage; Kafka Streams returns once the global stores have read the topics to their end. */
  public QueryApplication start() {
    streams.start();
    eventsTopic.current(); // learns the topic's id, which positions carry from now on
    return this;
  }

  @Override
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return streams.awaitRunning(timeout);
  }

  /** Live streams (SSE) open now. */
  public int streamClients() {
    return api.stream().clients();
  }

  /** The in-memory read model (tests and benchmarks watch it fill). */
  public EventIndex index() {
    return index;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Status status() {
    Status s = streams.status();
    String outage = decoder.outage();
    if (outage != null && s.state() == State.UP) {
      // still answering from what it has: staleness is no reason to take the instance out of service
      return Status.up("serving stale data, cannot decode new records: " + outage);
    }
    return s;
  }

  @Override
  public void close() {
    closing.set(true);
    streams.close();
    eventsTopic.close();
    deadLetters.close();
  }
}
