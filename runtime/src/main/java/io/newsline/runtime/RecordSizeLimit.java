package io.newsline.runtime;

import java.util.Locale;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Stops a value too large for its topic at serialisation, where it is the record's fault, and not
 * at the producer or the broker: under exactly-once a record the producer or the broker refuses
 * fails the whole transaction, so the task would retry the same input and fail again forever. A
 * serialisation error instead reaches the stage's production error handler, which dead-letters the
 * input record and moves on.
 */
public final class RecordSizeLimit {
  /** Room left under max.message.bytes for the key, headers and the record batch's own overhead. */
  static final int HEADROOM = 64 * 1024;

  private RecordSizeLimit() {}

  /** The largest value a topic with this max.message.bytes takes from a stage. */
  public static int maxValueBytes(int maxMessageBytes) {
    return Math.max(1024, maxMessageBytes - HEADROOM);
  }

  /** The serde with its serializer refusing values above {@code maxValueBytes}. */
  public static <T> Serde<T> limit(Serde<T> inner, int maxValueBytes) {
    return Serdes.serdeFrom(new Limited<>(inner.serializer(), maxValueBytes), inner.deserializer());
  }

  /** A value larger than its topic takes. */
  public static final class TooLargeException extends SerializationException {
    TooLargeException(String message) {
      super(message);
    }
  }

  private record Limited<T>(Serializer<T> inner, int max) implements Serializer<T> {
    @Override
    public byte[] serialize(String topic, T data) {
      return check(topic, inner.serialize(topic, data));
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
      return check(topic, inner.serialize(topic, headers, data));
    }

    private byte[] check(String topic, byte[] bytes) {
      if (bytes != null && bytes.length > max) {
        throw new TooLargeException(String.format(Locale.ROOT,
            "a value of %,d bytes for topic %s exceeds the limit of %,d bytes (topics.max.message.bytes less %d KiB for key and headers)",
            bytes.length, topic, max, HEADROOM / 1024));
      }
      return bytes;
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
