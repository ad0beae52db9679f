package io.newsline.ingest;

import io.newsline.avro.DeadLetter;
import io.newsline.avro.RawArticle;
import io.newsline.common.Hashing;
import io.newsline.common.PublicationTime;
import io.newsline.common.config.Settings;
import io.newsline.common.kafka.CompactedTopicReader;
import io.newsline.ingest.clean.TextCleaner;
import io.newsline.ingest.dedup.Deduplicator;
import io.newsline.registry.RegistryFailureException;
import io.newsline.registry.serde.AvroSerde;
import io.newsline.runtime.Topics;
import io.newsline.runtime.deadletter.DeadLetters;
import io.newsline.runtime.ops.HealthCheck;
import io.newsline.runtime.ops.NewslineMetrics;
import io.newsline.runtime.KafkaSettings;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes incoming articles to the raw topic, exactly once: each {@link IngestTransaction} is one Kafka transaction
 * holding the raw articles and the dead letters for inputs that were rejected. The duplicate index
 * (and what was last published under each id, so an unchanged repeated delivery is not published
 * again) is rebuilt from the (compacted) raw topic at start-up, so restarts keep deduplicating.
 *
 * <p>The transactional id is stable ({@link #transactionalId}): a restarted ingest fences the one
 * before it and settles its open transaction at once, before reading what is committed. When a
 * transaction fails the service follows Kafka's rules: a timed-out commit is retried (never
 * aborted); an abortable error aborts; a fatal one (fenced, an epoch bumped by a transaction
 * timeout, a commit that kept timing out) closes the producer. The service then reports DOWN with
 * the reason and recovers as a restart would, with a new producer and its state read again from
 * the topic, on the next transaction or after a pause, whichever comes first; the failed transaction's caller
 * gets the error and may retry it. Single writer per transactional id; thread-safe.
 */
public final class IngestService implements ArticleSink, HealthCheck, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  /** Attempts of a commit that times out before the producer is given up (Kafka allows only retrying it). */
  static final int COMMIT_ATTEMPTS = 3;
  private static final Duration MAX_RECOVERY_PAUSE = Duration.ofMinutes(1);

  private final Topics topics;
  private final Map<String, Object> client;
  private final Map<String, Object> producerConfig;
  private final Serializer<RawArticle> rawSerializer;
  private final StringSerializer keys = new StringSerializer();
  private final DeadLetters deadLetters;
  private final Supplier<Instant> clock;
  private final Counter published = NewslineMetrics.records("ingest", "published");
  private final Counter duplicates = NewslineMetrics.records("ingest", "duplicate");
  private final Counter rejected = NewslineMetrics.records("ingest", "rejected");
  private final Counter unchanged = NewslineMetrics.records("ingest", "unchanged");
  private final java.util.concurrent.atomic.AtomicLong publishedCount = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong deadLetterCount = new java.util.concurrent.atomic.AtomicLong();
  private final int dedupCapacity;
  private final Duration futureSkew;
  private final ScheduledExecutorService recovery = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "ingest-recovery");
    t.setDaemon(true);
    return t;
  });
  private volatile ArticleNormalizer normalizer;
  /** Null while broken: the next transaction (or the recovery thread) makes a new one. */
  private KafkaProducer<byte[], byte[]> producer;
  private volatile boolean ready;
  private volatile boolean closed;
  /** Why publishing is down, or null. */
  private volatile String broken;
  private int recoveries;

  public IngestService(Settings settings, Supplier<Instant> clock) {
    this(settings, clock, "service");
  }

  /**
   * @param purpose what this ingest is for ("service", or an import of particular files): part of
   *     the default transactional id, so an import does not fence the running service
   */
  public IngestService(Settings settings, Supplier<Instant> clock, String purpose) {
    this.topics = new Topics(settings);
    this.clock = clock;
    this.client = KafkaSettings.clientConfig(settings);
    this.rawSerializer = AvroSerde.of(RawArticle.class, client, false).serializer();
    Serializer<DeadLetter> dlSerializer = AvroSerde.of(DeadLetter.class, client, false).serializer();
    this.deadLetters = new DeadLetters("ingest", topics.deadLetter(), dlSerializer,
        Arrays.stream(IngestError.values()).map(IngestError::label).toList());
    NewslineMetrics.untrustedDatesFromZero("ingest");
    this.dedupCapacity = settings.getInt("ingest.dedup.capacity", Deduplicator.DEFAULT_CAPACITY);
    this.futureSkew = PublicationTime.skew(settings);
    this.producerConfig = producerConfig(client);
    producerConfig.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.maxMessageBytes(settings));
    String id = transactionalId(settings, purpose);
    producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
    LOG.info("ingest transactional.id {}", id);
    // fence the previous instance first: its open transaction is settled before the state is read
    this.producer = newProducer();
    this.normalizer = rebuildState();
    ready = true;
  }

  /**
   * The transactional id: ingest.transactional.id when set, else one derived from the settings
   * that make this ingest what it is (cluster, raw topic, sources, ops port) and its purpose. It is
   * the same after a restart, so the new process fences the old one and aborts (or completes) the
   * transaction it left open at once, rather than leaving read_committed consumers waiting for
   * transaction.timeout.ms. Two ingests that run at once need different ids (different sources or
   * ports give them; otherwise set ingest.transactional.id): each would fence the other.
   */
  public static String transactionalId(Settings s, String purpose) {
    if (s.has("ingest.transactional.id")) {
      return s.get("ingest.transactional.id");
    }
    String identity = String.join("\n", s.get("bootstrap.servers", ""), new Topics(s).raw(), purpose,
        s.get("ingest.feeds", ""), s.get("ingest.feeds.file", ""), s.get("ingest.folder", ""),
        s.get("ingest.push.port", ""), s.get("http.port", ""));
    return "newsline-ingest-" + Hashing.shortId(identity, 16);
  }

  /**
   * The idempotent byte-array producer ingest writes raw articles with, before its transactional
   * id; the import benchmark's baseline sends with the same settings.
   */
  public static Map<String, Object> producerConfig(Map<String, Object> client) {
    Map<String, Object> p = new HashMap<>(client);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    // tunables: the user's settings win
    p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, KafkaSettings.PRODUCER_BATCH_BYTES);
    p.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }

  /** Publishes the articles in one transaction (rejected ones become dead letters in it). */
  public TransactionResult publish(List<IncomingArticle> articles) {
    return publish(IngestTransaction.of(articles));
  }

  /**
   * Publishes it in one Kafka transaction: raw articles, dead letters for the inputs that were
   * rejected (before or during normalisation), and source state records. Every dead letter is
   * counted in newsline_ingest_errors_total under its source type and reason.
   */
  @Override
  public TransactionResult publish(IngestTransaction transaction) {
    return publish(prepare(transaction));
  }

  /** Cleans and fingerprints the transaction's articles, outside the publishing lock. Thread-safe. */
  @Override
  public PreparedTransaction prepare(IngestTransaction transaction) {
    return NormalizedTransaction.prepare(transaction, normalizer);
  }

  @Override
  public synchronized TransactionResult publish(PreparedTransaction prepared) {
    IngestTransaction transaction = prepared.transaction();
    KafkaProducer<byte[], byte[]> p = usableProducer();
    NormalizedTransaction n;
    boolean committing = false;
    try {
      p.beginTransaction();
      n = NormalizedTransaction.link(prepared, normalizer, clock.get());
      List<RawArticle> articles = n.articles();
      // serialising is independent per record (the serde keeps per-thread buffers): use every core
      List<byte[]> values = NormalizedTransaction.map(articles, a -> rawSerializer.serialize(topics.raw(), a));
      for (int i = 0; i < articles.size(); i++) {
        byte[] key = keys.serialize(topics.raw(), articles.get(i).getId());
        p.send(new ProducerRecord<>(topics.raw(), key, values.get(i)));
      }
      for (IngestTransaction.Rejected r : n.deadLetters()) {
        byte[] content = r.content() == null ? null : r.content().getBytes(StandardCharsets.UTF_8);
        p.send(deadLetters.fromInput(r.error(), IngestMetrics.reasonOf(r.error()).label(), r.source(), null, content));
      }
      for (IngestTransaction.StateRecord st : transaction.state()) {
        p.send(new ProducerRecord<>(topics.ingestState(), st.key().getBytes(StandardCharsets.UTF_8), st.value()));
      }
      committing = true;
      commit(p);
    } catch (RuntimeException e) {
      failed(p, e, committing);
      throw e;
    }
    broken = null;
    recoveries = 0;
    n.published(normalizer);
    n.countErrors();
    published.increment(n.articles().size());
    publishedCount.addAndGet(n.articles().size());
    deadLetterCount.addAndGet(n.deadLetters().size());
    duplicates.increment(n.articles().stream().filter(a -> a.getDuplicateOf() != null).count());
    rejected.increment(n.deadLetters().size());
    unchanged.increment(n.result().unchanged());
    return n.result();
  }

  /**
   * Commits, retrying a commit that timed out: Kafka forbids anything else after it (the commit may
   * be completing), and a retry waits for the same outcome.
   */
  private void commit(KafkaProducer<byte[], byte[]> p) {
    for (int attempt = 1; ; attempt++) {
      try {
        p.commitTransaction();
        return;
      } catch (TimeoutException e) {
        if (attempt >= COMMIT_ATTEMPTS) {
          throw e;
        }
        LOG.warn("ingest: commit timed out (attempt {} of {}), retrying it: {}", attempt, COMMIT_ATTEMPTS, e.getMessage());
      }
    }
  }

  /**
   * After a failed transaction: abort when Kafka allows it; otherwise (or when the abort fails) give the
   * producer up, report DOWN and recover.
   */
  private void failed(KafkaProducer<byte[], byte[]> p, RuntimeException e, boolean committing) {
    if (!committing && !fatal(e)) {
      try {
        p.abortTransaction();
        LOG.warn("ingest: transaction aborted: {}", DeadLetters.describe(e));
        if (RegistryFailureException.causes(e)) {
          broken = "schema registry: " + DeadLetters.describe(e);
        }
        return;
      } catch (RuntimeException abortFailed) {
        e.addSuppressed(abortFailed);
      }
    }
    // a commit that failed or kept timing out, a fenced producer, a failed abort: the transaction's
    // outcome is Kafka's to settle, and this producer is done
    broken = (causedBy(e, ProducerFencedException.class, InvalidProducerEpochException.class)
        ? "fenced: another producer took transactional.id " + producerConfig.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG)
            + " (a second ingest with the same settings?) or the transaction outlived transaction.timeout.ms: "
        : "transaction failed: ") + DeadLetters.describe(e);
    LOG.error("ingest: {}; recovering with a new producer", broken);
    discard(p);
    scheduleRecovery();
  }

  /** Errors after which the producer cannot go on (KafkaProducer's documented fatal errors). */
  private static boolean fatal(RuntimeException e) {
    return e instanceof IllegalStateException || causedBy(e, ProducerFencedException.class, InvalidProducerEpochException.class,
        OutOfOrderSequenceException.class, AuthenticationException.class, AuthorizationException.class,
        UnsupportedVersionException.class, InterruptException.class);
  }

  @SafeVarargs
  private static boolean causedBy(Throwable e, Class<? extends Throwable>... types) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The producer, recovering first when the last one was given up; throws while recovery fails. */
  private KafkaProducer<byte[], byte[]> usableProducer() {
    if (closed) {
      throw new IllegalStateException("ingest is closed");
    }
    if (producer == null) {
      recover();
    }
    return producer;
  }

  /** What a restart does: a new producer (fencing the old, settling its transaction) and state read from the topic. */
  private synchronized void recover() {
    if (producer != null || closed) {
      return;
    }
    KafkaProducer<byte[], byte[]> p = null;
    try {
      p = newProducer();
      normalizer = rebuildState();
      producer = p;
      broken = null;
      LOG.info("ingest: recovered, publishing again");
    } catch (RuntimeException e) {
      if (p != null) {
        discard(p);
      }
      broken = "recovering: " + DeadLetters.describe(e);
      scheduleRecovery();
      throw e;
    }
  }

  private void scheduleRecovery() {
    if (closed) {
      return;
    }
    long pause = Math.min(MAX_RECOVERY_PAUSE.toMillis(), 1000L << Math.min(recoveries++, 6));
    try {
      recovery.schedule(() -> {
        try {
          recover();
        } catch (RuntimeException e) {
          LOG.warn("ingest: recovery failed, will retry: {}", DeadLetters.describe(e));
        }
      }, pause, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // closed meanwhile
    }
  }

  /**
   * A producer that has fenced the one before it and settled its transaction; then any transaction
   * of ours still open in our topics is one the coordinator lost track of, and is aborted before
   * the state is read, so that the next commit does not commit it too.
   */
  private KafkaProducer<byte[], byte[]> newProducer() {
    KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producerConfig);
    try {
      p.initTransactions();
      StrandedTransactions.abort(client, (String) producerConfig.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG),
          List.of(topics.raw(), topics.deadLetter(), topics.ingestState()));
    } catch (RuntimeException e) {
      discard(p);
      throw e;
    }
    return p;
  }

  private void discard(KafkaProducer<byte[], byte[]> p) {
    if (p == producer) {
      producer = null;
    }
    try {
      p.close(Duration.ZERO);
    } catch (RuntimeException e) {
      LOG.debug("closing a failed producer: {}", e.toString());
    }
  }

  /** Sends a dead letter for input that failed before it became an article (unreadable file, bad JSON). */
  public void reject(Throwable error, String source, String content) {
    reject(error, "file", source, content);
  }

  public void reject(Throwable error, String sourceType, String source, String content) {
    publish(IngestTransaction.rejection(new IngestTransaction.Rejected(error, sourceType, source, content)));
  }

  /**
   * A normaliser whose duplicate index and record of what was published per id hold what the raw
   * topic holds (committed records only), read from the offsets that can hold the latest
   * ingest.dedup.capacity originals.
   */
  private ArticleNormalizer rebuildState() {
    ArticleNormalizer fresh = new ArticleNormalizer(new TextCleaner(), new Deduplicator(dedupCapacity), futureSkew);
    Deserializer<RawArticle> raw = AvroSerde.of(RawArticle.class, client, false).deserializer();
    long[] n = {0};
    // the index keeps the latest dedupCapacity originals: no partition can hold more of them
    // than its last dedupCapacity offsets, so start there and not at the beginning
    try (CompactedTopicReader reader = CompactedTopicReader.open(client, topics.raw()).fromLast(dedupCapacity)) {
      reader.readToEnd(r -> {
        if (r.value() == null) {
          return;
        }
        try {
          fresh.remember(raw.deserialize(r.topic(), r.value()));
          n[0]++;
        } catch (RuntimeException e) {
          if (RegistryFailureException.causes(e)) {
            throw e; // not the record's fault: an index without it would publish duplicates
          }
          LOG.warn("skipping unreadable raw record {}-{}@{} in the duplicate index: {}", r.topic(), r.partition(), r.offset(),
              DeadLetters.describe(e));
        }
      });
    }
    LOG.info("duplicate index rebuilt from {} raw articles: {} originals (capacity {})", n[0], fresh.indexed(), dedupCapacity);
    return fresh;
  }

  /** Articles this service published (duplicates included), from every source. */
  public long published() {
    return publishedCount.get();
  }

  /** Dead letters this service wrote, from every source. */
  public long deadLetters() {
    return deadLetterCount.get();
  }

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public Status status() {
    String why = broken;
    if (why != null) {
      return Status.down(why);
    }
    return ready ? Status.up("publishing") : Status.starting("rebuilding duplicate index");
  }

  @Override
  public void close() {
    closed = true;
    recovery.shutdownNow();
    synchronized (this) {
      ready = false;
      if (producer != null) {
        producer.close(Duration.ofSeconds(10));
        producer = null;
      }
    }
  }
}
