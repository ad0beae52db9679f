package io.newsline.aggregate.topology;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Stamps each enriched article with the enriched-topic partition it was read from (a record header
 * that travels through the repartition topic), so that the reorder buffer knows how far every input
 * partition has progressed. Offsets are left out on purpose: a rewritten topic has new ones, and the
 * order must not depend on them.
 */
final class InputPosition<V> implements FixedKeyProcessor<String, V, V> {
  static final String PARTITION = "newsline.input.partition";
  private FixedKeyProcessorContext<String, V> context;

  @Override
  public void init(FixedKeyProcessorContext<String, V> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, V> record) {
    RecordMetadata m = context.recordMetadata().orElse(null);
    if (m == null) {
      context.forward(record);
      return;
    }
    Headers h = new RecordHeaders();
    for (Header x : record.headers()) {
      if (!x.key().equals(PARTITION)) {
        h.add(x);
      }
    }
    h.add(PARTITION, ByteBuffer.allocate(4).putInt(m.partition()).array());
    context.forward(record.withHeaders(h));
  }

  /** The stamped input partition, or -1. */
  static int partition(Headers h) {
    Header x = h.lastHeader(PARTITION);
    return x == null || x.value() == null || x.value().length != 4 ? -1 : ByteBuffer.wrap(x.value()).getInt();
  }
}
