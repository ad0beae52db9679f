package io.newsline.query;

import io.micrometer.core.instrument.Gauge;
import io.newsline.common.config.ConfigException;
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
import io.newsline.query.store.TopicIncarnations;
import io.newsline.common.http.HttpService;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running query stage: a Kafka Streams application that materialises newsline.events,
 * newsline.assignments and newsline.articles.enriched into global state stores (every instance
 * holds all of it and answers every request), and the JSON API, live stream and dashboard over
 * them. {@link #create}, then {@link #mount} on the stage's HTTP server, then {@link #start}
 * ({@link QueryStage} does that for the stage contract).
 *
 * <p>Input topics deleted and recreated under it (a backfill from scratch) are noticed by their
 * topic ids, asked every {@code query.topics.check} and compared with those recorded beside the
 * stores at start: the instance then drops its stores and index and reads the topics again (503 and
 * health STARTING meanwhile; open live streams end, and their clients are told to reload).
 */
public final class QueryApplication implements HealthCheck, Stage.Running, AutoCloseable {
  public static final String NAME = "query";
  private static final Logger LOG = LoggerFactory.getLogger(QueryApplication.class);

  private final EventIndex index = new EventIndex();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final KafkaDeadLetterSink deadLetters;
  private final RecordDecoder decoder;
  private final Admin admin;
  private final BrokerEventsTopic eventsTopic;
  private final TopicIncarnations incarnations;
  private final ScheduledExecutorService topicCheck;
  private final Duration topicCheckInterval;
  private final QueryApi api;
  private final QuerySettings settings;
  /** query.api.host and query.api.port: the API's own server; null port to mount it on the stage's (ops) server. */
  private final String apiHost;
  private final Integer apiPort;
  private HttpService apiServer;
  private final Topics topics;
  private final QueryTopology.Deserializers deserializers;
  private final Properties streamsConfig;
  private volatile StreamsStage streams;
  /** The topic ids the stores are read from; null while the broker could not say. */
  private volatile Map<String, String> readFrom;
  /** Why the stores are being read again, null when they are not. */
  private volatile String rebuilding;
  private volatile boolean rebuildFailed;

  private QueryApplication(Settings s) {
    // settings first: nothing is opened for a stage that cannot start
    apiHost = s.get("query.api.host", "0.0.0.0");
    apiPort = s.has("query.api.port") ? s.getInt("query.api.port", 0) : null;
    if (apiPort != null && apiPort != 0 && s.has("http.port") && apiPort == s.getInt("http.port", 0)) {
      throw new ConfigException("setting query.api.port must differ from http.port (leave it unset to serve the API on http.port)");
    }
    settings = QuerySettings.from(s);
    topics = new Topics(s);
    TopicSerdes serdes = new TopicSerdes(KafkaSettings.clientConfig(s));
    deadLetters = new KafkaDeadLetterSink(KafkaSettings.clientConfig(s), topics.deadLetter(), serdes.deadLetters().serializer());
    decoder = new RecordDecoder(deadLetters, closing::get);
    deserializers = new QueryTopology.Deserializers(
        serdes.events().deserializer(), serdes.enriched().deserializer(), serdes.assignments().deserializer());
    streamsConfig = streamsConfig(s, settings);
    streams = newStreams();
    StoreReader reader = new StoreReader(name -> streams.streams().store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore())), deserializers);
    // one admin client answers both: the events topic's id and ends, and the input topics' ids
    admin = Admin.create(KafkaSettings.clientConfig(s));
    eventsTopic = new BrokerEventsTopic(admin, topics.events(), Duration.ofSeconds(5));
    Path state = Path.of(streamsConfig.getProperty(StreamsConfig.STATE_DIR_CONFIG),
        streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + ".topic-ids");
    incarnations = new TopicIncarnations(admin, inputTopics(s), state, Duration.ofSeconds(5));
    topicCheckInterval = s.getDuration("query.topics.check", Duration.ofSeconds(10));
    topicCheck = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "query-topic-check");
      t.setDaemon(true);
      return t;
    });
    api = new QueryApi(index, eventsTopic, reader, settings, () -> streams.streams().state() == KafkaStreams.State.RUNNING);
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
    // the stores' processors dead-letter a bad record themselves (RecordDecoder) and wait out a
    // registry outage; anything else they throw is the stage's fault and stops the global thread
    // (health DOWN with the reason). The stages' dead-letter handler cannot send dead letters from a
    // global store (Kafka Streams logs and drops them): a record would be skipped with a log line.
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailProcessingExceptionHandler.class.getName());
    // a committed change reaches the live stream within a fetch round trip, not half a second
    p.putIfAbsent(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), "100");
    p.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class.getName());
    p.put(BoundedRocksDb.MEMORY_BYTES, String.valueOf(q.storeMemoryBytes()));
    return p;
  }

  /**
   * Mounts the API (/api/...) and the dashboard (/) on the stage's HTTP server beside health and
   * metrics, or, with {@code query.api.port} set, starts a server of their own there and leaves the
   * stage's server ({@code http.port}) to health, readiness and metrics, as every other stage has it.
   * The live streams are bounded below the connection limits of the server they are on.
   */
  public void mount(OpsServer ops) throws IOException {
    if (apiPort == null) {
      api.mount(ops::route, ops::errorHeader, settings.streamLimits(ops.maxConnections(), ops.maxConnectionsPerClient()));
      return;
    }
    try {
      apiServer = HttpService.builder("query-api", apiHost, apiPort).errorBody((status, message) -> Map.of("error", message)).start();
    } catch (BindException e) {
      BindException named = new BindException("port " + apiPort + " (query.api.port) is in use");
      named.initCause(e);
      throw named;
    }
    api.mount(apiServer::route, apiServer::errorHeader, settings.streamLimits(apiServer.maxConnections(), apiServer.maxConnectionsPerClient()));
    LOG.info("query: API {}/api/events, dashboard {}/", apiServer.baseUrl(), apiServer.baseUrl());
  }

  /** Where the API and the dashboard are served: the stage's own server, or query.api.port's. */
  public String apiUrl(OpsServer ops) {
    return apiServer == null ? ops.url() : apiServer.baseUrl();
  }

  /**
   * Starts the stage; Kafka Streams returns once the global stores have read the topics to their
   * end. Stores read from topics that have been recreated since are dropped first.
   */
  public QueryApplication start() {
    Map<String, String> ids = incarnations.current();
    String recreated = ids == null ? null : TopicIncarnations.recreated(incarnations.recorded(), ids);
    if (recreated != null) {
      LOG.warn("query: {}; dropping the local stores and reading the topics from the beginning", recreated);
      streams.streams().cleanUp();
    }
    startStreams(ids);
    long every = Math.max(1, topicCheckInterval.toMillis());
    topicCheck.scheduleWithFixedDelay(this::checkTopics, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  private StreamsStage newStreams() {
    return new StreamsStage(NAME, QueryTopology.build(topics, index, deserializers, decoder), streamsConfig);
  }

  private void startStreams(Map<String, String> ids) {
    if (ids != null) {
      incarnations.record(ids);
    }
    readFrom = ids;
    streams.start();
    eventsTopic.current(); // learns the topic's id, which positions carry from now on
  }

  /** Reads the topics again when one of them has another id than the stores were read from. */
  private synchronized void checkTopics() {
    Map<String, String> now = incarnations.current();
    if (now == null || closing.get()) {
      return; // the broker cannot say (a topic deleted and not created again yet): ask again later
    }
    Map<String, String> before = readFrom;
    if (before == null) {
      readFrom = now;
      incarnations.record(now);
      return;
    }
    String recreated = TopicIncarnations.recreated(before, now);
    if (recreated != null) {
      rebuild(recreated, now);
    }
  }

  private void rebuild(String why, Map<String, String> ids) {
    LOG.warn("query: {}; dropping the local stores and reading the topics again", why);
    rebuilding = why;
    try {
      streams.close();
      index.clear();
      StreamsStage fresh = newStreams();
      fresh.streams().cleanUp();
      streams = fresh;
      startStreams(ids);
      LOG.info("query: read the recreated topics again: {} events", index.size());
      rebuilding = null;
    } catch (RuntimeException e) {
      rebuildFailed = true;
      LOG.error("query: reading the recreated topics again failed; restart the instance", e);
    }
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
    String why = rebuilding;
    if (why != null) {
      return rebuildFailed ? Status.down(why + "; reading them again failed: restart the instance")
          : Status.starting("reading the topics again: " + why);
    }
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
    if (apiServer != null) {
      apiServer.close();
    }
    topicCheck.shutdownNow();
    streams.close();
    admin.close(Duration.ofSeconds(5));
    deadLetters.close();
  }
}
