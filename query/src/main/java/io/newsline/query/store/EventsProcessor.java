package io.newsline.query.store;

import io.newsline.avro.EventTimeline;
import io.newsline.query.model.EventIndex;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * newsline.events into the events store (the record's value behind a small header) and into the
 * in-memory {@link EventIndex}. A tombstone leaves a removal marker.
 */
final class EventsProcessor extends StoreProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(EventsProcessor.class);

  private final EventIndex index;
  private final Deserializer<EventTimeline> deserializer;
  private final RecordDecoder decoder;
  private final AtomicBoolean loaded;

  EventsProcessor(EventIndex index, Deserializer<EventTimeline> deserializer, RecordDecoder decoder, AtomicBoolean loaded) {
    super(QueryTopology.EVENTS_STORE);
    this.index = index;
    this.deserializer = deserializer;
    this.decoder = decoder;
    this.loaded = loaded;
  }

  /**
   * Rebuilds the index from what the persistent store kept, once per run: Kafka Streams then hands
   * over only the records after its checkpoint (through a second processor instance while it
   * restores, then this one), and both update the same index.
   */
  @Override
  protected void opened() {
    if (!loaded.compareAndSet(false, true)) {
      return;
    }
    long t0 = System.nanoTime();
    int n = 0;
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        byte[] v = kv.value;
        if (v == null || v.length < StoredEvent.HEADER) {
          continue;
        }
        int partition = StoredEvent.partition(v);
        long offset = StoredEvent.offset(v);
        if (!StoredEvent.isTimeline(v)) {
          index.remove(kv.key, partition, offset);
          continue;
        }
        EventTimeline t = decoder.decode(deserializer, QueryTopology.EVENTS_STORE, partition, offset, bytes(kv.key), StoredEvent.value(v));
        if (t != null) {
          index.put(index.summarize(kv.key, t, partition, offset));
          n++;
        }
      }
    }
    if (n > 0) {
      LOG.info("query: {} events loaded from the local store in {} ms", n, (System.nanoTime() - t0) / 1_000_000);
    }
  }

  @Override
  protected void apply(String key, byte[] value, String topic, int partition, long offset) {
    if (value == null) {
      store.put(key, StoredEvent.removed(partition, offset));
      index.remove(key, partition, offset);
      return;
    }
    EventTimeline t = decoder.decode(deserializer, topic, partition, offset, bytes(key), value);
    if (t == null) {
      return;
    }
    store.put(key, StoredEvent.timeline(partition, offset, value));
    index.put(index.summarize(key, t, partition, offset));
  }
}
