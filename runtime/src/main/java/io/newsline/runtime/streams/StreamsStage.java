package io.newsline.runtime.streams;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Kafka Streams stage: metrics bound to Prometheus, health from the Streams state, stream
 * threads replaced after a failure (a registry outage heals itself) unless they keep failing, and
 * a graceful close that commits the last transaction.
 */
public final class StreamsStage implements Stage.Running, HealthCheck, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsStage.class);
  /** More thread failures than this within the window: stop the stage and report DOWN. */
  private static final int MAX_FAILURES = 10;
  private static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);

  private final String stage;
  private final KafkaStreams streams;
  private final KafkaStreamsMetrics metrics;
  private final Deque<Long> failures = new ArrayDeque<>();
  private final CountDownLatch running = new CountDownLatch(1);

  public StreamsStage(String stage, Topology topology, Properties props) {
    this.stage = stage;
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
    return switch (s) {
      case RUNNING -> Status.up(s.name());
      case CREATED, REBALANCING -> Status.starting(s.name());
      default -> Status.down(s.name());
    };
  }

  private synchronized StreamThreadExceptionResponse onThreadFailure(Throwable e) {
    long now = System.currentTimeMillis();
    failures.addLast(now);
    while (!failures.isEmpty() && failures.peekFirst() < now - FAILURE_WINDOW.toMillis()) {
      failures.removeFirst();
    }
    if (failures.size() > MAX_FAILURES) {
      LOG.error("{}: stream thread failed {} times in {}; stopping the stage", stage, failures.size(), FAILURE_WINDOW, e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    LOG.warn("{}: stream thread failed, replacing it: {}", stage, e.toString());
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
    streams.close(org.apache.kafka.streams.CloseOptions.timeout(timeout)
        .withGroupMembershipOperation(org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    metrics.close();
  }
}
