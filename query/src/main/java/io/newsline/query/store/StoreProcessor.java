package io.newsline.query.store;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one global store in step with its compacted topic: each record (also while the store is
 * restored at start-up) is handed over with its partition and offset. Keys are article or event ids.
 */
abstract class StoreProcessor implements Processor<String, byte[], Void, Void> {
  private final String storeName;
  private ProcessorContext<Void, Void> context;
  protected KeyValueStore<String, byte[]> store;

  StoreProcessor(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    opened();
  }

  /** The store is open with what it held before this run (a persistent store keeps it across restarts). */
  protected void opened() {}

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null) {
      return; // the topics are keyed by id; Kafka Streams does not hand keyless records to global stores either
    }
    RecordMetadata m = context.recordMetadata().orElseThrow();
    apply(record.key(), record.value(), m.topic(), m.partition(), m.offset());
  }

  /** Applies the latest value of {@code key} (null: a tombstone). */
  protected abstract void apply(String key, byte[] value, String topic, int partition, long offset);

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
