package io.newsline.runtime.deadletter;

import io.newsline.avro.DeadLetter;
import io.newsline.common.BoundedText;
import io.newsline.runtime.ops.NewslineMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Builds dead-letter records: an Avro {@link DeadLetter} value with the reason and the original
 * bytes, and the same facts as headers so tools can filter without decoding. Every dead letter is
 * counted in newsline_dead_letters_total under its {@link DeadLetterReason}.
 */
public final class DeadLetters {
  public static final String H_STAGE = "newsline.stage";
  public static final String H_ERROR_CLASS = "newsline.error.class";
  public static final String H_ERROR_MESSAGE = "newsline.error.message";
  /** The short category of {@link DeadLetterReason}, also the metric's reason label. */
  public static final String H_REASON = "newsline.error.reason";
  public static final String H_SOURCE = "newsline.source";
  public static final String H_SOURCE_TOPIC = "newsline.source.topic";
  public static final String H_SOURCE_PARTITION = "newsline.source.partition";
  public static final String H_SOURCE_OFFSET = "newsline.source.offset";
  /** Original payloads above this size are truncated: the dead letter must fit in a record. */
  static final int MAX_PAYLOAD = 1 << 20;
  /** Error messages and sources longer than this are cut: a hostile input must not fill the dead letter or its headers. */
  public static final int MAX_TEXT_CHARS = 1000;

  private final String stage;
  private final String topic;
  private final Serializer<DeadLetter> serializer;

  /** Dead letters of a Kafka Streams stage, counted under {@link DeadLetterReason}'s categories. */
  public DeadLetters(String stage, String topic, Serializer<DeadLetter> serializer) {
    this(stage, topic, serializer, DeadLetterReason.ALL);
  }

  /** Dead letters counted under {@code reasons} (ingest's own labels), each from 0. */
  public DeadLetters(String stage, String topic, Serializer<DeadLetter> serializer, Collection<String> reasons) {
    this.stage = stage;
    this.topic = topic;
    this.serializer = serializer;
    NewslineMetrics.deadLettersFromZero(stage, reasons);
  }

  public String topic() {
    return topic;
  }

  /** A dead letter for a record that came from Kafka. */
  public ProducerRecord<byte[], byte[]> fromRecord(
      Throwable error, String sourceTopic, int partition, long offset, byte[] key, byte[] value) {
    return build(error, DeadLetterReason.of(error), null, sourceTopic, partition, offset, key, value);
  }

  /**
   * A dead letter for input that did not come from Kafka (a feed item, a file line, a push request),
   * counted under the source's own short reason (a metric label, e.g. bad_json).
   */
  public ProducerRecord<byte[], byte[]> fromInput(Throwable error, String reason, String source, byte[] key, byte[] value) {
    return build(error, reason, source, null, null, null, key, value);
  }

  private ProducerRecord<byte[], byte[]> build(
      Throwable error, String reason, String unboundedSource, String sourceTopic, Integer partition, Long offset, byte[] key, byte[] value) {
    String errorClass = rootCause(error).getClass().getName();
    String message = describe(error);
    String source = bounded(unboundedSource);
    DeadLetter dl =
        DeadLetter.newBuilder()
            .setStage(stage)
            .setErrorClass(errorClass)
            .setErrorMessage(message)
            .setSource(source)
            .setSourceTopic(sourceTopic)
            .setSourcePartition(partition)
            .setSourceOffset(offset)
            .setKey(key == null ? null : ByteBuffer.wrap(truncate(key)))
            .setValue(value == null ? null : ByteBuffer.wrap(truncate(value)))
            .setFailedAt(Instant.ofEpochMilli(System.currentTimeMillis()))
            .build();
    Headers headers = new RecordHeaders();
    add(headers, H_STAGE, stage);
    add(headers, H_ERROR_CLASS, errorClass);
    add(headers, H_ERROR_MESSAGE, message);
    add(headers, H_REASON, reason);
    add(headers, H_SOURCE, source);
    add(headers, H_SOURCE_TOPIC, sourceTopic);
    add(headers, H_SOURCE_PARTITION, partition == null ? null : partition.toString());
    add(headers, H_SOURCE_OFFSET, offset == null ? null : offset.toString());
    NewslineMetrics.deadLetters(NewslineMetrics.registry(), stage, reason).increment();
    return new ProducerRecord<>(topic, null, key, serializer.serialize(topic, dl), headers);
  }

  /**
   * The error's message with its causes, e.g. "bad record: unknown schema id 42", at most
   * {@link #MAX_TEXT_CHARS} characters: messages may quote the bad input.
   */
  public static String describe(Throwable error) {
    StringBuilder sb = new StringBuilder();
    int depth = 0;
    for (Throwable t = error; t != null && sb.length() <= MAX_TEXT_CHARS && depth++ < 20; t = t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : bounded(t.getMessage());
      // a cause that repeats what is said already (often its first line, then parser detail) adds nothing
      if (sb.indexOf(m.lines().findFirst().orElse(m)) < 0) {
        sb.append(sb.length() == 0 ? "" : ": ").append(m);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return bounded(sb.toString());
  }

  /** The text cut to {@link #MAX_TEXT_CHARS} characters, saying how much was cut; null stays null. */
  public static String bounded(String text) {
    return BoundedText.cut(text, MAX_TEXT_CHARS, length -> "... (" + (length - MAX_TEXT_CHARS) + " characters more)");
  }

  public static Throwable rootCause(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r;
  }

  private static byte[] truncate(byte[] b) {
    return b.length <= MAX_PAYLOAD ? b : Arrays.copyOf(b, MAX_PAYLOAD);
  }

  private static void add(Headers h, String key, String value) {
    if (value != null) {
      h.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
