package io.newsline.query.store;

import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A compacted topic into its store: each value is decoded (a record that cannot be is
 * dead-lettered, not stored) and stored as {@code stored} makes it of the decoded record and the
 * value's bytes; a tombstone deletes the key. Articles keep the value as it came, assignments only
 * their event id.
 */
final class DecodingProcessor<T> extends StoreProcessor {
  private final Deserializer<T> deserializer;
  private final RecordDecoder decoder;
  private final BiFunction<T, byte[], byte[]> stored;

  DecodingProcessor(String store, Deserializer<T> deserializer, RecordDecoder decoder, BiFunction<T, byte[], byte[]> stored) {
    super(store);
    this.deserializer = deserializer;
    this.decoder = decoder;
    this.stored = stored;
  }

  @Override
  protected void apply(String key, byte[] value, String topic, int partition, long offset) {
    if (value == null) {
      store.delete(key);
      return;
    }
    T decoded = decoder.decode(deserializer, topic, partition, offset, bytes(key), value);
    if (decoded != null) {
      store.put(key, stored.apply(decoded, value));
    }
  }
}
