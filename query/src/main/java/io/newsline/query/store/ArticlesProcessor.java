package io.newsline.query.store;

import io.newsline.avro.EnrichedArticle;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * newsline.articles.enriched into the articles store: the record's value as it came, once it has
 * been decoded (a record that cannot be is dead-lettered, not stored).
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
    if (decoder.decode(deserializer, topic, partition, offset, bytes(key), value) != null) {
      store.put(key, value);
    }
  }
}
