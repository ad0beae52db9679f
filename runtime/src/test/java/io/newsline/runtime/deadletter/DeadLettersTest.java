package io.newsline.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.avro.DeadLetter;
import io.newsline.runtime.RecordSizeLimit;
import io.newsline.runtime.ops.NewslineMetrics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
  @Test
  void aHugeErrorMessageIsBoundedInTheValueAndTheHeaders() {
    AtomicReference<DeadLetter> written = new AtomicReference<>();
    DeadLetters dl = new DeadLetters("enrich", "dl", (topic, d) -> {
      written.set(d);
      return new byte[0];
    });
    String hostile = "x".repeat(5_000_000);
    Exception error = new SerializationException("bad value '" + hostile + "'", new IllegalArgumentException("again " + hostile));

    ProducerRecord<byte[], byte[]> r = dl.fromInput(error, "bad_json", "push:" + hostile, null, new byte[] {1});

    assertThat(written.get().getErrorMessage().length()).isLessThanOrEqualTo(DeadLetters.MAX_TEXT_CHARS);
    assertThat(written.get().getErrorMessage()).startsWith("bad value 'xxx").contains("characters more");
    assertThat(written.get().getSource().length()).isLessThanOrEqualTo(DeadLetters.MAX_TEXT_CHARS);
    assertThat(r.headers().lastHeader(DeadLetters.H_ERROR_MESSAGE).value().length).isLessThanOrEqualTo(4 * DeadLetters.MAX_TEXT_CHARS);
    assertThat(r.headers().lastHeader(DeadLetters.H_SOURCE).value().length).isLessThanOrEqualTo(4 * DeadLetters.MAX_TEXT_CHARS);
    assertThat(DeadLetters.describe(error).length()).isLessThanOrEqualTo(DeadLetters.MAX_TEXT_CHARS);
    assertThat(new String(r.headers().lastHeader(DeadLetters.H_ERROR_MESSAGE).value(), StandardCharsets.UTF_8))
        .isEqualTo(written.get().getErrorMessage());
  }

  @Test
  void everyReasonIsCountedFromZeroBeforeTheFirstDeadLetter() {
    new DeadLetters("zero-test", "dl", (topic, d) -> new byte[0]);
    new DeadLetters("zero-ingest-test", "dl", (topic, d) -> new byte[0], java.util.List.of("bad_json", "too_large"));
    String scrape = NewslineMetrics.registry().scrape();
    for (String reason : DeadLetterReason.ALL) {
      assertThat(scrape).contains("newsline_dead_letters_total{reason=\"" + reason + "\",stage=\"zero-test\"} 0.0");
    }
    assertThat(scrape).contains("newsline_dead_letters_total{reason=\"bad_json\",stage=\"zero-ingest-test\"} 0.0")
        .doesNotContain("reason=\"undecodable\",stage=\"zero-ingest-test\"");
  }

  @Test
  void aCauseThatRepeatsTheReasonIsNotSaidTwice() {
    Exception parser = new IllegalStateException("Unexpected character ('n')\n at [Source: REDACTED; line: 1, column: 3]");
    Exception error = new IllegalArgumentException("not valid JSON: Unexpected character ('n') (column 3)", parser);
    assertThat(DeadLetters.describe(error)).isEqualTo("not valid JSON: Unexpected character ('n') (column 3)");
    assertThat(DeadLetters.describe(new IllegalStateException("publish failed", new java.io.IOException("broker down"))))
        .isEqualTo("publish failed: broker down");
  }

  @Test
  void theMetricAndHeaderSayAShortStableReasonNotAnExceptionClass() {
    DeadLetters dl = new DeadLetters("reasons-test", "dl", (topic, d) -> new byte[0]);
    ProducerRecord<byte[], byte[]> undecodable =
        dl.fromRecord(new SerializationException("unknown magic byte", new java.io.EOFException()), "raw", 0, 1L, null, new byte[] {9});
    dl.fromRecord(new IllegalArgumentException("article a has no text"), "raw", 0, 2L, null, null);
    dl.fromRecord(new RuntimeException("wrapped", new IllegalArgumentException("no text")), "raw", 0, 3L, null, null);
    dl.fromRecord(new RecordTooLargeException("too big"), "raw", 0, 4L, null, null);
    Exception overLimit = org.junit.jupiter.api.Assertions.assertThrows(RecordSizeLimit.TooLargeException.class,
        () -> RecordSizeLimit.limit(org.apache.kafka.common.serialization.Serdes.ByteArray(), 1024).serializer()
            .serialize("newsline.events", new byte[2048]));
    dl.fromRecord(new org.apache.kafka.streams.errors.StreamsException(overLimit), "raw", 0, 5L, null, null);
    dl.fromRecord(new NullPointerException(), "raw", 0, 6L, null, null);
    ProducerRecord<byte[], byte[]> input = dl.fromInput(new IllegalStateException("x"), "forbidden_address", "feed:x", null, null);

    assertThat(new String(undecodable.headers().lastHeader(DeadLetters.H_REASON).value(), StandardCharsets.UTF_8)).isEqualTo("undecodable");
    assertThat(new String(input.headers().lastHeader(DeadLetters.H_REASON).value(), StandardCharsets.UTF_8)).isEqualTo("forbidden_address");
    assertThat(count("undecodable")).isEqualTo(1);
    assertThat(count("rejected")).isEqualTo(2);
    assertThat(count("too_large")).isEqualTo(2);
    assertThat(count("processing_error")).isEqualTo(1);
    assertThat(count("forbidden_address")).isEqualTo(1);
  }

  private static double count(String reason) {
    var c = NewslineMetrics.registry().find("newsline.dead.letters").tags("stage", "reasons-test", "reason", reason).counter();
    return c == null ? 0 : c.count();
  }
}
