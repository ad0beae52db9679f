package io.newsline.registry.server;

import io.newsline.common.kafka.CompactedTopicReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schemas kept in a compacted Kafka topic (default {@value #DEFAULT_TOPIC}) in Confluent's own
 * record layout (see {@link SchemasTopicFormat}), so a restarted registry on the same topic serves
 * the same ids and versions. The topic is created when missing: one partition, cleanup.policy=compact,
 * replication factor min(3, brokers).
 *
 * <p>Start-up reads the topic to its end to rebuild the state. Every change is produced
 * synchronously (idempotent producer, acks=all) before the call returns, then applied in memory.
 *
 * <p><b>Single writer:</b> the store does not follow the topic after start-up, so only one registry
 * may write to a topic at a time; a second one would not see the first's changes and could give the
 * same id to two schemas.
 */
public final class KafkaSchemaStore implements SchemaStore {
  public static final String DEFAULT_TOPIC = "_schemas";
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String topic;
  private final InMemorySchemaStore state = new InMemorySchemaStore();
  private final KafkaProducer<byte[], byte[]> producer;

  /** @param kafkaConfig client settings (bootstrap.servers and any security settings) */
  public KafkaSchemaStore(Map<String, Object> kafkaConfig, String topic) {
    this.topic = topic == null || topic.isBlank() ? DEFAULT_TOPIC : topic;
    try (Admin admin = Admin.create(with(kafkaConfig, Map.of(
        AdminClientConfig.CLIENT_ID_CONFIG, "schema-registry-admin")))) {
      ensureTopic(admin);
    }
    readToEnd(kafkaConfig);
    this.producer = new KafkaProducer<>(with(kafkaConfig, Map.of(
        ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-store",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
  }

  public String topic() {
    return topic;
  }

  @Override
  public List<String> subjects() {
    return state.subjects();
  }

  @Override
  public List<StoredSchema> versions(String subject) {
    return state.versions(subject);
  }

  @Override
  public List<StoredSchema> versionsWithId(int id) {
    return state.versionsWithId(id);
  }

  @Override
  public Optional<String> schemaById(int id) {
    return state.schemaById(id);
  }

  @Override
  public OptionalInt idOf(String schema) {
    return state.idOf(schema);
  }

  @Override
  public int maxId() {
    return state.maxId();
  }

  @Override
  public Optional<String> compatibility(String subject) {
    return state.compatibility(subject);
  }

  @Override
  public synchronized void put(StoredSchema schema) {
    write(SchemasTopicFormat.schemaKey(schema.subject(), schema.version()), SchemasTopicFormat.schemaValue(schema));
    state.put(schema);
  }

  @Override
  public synchronized void remove(String subject, int version) {
    write(SchemasTopicFormat.schemaKey(subject, version), null);
    state.remove(subject, version);
  }

  @Override
  public synchronized void setCompatibility(String subject, String level) {
    write(SchemasTopicFormat.configKey(subject), SchemasTopicFormat.configValue(level));
    state.setCompatibility(subject, level);
  }

  @Override
  public synchronized void removeCompatibility(String subject) {
    write(SchemasTopicFormat.configKey(subject), null);
    state.removeCompatibility(subject);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  private void write(byte[] key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, 0, key, value)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaStoreException("interrupted while writing to topic " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new SchemaStoreException("cannot write to topic " + topic + ": " + cause, cause);
    }
  }

  private void ensureTopic(Admin admin) {
    try {
      TopicDescription existing = admin.describeTopics(Set.of(topic)).allTopicNames()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
      checkExisting(admin, existing);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
        throw failed("describe", e.getCause());
      }
      create(admin);
    } catch (InterruptedException | TimeoutException e) {
      throw failed("describe", e);
    }
  }

  private void create(Admin admin) {
    try {
      int brokers = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
      short replication = (short) Math.max(1, Math.min(3, brokers));
      NewTopic newTopic = new NewTopic(topic, 1, replication)
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("created schema topic {} (1 partition, replication factor {}, compacted)", topic, replication);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw failed("create", e.getCause());
      }
    } catch (InterruptedException | TimeoutException e) {
      throw failed("create", e);
    }
  }

  /** A schema topic must have one partition (one order of changes) and be compacted (never lose a schema). */
  private void checkExisting(Admin admin, TopicDescription description) throws ExecutionException,
      InterruptedException, TimeoutException {
    if (description.partitions().size() != 1) {
      throw new SchemaStoreException("schema topic " + topic + " has " + description.partitions().size()
          + " partitions; it must have exactly 1", null);
    }
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(Set.of(resource)).all()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(resource);
    String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy)) {
      throw new SchemaStoreException("schema topic " + topic + " has cleanup.policy=" + policy
          + "; it must be compact, or old schemas would be deleted", null);
    }
  }

  private void readToEnd(Map<String, Object> kafkaConfig) {
    int[] records = {0};
    try (CompactedTopicReader reader = CompactedTopicReader.open(
        with(kafkaConfig, Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-loader")), topic)) {
      reader.readToEnd(r -> {
        if (r.key() != null) {
          SchemasTopicFormat.apply(r.key(), r.value(), state);
          records[0]++;
        }
      }, TIMEOUT);
      LOG.info("loaded {} record(s) from schema topic {}: {} subject(s), max id {}",
          records[0], topic, state.subjects().size(), state.maxId());
    } catch (KafkaException e) { // a TimeoutException among them
      throw new SchemaStoreException("cannot read schema topic " + topic + ": " + e.getMessage(), e);
    }
  }

  private SchemaStoreException failed(String action, Throwable cause) {
    return new SchemaStoreException("cannot " + action + " schema topic " + topic + ": " + cause, cause);
  }

  private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> overrides) {
    Map<String, Object> merged = new HashMap<>(base);
    merged.putAll(overrides);
    return merged;
  }
}
