package io.newsline.cli;

import io.newsline.common.Closer;
import io.newsline.common.config.Settings;
import io.newsline.embedded.EmbeddedKafka;
import io.newsline.ingest.FileImporter;
import io.newsline.ingest.IngestService;
import io.newsline.ingest.IngestSources;
import io.newsline.ingest.IngestStage;
import io.newsline.ingest.source.InputFolder;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.KafkaSchemaStore;
import io.newsline.runtime.TopicAdmin;
import io.newsline.runtime.ops.OpsServer;
import io.newsline.runtime.stage.Stage;
import io.newsline.runtime.stage.StageContext;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * newsline local: the whole pipeline in one process on the embedded default, a real in-process
 * KRaft broker and an in-process schema registry (schemas in the compacted _schemas topic). Ingests
 * the bundled samples and every file dropped into the input folder, shows progress and prints the
 * event timelines.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
    description = {"Run the whole pipeline on an in-process Kafka broker and schema registry.",
        "Ingests the bundled sample articles and files dropped into the input folder, then prints the event timelines."})
final class LocalCommand implements Callable<Integer> {
  @Option(names = "--once", description = "Exit 0 once the input is fully processed (smoke tests); without it, keep running.")
  boolean once;

  @Option(names = "--input", paramLabel = "DIR", description = "Watched input folder (default: ${DEFAULT-VALUE}).", defaultValue = ".newsline/input")
  Path input;

  @Option(names = "--no-samples", description = "Do not ingest the bundled sample articles.")
  boolean noSamples;

  @Option(names = "--registry-port", description = "Schema registry port (default ${DEFAULT-VALUE}; a free port if taken).", defaultValue = "8081")
  int registryPort;

  @Option(names = "--http-port", description = "Health and metrics port (default ${DEFAULT-VALUE}; a free port if taken).", defaultValue = "8080")
  int httpPort;

  @Option(names = "--timeout", description = "With --once: give up after this long (default ${DEFAULT-VALUE}).", defaultValue = "5m")
  String timeout;

  @Option(names = "--feed", paramLabel = "URL", description = "Also poll this RSS or Atom feed (repeatable; see docs/ingest.md).")
  List<String> feeds = List.of();

  @Option(names = "--push-port", paramLabel = "PORT", description = "Also accept articles on POST http://127.0.0.1:PORT/articles (with --push-token).")
  Integer pushPort;

  @Option(names = "--push-token", paramLabel = "TOKEN", description = "Bearer token the push endpoint requires.")
  String pushToken;

  @Mixin ConfigOptions config;

  private final PrintStream out = System.out;
  private final Closer closer = new Closer();

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    Runtime.getRuntime().addShutdownHook(new Thread(closer::close, "local-shutdown"));
    try {
      return run(t0);
    } finally {
      closer.close();
    }
  }

  private int run(long t0) throws Exception {
    step("starting Kafka (in-process KRaft broker)");
    EmbeddedKafka kafka = closer.register(EmbeddedKafka.start(1));
    step("starting schema registry (schemas in topic _schemas)");
    KafkaSchemaStore store = closer.register(new KafkaSchemaStore(Map.of("bootstrap.servers", kafka.bootstrapServers()), "_schemas"));
    EmbeddedSchemaRegistry registry = closer.register(startRegistry(store));
    Settings s = settings(kafka, registry);
    TopicAdmin.ensureAll(s);
    OpsServer ops = closer.register(startOps());
    StageContext context = new StageContext(s, ops, closer);
    step("starting the stages: " + String.join(", ", Stages.ALL.stream().map(Stage::name).toList()) + " (exactly-once)");
    List<Stage.Running> stages = new ArrayList<>();
    for (Stage stage : Stages.ALL) {
      stages.add(stage.start(context));
    }
    IngestStage.Running ingest = stages.stream().filter(IngestStage.Running.class::isInstance)
        .map(IngestStage.Running.class::cast).findFirst().orElseThrow();
    IngestSources sources = ingest.sources();
    PipelineMonitor monitor = closer.register(new PipelineMonitor(s));
    for (Stage.Running stage : stages) {
      stage.awaitRunning(Duration.ofSeconds(60));
    }
    out.printf(Locale.ROOT, "ready in %.1f s: Kafka %s, schema registry %s, health %s/health, metrics %s/metrics%n",
        (System.nanoTime() - t0) / 1e9, kafka.bootstrapServers(), registry.url(), ops.url(), ops.url());
    if (sources.poller() != null) {
      int n = sources.poller().feeds().size();
      out.printf("polling %d feed%s%n", n, n == 1 ? "" : "s");
    }
    if (sources.push() != null) {
      out.printf("push endpoint: POST %s/articles (Authorization: Bearer <token>)%n", sources.push().url());
    }
    InputFolder folder = new InputFolder(input.toAbsolutePath());
    FileImporter importer = ingest.importer();
    if (!noSamples) {
      int n = importer.publishSamples().articles().size();
      out.printf("ingested %d bundled sample articles%n", n);
    }
    importer.scan(folder);
    if (!once) {
      importer.watch(folder, Duration.ofSeconds(1));
      out.printf("watching %s for .txt, .html, .json and .jsonl files (Ctrl-C to stop)%n", folder.dir());
    }
    if (once && sources.poller() != null) {
      sources.poller().awaitFirstPolls(Duration.ofMinutes(2));
    }
    return follow(monitor, ingest.service(), t0);
  }

  /**
   * The embedded broker and registry, a fresh state folder, then the user's settings and options.
   * The ingest stage here watches the --input folder only, so its own ingest.folder is left out.
   */
  private Settings settings(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) throws IOException {
    Map<String, String> user = new HashMap<>(config.load().asMap());
    user.remove("ingest.folder");
    return Settings.of(Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
            "schema.registry.url", registry.url(),
            "state.dir", Files.createTempDirectory("newsline-state").toString(),
            "commit.interval.ms", "100",
            "topics.replication.factor", "1",
            // one process, input arrives in bursts: release the reorder buffer soon after a burst
            "aggregate.reorder.idle", "2s"))
        .with(user)
        .with(ingestOptions());
  }

  /** Prints progress until the input is processed; with --once returns then, else keeps reporting. */
  private int follow(PipelineMonitor monitor, IngestService ingest, long t0) throws InterruptedException {
    long deadline = System.nanoTime() + io.newsline.common.config.Durations.parse(timeout).toNanos();
    String lastProgress = "";
    long reportedAt = -1;
    while (true) {
      long published = ingest.published();
      int assigned = monitor.assigned();
      int failed = monitor.deadLettersExcept("ingest");
      String progress = String.format(Locale.ROOT, "progress: %d ingested, %d enriched, %d assigned to %s, %s",
          published, monitor.enriched(), assigned, TimelineReport.count(monitor.events().size(), "event"),
          TimelineReport.count(failed + (int) ingest.deadLetters(), "dead letter"));
      if (!progress.equals(lastProgress)) {
        out.println(progress);
        lastProgress = progress;
      }
      boolean caughtUp = assigned + failed >= published && monitor.articlesOnTimelines() >= assigned;
      if (caughtUp && reportedAt != monitor.changes()) {
        reportedAt = monitor.changes();
        TimelineReport.print(out, monitor.events());
        out.printf(Locale.ROOT, "%nall input processed in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        if (once) {
          return 0;
        }
      }
      if (once && System.nanoTime() > deadline) {
        System.err.println("timed out before the input was processed: " + progress);
        return 1;
      }
      Thread.sleep(250);
    }
  }

  /** Settings for the feed and push options, when given. */
  private Map<String, String> ingestOptions() {
    Map<String, String> o = new HashMap<>();
    if (!feeds.isEmpty()) {
      o.put("ingest.feeds", String.join(",", feeds));
    }
    if (pushPort != null) {
      if (pushToken == null || pushToken.isBlank()) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--push-port needs --push-token");
      }
      o.put("ingest.push.host", "127.0.0.1");
      o.put("ingest.push.port", String.valueOf(pushPort));
      o.put("ingest.push.token", pushToken);
    }
    return o;
  }

  private EmbeddedSchemaRegistry startRegistry(KafkaSchemaStore store) {
    try {
      return EmbeddedSchemaRegistry.start(store, "127.0.0.1", registryPort);
    } catch (RuntimeException e) {
      if (!(rootCause(e) instanceof BindException)) {
        throw e;
      }
      out.printf("port %d is taken; the schema registry uses a free port%n", registryPort);
      return EmbeddedSchemaRegistry.start(store, "127.0.0.1", 0);
    }
  }

  private OpsServer startOps() throws IOException {
    try {
      return OpsServer.start("127.0.0.1", httpPort);
    } catch (BindException e) {
      return OpsServer.start("127.0.0.1", 0);
    }
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private void step(String what) {
    out.println(what + " ...");
  }

}
