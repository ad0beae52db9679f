package io.newsline.query.store;

import io.newsline.avro.ArticleAssignment;
import org.apache.kafka.common.serialization.Deserializer;

/** newsline.assignments into the assignments store: article id to event id. */
final class AssignmentsProcessor extends StoreProcessor {
  private final Deserializer<ArticleAssignment> deserializer;
  private final RecordDecoder decoder;

  AssignmentsProcessor(Deserializer<ArticleAssignment> deserializer, RecordDecoder decoder) {
    super(QueryTopology.ASSIGNMENTS_STORE);
    this.deserializer = deserializer;
    this.decoder = decoder;
  }

  @Override
  protected void apply(String key, byte[] value, String topic, int partition, long offset) {
    if (value == null) {
      store.delete(key);
      return;
    }
    ArticleAssignment a = decoder.decode(deserializer, topic, partition, offset, bytes(key), value);
    if (a != null) {
      store.put(key, bytes(a.getEventId()));
    }
  }
}
