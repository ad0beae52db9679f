package io.newsline.cli;

import io.newsline.common.Closer;
import io.newsline.common.config.Settings;
import io.newsline.runtime.TopicAdmin;
import io.newsline.runtime.ops.OpsServer;
import io.newsline.runtime.stage.Stage;
import io.newsline.runtime.stage.StageContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life cycle of a process that runs one stage: waits for Kafka and the registry to answer,
 * creates missing topics, serves health and metrics on the stage's port, and on SIGTERM/Ctrl-C
 * closes everything the stage opened in reverse order, so Kafka transactions end cleanly, and
 * exits 0 (130 after Ctrl-C).
 */
final class StageProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StageProcess.class);

  private final Closer closer = new Closer();
  private final StageContext context;

  StageProcess(Stage stage, Settings settings) throws Exception {
    // a missing setting is reported before any waiting
    String kafka = settings.require("bootstrap.servers");
    String registry = settings.require("schema.registry.url");
    Duration wait = settings.getDuration("startup.timeout", Reachability.DEFAULT_TIMEOUT);
    Reachability.awaitKafka(kafka, wait);
    Reachability.awaitRegistry(registry, wait);
    if (settings.getBoolean("topics.create", true)) {
      var created = TopicAdmin.ensureAll(settings);
      if (!created.isEmpty()) {
        LOG.info("created topics {}", created);
      }
    }
    OpsServer ops = closer.register(startOps(settings, stage.defaultPort()));
    LOG.info("{}: health {}/health, metrics {}/metrics", stage.name(), ops.url(), ops.url());
    this.context = new StageContext(settings, ops, closer);
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, stage.name() + "-shutdown"));
  }

  /** Runs the stage as a service until SIGTERM or Ctrl-C; returns the exit status. */
  static int run(Stage stage, Settings settings) throws Exception {
    stage.check(settings); // a bad setting fails before the wait for Kafka
    // signals keep their default until the wait for Kafka is over: SIGTERM then just ends the process
    try (StageProcess process = new StageProcess(stage, settings); StopSignal stop = StopSignal.install()) {
      stage.start(process.context());
      int status = stop.await();
      LOG.info("{}: stopping", stage.name());
      return status;
    }
  }

  private static OpsServer startOps(Settings settings, int defaultPort) throws java.io.IOException {
    int port = settings.getInt("http.port", defaultPort);
    try {
      return OpsServer.start(settings.get("http.host", "0.0.0.0"), port);
    } catch (java.net.BindException e) {
      java.net.BindException named = new java.net.BindException("port " + port + " (http.port) is in use");
      named.initCause(e);
      throw named;
    }
  }

  StageContext context() {
    return context;
  }

  @Override
  public void close() {
    closer.close();
  }
}
