package io.newsline.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
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

    ProducerRecord<byte[], byte[]> r = dl.fromInput(error, "push:" + hostile, null, new byte[] {1});

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
  void aCauseThatRepeatsTheReasonIsNotSaidTwice() {
    Exception parser = new IllegalStateException("Unexpected character ('n')\n at [Source: REDACTED; line: 1, column: 3]");
    Exception error = new IllegalArgumentException("not valid JSON: Unexpected character ('n') (column 3)", parser);
    assertThat(DeadLetters.describe(error)).isEqualTo("not valid JSON: Unexpected character ('n') (column 3)");
    assertThat(DeadLetters.describe(new IllegalStateException("publish failed", new java.io.IOException("broker down"))))
        .isEqualTo("publish failed: broker down");
  }
}
