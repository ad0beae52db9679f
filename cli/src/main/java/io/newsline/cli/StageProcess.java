package io.newsline.cli;

import io.newsline.common.config.Settings;
import io.newsline.runtime.TopicAdmin;
import io.newsline.runtime.Topics;
import io.newsline.runtime.ops.OpsServer;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.streams.StreamsStage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Life cycle of a stage process: creates missing topics, serves health and metrics, and closes
 * everything in reverse order on SIGTERM/Ctrl-C so Kafka transactions end cleanly.
 */
final class StageProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StageProcess.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final OpsServer ops;

  StageProcess(String stage, Settings settings, int defaultHttpPort) throws Exception {
    if (settings.getBoolean("topics.create", true)) {
      try (Admin admin = Admin.create(KafkaSettings.clientConfig(settings))) {
        var created = TopicAdmin.ensure(admin, new Topics(settings).all());
        if (!created.isEmpty()) {
          LOG.info("created topics {}", created);
        }
      }
    }
    ops = OpsServer.start(settings.get("http.host", "0.0.0.0"), settings.getInt("http.port", defaultHttpPort));
    resources.push(ops);
    LOG.info("{}: health {}/health, metrics {}/metrics", stage, ops.url(), ops.url());
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, stage + "-shutdown"));
  }

  /** Runs a Kafka Streams stage as a service until SIGTERM: health, metrics, graceful close. */
  static int runStreamsStage(String stage, Settings settings, int defaultHttpPort,
      java.util.function.Function<Settings, StreamsStage> start) throws Exception {
    try (StageProcess runner = new StageProcess(stage, settings, defaultHttpPort)) {
      runner.ops().register(runner.manage(start.apply(settings)));
      runner.awaitShutdown();
    }
    return 0;
  }

  OpsServer ops() {
    return ops;
  }

  <T extends AutoCloseable> T manage(T resource) {
    synchronized (resources) {
      resources.push(resource);
    }
    return resource;
  }

  /** Blocks until the process is asked to stop. */
  void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    synchronized (resources) {
      while (!resources.isEmpty()) {
        AutoCloseable r = resources.pop();
        try {
          r.close();
        } catch (Exception e) {
          LOG.warn("error while closing {}: {}", r, e.toString());
        }
      }
    }
    stopped.countDown();
  }
}
