package io.newsline.cli;

import io.newsline.common.Closer;
import io.newsline.common.config.Settings;
import io.newsline.runtime.TopicAdmin;
import io.newsline.runtime.ops.OpsServer;
import io.newsline.runtime.stage.Stage;
import io.newsline.runtime.stage.StageContext;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life cycle of a process that runs one stage: creates missing topics, serves health and
 * metrics on the stage's port, and on SIGTERM/Ctrl-C closes everything the stage opened in reverse
 * order, so Kafka transactions end cleanly.
 */
final class StageProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StageProcess.class);

  private final Closer closer = new Closer();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final StageContext context;

  StageProcess(Stage stage, Settings settings) throws Exception {
    if (settings.getBoolean("topics.create", true)) {
      var created = TopicAdmin.ensureAll(settings);
      if (!created.isEmpty()) {
        LOG.info("created topics {}", created);
      }
    }
    OpsServer ops = closer.register(
        OpsServer.start(settings.get("http.host", "0.0.0.0"), settings.getInt("http.port", stage.defaultPort())));
    LOG.info("{}: health {}/health, metrics {}/metrics", stage.name(), ops.url(), ops.url());
    this.context = new StageContext(settings, ops, closer);
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, stage.name() + "-shutdown"));
  }

  /** Runs the stage as a service until SIGTERM. */
  static int run(Stage stage, Settings settings) throws Exception {
    try (StageProcess process = new StageProcess(stage, settings)) {
      stage.start(process.context());
      process.awaitShutdown();
    }
    return 0;
  }

  StageContext context() {
    return context;
  }

  /** Blocks until the process is asked to stop. */
  void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    closer.close();
    stopped.countDown();
  }
}
