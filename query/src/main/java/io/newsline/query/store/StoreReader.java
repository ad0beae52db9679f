package io.newsline.query.store;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What the API reads from the stores: a timeline's JSON, an article's JSON, an article's event.
 * Each lookup is one key-value get (RocksDB, mostly from its cache).
 */
public final class StoreReader {
  private final Function<String, ReadOnlyKeyValueStore<String, byte[]>> stores;

  /** @param stores the store of each name; throws while the stores are not available (starting) */
  public StoreReader(Function<String, ReadOnlyKeyValueStore<String, byte[]>> stores) {
    this.stores = stores;
  }

  /** The timeline JSON, or null when the event is unknown or removed. */
  public byte[] timeline(String eventId) {
    return StoredEvent.json(stores.apply(QueryTopology.EVENTS_STORE).get(eventId));
  }

  public byte[] article(String articleId) {
    return stores.apply(QueryTopology.ARTICLES_STORE).get(articleId);
  }

  public String eventOfArticle(String articleId) {
    byte[] v = stores.apply(QueryTopology.ASSIGNMENTS_STORE).get(articleId);
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }
}
