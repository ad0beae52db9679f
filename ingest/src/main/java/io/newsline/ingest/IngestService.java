package io.newsline.ingest;

import io.newsline.avro.DeadLetter;
import io.newsline.avro.RawArticle;
import io.newsline.common.PublicationTime;
import io.newsline.common.config.Settings;
import io.newsline.common.kafka.CompactedTopicReader;
import io.newsline.ingest.clean.TextCleaner;
import io.newsline.ingest.dedup.Deduplicator;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes incoming articles to the raw topic, exactly once: each {@link IngestTransaction} is one Kafka transaction
 * holding the raw articles and the dead letters for inputs that were rejected. The duplicate index
 * is rebuilt from the (compacted) raw topic at start-up, so restarts keep deduplicating.
 * Single writer per transactional id; thread-safe.
 */
public final class IngestService implements ArticleSink, HealthCheck, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final Topics topics;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Serializer<RawArticle> rawSerializer;
  private final StringSerializer keys = new StringSerializer();
  private final DeadLetters deadLetters;
  private final ArticleNormalizer normalizer;
  private final Supplier<Instant> clock;
  private final Counter published = NewslineMetrics.records("ingest", "published");
  private final Counter duplicates = NewslineMetrics.records("ingest", "duplicate");
  private final Counter rejected = NewslineMetrics.records("ingest", "rejected");
  private final java.util.concurrent.atomic.AtomicLong publishedCount = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong deadLetterCount = new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean ready;
  private final int dedupCapacity;

  public IngestService(Settings settings, Supplier<Instant> clock) {
    this.topics = new Topics(settings);
    this.clock = clock;
    Map<String, Object> client = KafkaSettings.clientConfig(settings);
    this.rawSerializer = AvroSerde.of(RawArticle.class, client, false).serializer();
    Serializer<DeadLetter> dlSerializer = AvroSerde.of(DeadLetter.class, client, false).serializer();
    this.deadLetters = new DeadLetters("ingest", topics.deadLetter(), dlSerializer);
    this.dedupCapacity = settings.getInt("ingest.dedup.capacity", Deduplicator.DEFAULT_CAPACITY);
    this.normalizer = new ArticleNormalizer(new TextCleaner(), new Deduplicator(dedupCapacity), PublicationTime.skew(settings));
    Map<String, Object> p = producerConfig(client);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.get("ingest.transactional.id", "newsline-ingest-" + UUID.randomUUID()));
    this.producer = new KafkaProducer<>(p);
    rebuildDuplicateIndex(client);
    producer.initTransactions();
    ready = true;
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
    // articles are ~5 KB: the 16 KB default batch would hold three; bigger batches cost the broker less per article
    p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
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
    producer.beginTransaction();
    NormalizedTransaction n;
    try {
      n = NormalizedTransaction.link(prepared, normalizer, clock.get());
      List<RawArticle> articles = n.articles();
      // serialising is independent per record (the serde keeps per-thread buffers): use every core
      List<byte[]> values = NormalizedTransaction.map(articles, a -> rawSerializer.serialize(topics.raw(), a));
      for (int i = 0; i < articles.size(); i++) {
        byte[] key = keys.serialize(topics.raw(), articles.get(i).getId());
        producer.send(new ProducerRecord<>(topics.raw(), key, values.get(i)));
      }
      for (IngestTransaction.Rejected r : n.deadLetters()) {
        byte[] content = r.content() == null ? null : r.content().getBytes(StandardCharsets.UTF_8);
        producer.send(deadLetters.fromInput(r.error(), r.source(), null, content));
      }
      for (IngestTransaction.StateRecord st : transaction.state()) {
        producer.send(new ProducerRecord<>(topics.ingestState(), st.key().getBytes(StandardCharsets.UTF_8), st.value()));
      }
      producer.commitTransaction();
    } catch (RuntimeException e) {
      abort(e);
      throw e;
    }
    n.countErrors();
    published.increment(n.articles().size());
    publishedCount.addAndGet(n.articles().size());
    deadLetterCount.addAndGet(n.deadLetters().size());
    duplicates.increment(n.articles().stream().filter(a -> a.getDuplicateOf() != null).count());
    rejected.increment(n.deadLetters().size());
    return n.result();
  }

  /** Sends a dead letter for input that failed before it became an article (unreadable file, bad JSON). */
  public void reject(Throwable error, String source, String content) {
    reject(error, "file", source, content);
  }

  public void reject(Throwable error, String sourceType, String source, String content) {
    publish(IngestTransaction.rejection(new IngestTransaction.Rejected(error, sourceType, source, content)));
  }

  private void abort(RuntimeException cause) {
    try {
      producer.abortTransaction();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private void rebuildDuplicateIndex(Map<String, Object> client) {
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
          normalizer.remember(raw.deserialize(r.topic(), r.value()));
          n[0]++;
        } catch (RuntimeException e) {
          LOG.warn("skipping unreadable raw record {}-{}@{} in the duplicate index: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
      });
    }
    LOG.info("duplicate index rebuilt from {} raw articles: {} originals (capacity {})", n[0], normalizer.indexed(), dedupCapacity);
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
    return ready ? Status.up("publishing") : Status.starting("rebuilding duplicate index");
  }

  @Override
  public synchronized void close() {
    ready = false;
    producer.close(Duration.ofSeconds(10));
  }
}
