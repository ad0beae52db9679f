package io.newsline.runtime.streams;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.newsline.common.NativeCopies;
import io.newsline.registry.RegistryFailureException;
import io.newsline.runtime.deadletter.DeadLetterReason;
import io.newsline.runtime.deadletter.DeadLetters;
import io.newsline.runtime.ops.HealthCheck;
import io.newsline.runtime.ops.NewslineMetrics;
import io.newsline.runtime.stage.Stage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.rocksdb.RocksDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Kafka Streams stage: metrics bound to Prometheus, health from the Streams state, stream
 * threads replaced after a failure unless they keep failing, and a graceful close that commits the
 * last transaction. A failure of the schema registry (unreachable, credentials refused, schemas
 * lost) is no reason to give up: the thread is replaced after a growing pause (up to
 * {@link #MAX_BACKOFF}) for as long as it lasts, and health says DOWN, with the reason, until the
 * stage has gone {@link #FAILURE_HOLD} without it.
 */
public final class StreamsStage implements Stage.Running, HealthCheck, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsStage.class);
  /** More thread failures than this within the window: stop the stage and report DOWN. */
  private static final int MAX_FAILURES = 10;
  private static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  /** How Kafka Streams ends the name of the thread that keeps global stores. */
  private static final String GLOBAL_THREAD = "-GlobalStreamThread";
  /** Longer than the pause between two retries: a stage that went this long without a registry failure recovered. */
  static final Duration FAILURE_HOLD = MAX_BACKOFF.plusSeconds(15);

  private final String stage;
  private final KafkaStreams streams;
  private final KafkaStreamsMetrics metrics;
  private final Deque<Long> failures = new ArrayDeque<>();
  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch closing = new CountDownLatch(1);
  /** When the registry last failed the stage (epoch ms), 0 for never. */
  private volatile long registryFailedAt;
  private volatile String registryFailure;
  private int registryRetries;
  /** The failure that made the stage stop, for health; null while it has not. */
  private volatile String stoppedBy;

  public StreamsStage(String stage, Topology topology, Properties props) {
    this.stage = stage;
    // RocksDB's native library loaded now, and the copy it extracted into the temporary folder
    // deleted (NativeCopies: 14 MB left there by every stage process killed)
    RocksDB.loadLibrary();
    NativeCopies.deleteLoaded("librocksdbjni");
    // from the start, not from the first task's error handlers
    NewslineMetrics.deadLettersFromZero(stage, DeadLetterReason.ALL);
    this.streams = new KafkaStreams(topology, props);
    this.metrics = new KafkaStreamsMetrics(streams);
    metrics.bindTo(NewslineMetrics.registry());
    streams.setUncaughtExceptionHandler(this::onThreadFailure);
    streams.setStateListener(
        (now, before) -> {
          LOG.info("{}: {} -> {}", stage, before, now);
          if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
          }
        });
  }

  public StreamsStage start() {
    streams.start();
    return this;
  }

  /** Waits until the stage first reaches RUNNING; false on timeout. */
  @Override
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  public KafkaStreams streams() {
    return streams;
  }

  @Override
  public String name() {
    return stage;
  }

  @Override
  public Status status() {
    KafkaStreams.State s = streams.state();
    if (s.isRunningOrRebalancing() && registryFailedAt > 0 && System.currentTimeMillis() - registryFailedAt < FAILURE_HOLD.toMillis()) {
      return Status.down("retrying: " + registryFailure);
    }
    return switch (s) {
      case RUNNING -> Status.up(s.name());
      case CREATED, REBALANCING -> Status.starting(s.name());
      default -> Status.down(stoppedBy == null ? s.name() : s.name() + ": " + stoppedBy);
    };
  }

  private synchronized StreamThreadExceptionResponse onThreadFailure(Throwable e) {
    long now = System.currentTimeMillis();
    if (Thread.currentThread().getName().endsWith(GLOBAL_THREAD)) {
      // a global thread cannot be replaced (Kafka Streams 4.3 fails with a ClassCastException when asked to)
      stoppedBy = "the global stream thread failed: " + DeadLetters.describe(e);
      LOG.error("{}: {}; stopping the stage", stage, stoppedBy);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    if (RegistryFailureException.causes(e)) {
      return retryAfterRegistryFailure(e, now);
    }
    failures.addLast(now);
    while (!failures.isEmpty() && failures.peekFirst() < now - FAILURE_WINDOW.toMillis()) {
      failures.removeFirst();
    }
    if (failures.size() > MAX_FAILURES) {
      stoppedBy = "stream threads failed " + failures.size() + " times in " + FAILURE_WINDOW.toMinutes() + " minutes, last: "
          + DeadLetters.describe(e);
      LOG.error("{}: stream thread failed {} times in {}; stopping the stage", stage, failures.size(), FAILURE_WINDOW, e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    LOG.warn("{}: stream thread failed, replacing it: {}", stage, e.toString());
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /** Waits (on the failed thread, before it is replaced) longer after each consecutive registry failure. */
  private StreamThreadExceptionResponse retryAfterRegistryFailure(Throwable e, long now) {
    if (now - registryFailedAt > FAILURE_WINDOW.toMillis()) {
      registryRetries = 0;
    }
    registryFailure = DeadLetters.describe(e);
    registryFailedAt = now;
    Duration pause = Duration.ofSeconds(1L << Math.min(registryRetries++, 5));
    pause = pause.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause;
    LOG.warn("{}: the schema registry failed ({}); retrying in {} s", stage, registryFailure, pause.toSeconds());
    try {
      if (closing.await(pause.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    registryFailedAt = System.currentTimeMillis();
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /**
   * Commits and stops. The instance leaves its consumer group so the remaining instances take over
   * its partitions at once (scale-down) and a stopped stage can be reset for a replay.
   */
  public void close(Duration timeout) {
    closing.countDown();
    streams.close(org.apache.kafka.streams.CloseOptions.timeout(timeout)
        .withGroupMembershipOperation(org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    metrics.close();
  }
}
