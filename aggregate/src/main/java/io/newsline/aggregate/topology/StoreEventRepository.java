package io.newsline.aggregate.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.newsline.aggregate.cluster.EventRepository;
import io.newsline.aggregate.cluster.EventState;
import io.newsline.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Active events in a Kafka Streams key-value store (JSON values), backed by its changelog topic. */
final class StoreEventRepository implements EventRepository {
  private final KeyValueStore<String, byte[]> store;

  StoreEventRepository(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  @Override
  public EventState get(String eventId) {
    byte[] b = store.get(eventId);
    return b == null ? null : read(b);
  }

  @Override
  public void put(EventState event) {
    try {
      store.put(event.id, Json.mapper().writeValueAsBytes(event));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void remove(String eventId) {
    store.delete(eventId);
  }

  @Override
  public Iterable<EventState> all() {
    List<EventState> out = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        out.add(read(kv.value));
      }
    }
    return out;
  }

  private static EventState read(byte[] b) {
    try {
      return Json.mapper().readValue(b, EventState.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
