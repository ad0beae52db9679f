package io.newsline.query.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsline.common.Json;
import io.newsline.runtime.AvroJson;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What the API reads from the stores, as JSON: a timeline (the timelines.jsonl form), an article
 * (the enriched.jsonl form with the article's metadata), an article's event. Each is one key-value
 * get (RocksDB, mostly from its cache) and the stored record written as JSON.
 */
public final class StoreReader {
  private final Function<String, ReadOnlyKeyValueStore<String, byte[]>> stores;
  private final QueryTopology.Deserializers deserializers;

  /** @param stores the store of each name; throws while the stores are not available (starting) */
  public StoreReader(Function<String, ReadOnlyKeyValueStore<String, byte[]>> stores, QueryTopology.Deserializers deserializers) {
    this.stores = stores;
    this.deserializers = deserializers;
  }

  /** The timeline JSON, or null when the event is unknown or removed. */
  public byte[] timeline(String eventId) {
    byte[] v = StoredEvent.value(stores.apply(QueryTopology.EVENTS_STORE).get(eventId));
    return v == null ? null : json(AvroJson.of(decode(deserializers.events(), QueryTopology.EVENTS_STORE, v)));
  }

  /** The article JSON without the sentence embedding (it is for machines, and a third of the bytes); null when unknown. */
  public byte[] article(String articleId) {
    byte[] v = stores.apply(QueryTopology.ARTICLES_STORE).get(articleId);
    if (v == null) {
      return null;
    }
    ObjectNode json = AvroJson.of(decode(deserializers.articles(), QueryTopology.ARTICLES_STORE, v));
    json.remove("embedding");
    return json(json);
  }

  public String eventOfArticle(String articleId) {
    byte[] v = stores.apply(QueryTopology.ASSIGNMENTS_STORE).get(articleId);
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  private static <T> T decode(Deserializer<T> d, String store, byte[] value) {
    return d.deserialize(store, value); // decoded once already when stored: the schema is in the client's cache
  }

  private static byte[] json(ObjectNode node) {
    try {
      return Json.mapper().writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
