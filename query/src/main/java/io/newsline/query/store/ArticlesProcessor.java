package io.newsline.query.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsline.avro.EnrichedArticle;
import io.newsline.common.Json;
import io.newsline.runtime.AvroJson;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * newsline.articles.enriched into the articles store as the JSON enriched.jsonl has (with the
 * article's metadata), without the sentence embedding: it is for machines, and a third of the bytes.
 */
final class ArticlesProcessor extends StoreProcessor {
  private final Deserializer<EnrichedArticle> deserializer;
  private final RecordDecoder decoder;

  ArticlesProcessor(Deserializer<EnrichedArticle> deserializer, RecordDecoder decoder) {
    super(QueryTopology.ARTICLES_STORE);
    this.deserializer = deserializer;
    this.decoder = decoder;
  }

  @Override
  protected void apply(String key, byte[] value, String topic, int partition, long offset) {
    if (value == null) {
      store.delete(key);
      return;
    }
    EnrichedArticle a = decoder.decode(deserializer, topic, partition, offset, bytes(key), value);
    if (a == null) {
      return;
    }
    ObjectNode json = AvroJson.of(a);
    json.remove("embedding");
    try {
      store.put(key, Json.mapper().writeValueAsBytes(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
