package io.newsline.query.store;

import io.micrometer.core.instrument.Counter;
import io.newsline.registry.RegistryUnavailableException;
import io.newsline.runtime.deadletter.DeadLetters;
import io.newsline.runtime.ops.NewslineMetrics;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the Avro values the query stage materialises. A record that cannot be decoded is the
 * record's fault: it is skipped with a dead letter (reason and bytes), a counted metric and a
 * warning, and the stage goes on. A registry outage is not: the stage waits for the registry and
 * retries the same record (with backoff, until the stage closes), and says so in its health.
 */
public final class RecordDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(RecordDecoder.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final DeadLetterSink deadLetters;
  private final BooleanSupplier closing;
  // registered here, not at the first record: the series are there at 0 from the start
  private final Counter materialised = NewslineMetrics.records("query", "materialised");
  private final Counter deadLettered = NewslineMetrics.records("query", "dead_lettered");
  private volatile String outage;

  public RecordDecoder(DeadLetterSink deadLetters, BooleanSupplier closing) {
    this.deadLetters = deadLetters;
    this.closing = closing;
  }

  /** The decoded value, or null when the record was dead-lettered (or the stage is closing). */
  <T> T decode(Deserializer<T> deserializer, String topic, int partition, long offset, byte[] key, byte[] value) {
    long backoff = 500;
    while (true) {
      try {
        T v = deserializer.deserialize(topic, value);
        if (outage != null) {
          LOG.info("schema registry reachable again");
          outage = null;
        }
        materialised.increment();
        return v;
      } catch (RuntimeException e) {
        if (!isTransient(e)) {
          LOG.warn("dead-lettering undecodable record {}-{}@{}: {}", topic, partition, offset, DeadLetters.describe(e));
          deadLettered.increment();
          deadLetters.send(e, topic, partition, offset, key, value);
          return null;
        }
        if (outage == null) {
          LOG.warn("cannot decode {}-{}@{} now, retrying: {}", topic, partition, offset, DeadLetters.describe(e));
        }
        outage = DeadLetters.describe(e);
        if (!sleep(backoff)) {
          return null;
        }
        backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
      }
    }
  }

  /** Why records cannot be decoded right now, or null. */
  public String outage() {
    return outage;
  }

  private boolean sleep(long millis) {
    long until = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < until) {
      if (closing.getAsBoolean()) {
        return false;
      }
      try {
        Thread.sleep(Math.min(100, Math.max(1, until - System.currentTimeMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return !closing.getAsBoolean();
  }

  private static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RegistryUnavailableException) {
        return true;
      }
    }
    return false;
  }

  /** Where records that cannot be decoded go. */
  public interface DeadLetterSink {
    void send(Throwable error, String topic, int partition, long offset, byte[] key, byte[] value);
  }
}
