package io.newsline.cli;

import io.newsline.avro.DeadLetter;
import io.newsline.common.Closer;
import io.newsline.common.config.Settings;
import io.newsline.ingest.FileImporter;
import io.newsline.ingest.IngestService;
import io.newsline.ingest.IngestSources;
import io.newsline.ingest.IngestStage;
import io.newsline.ingest.source.InputFolder;
import io.newsline.query.QueryStage;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.KafkaSchemaStore;
import io.newsline.runtime.TopicAdmin;
import io.newsline.runtime.ops.OpsServer;
import io.newsline.runtime.stage.Stage;
import io.newsline.runtime.stage.StageContext;
import java.io.IOException;
import java.io.PrintStream;
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
 * newsline local: the whole pipeline in one process on the embedded default, a real Kafka server
 * (KRaft) and a schema registry (schemas in the compacted _schemas topic) in this process, their
 * data in a folder that survives restarts (--data). Ingests the bundled samples (once per data
 * folder) and every file dropped into the input folder, shows progress and prints the event
 * timelines. Kafka listens on localhost:9092 and the registry on 8081 unless those are taken.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
    description = {"Run the whole pipeline on an in-process Kafka broker and schema registry, keeping their data in --data.",
        "Ingests the bundled sample articles (once per data folder) and files dropped into the input folder, then prints the event timelines.",
        "Kafka on localhost:9092 and the registry on http://localhost:8081 (free ports instead when taken): any Kafka tool connects with its defaults."})
final class LocalCommand implements Callable<Integer> {
  /** Written into the data folder once the bundled samples are in Kafka: later starts do not ingest them again. */
  static final String SAMPLES_MARKER = "samples-ingested";
  private static final String HOST = "127.0.0.1";
  /** The most records of an earlier start's backlog counted at a restart (they are read to be counted). */
  private static final long BACKLOG_COUNTED = 10_000;

  @Option(names = "--once", description = "Exit 0 once the input is fully processed (smoke tests); without it, keep running.")
  boolean once;

  @Option(names = "--data", paramLabel = "DIR", description = "Where Kafka's topics, the schemas and the stages' state are kept across restarts (default: ${DEFAULT-VALUE}).",
      defaultValue = ".newsline/data")
  Path data;

  @Option(names = "--fresh", description = "Delete what --data holds first and start over with an empty cluster.")
  boolean fresh;

  @Option(names = "--input", paramLabel = "DIR", description = "Watched input folder (default: ${DEFAULT-VALUE}).", defaultValue = ".newsline/input")
  Path input;

  @Option(names = "--no-samples", description = "Do not ingest the bundled sample articles.")
  boolean noSamples;

  @Option(names = "--kafka-port", converter = OptionValues.Port.class, paramLabel = "PORT", description = "Kafka's port (default ${DEFAULT-VALUE}; a free port if taken, 0 for a free one).", defaultValue = "9092")
  int kafkaPort;

  @Option(names = "--registry-port", converter = OptionValues.Port.class, paramLabel = "PORT", description = "Schema registry port (default ${DEFAULT-VALUE}; a free port if taken).", defaultValue = "8081")
  int registryPort;

  @Option(names = "--http-port", converter = OptionValues.Port.class, paramLabel = "PORT", description = "Health, metrics, query API and dashboard port (default ${DEFAULT-VALUE}; a free port if taken).", defaultValue = "8080")
  int httpPort;

  @Option(names = "--timeout", converter = OptionValues.Length.class, description = "With --once: give up after this long (default ${DEFAULT-VALUE}).", defaultValue = "5m")
  Duration timeout;

  @Option(names = "--feed", converter = OptionValues.FeedUrl.class, paramLabel = "URL", description = "Also poll this RSS or Atom feed (repeatable; see docs/ingest.md).")
  List<String> feeds = List.of();

  @Option(names = "--push-port", converter = OptionValues.Port.class, paramLabel = "PORT", description = "Also accept articles on POST http://127.0.0.1:PORT/articles (with --push-token).")
  Integer pushPort;

  @Option(names = "--push-token", paramLabel = "TOKEN", description = "Bearer token the push endpoint requires.")
  String pushToken;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOptions config;

  private final PrintStream out = System.out;
  private final Closer closer = new Closer();
  private StopSignal stop;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    if (pushPort != null && (pushToken == null || pushToken.isBlank())) { // before Kafka starts, not after
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--push-port needs --push-token");
    }
    if (Files.exists(input) && !Files.isDirectory(input)) { // it failed once Kafka and the stages had started
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--input: " + input + " is a file; give a folder to watch");
    }
    Settings user = config.load(); // a bad config file fails before anything starts
    for (Stage stage : Stages.ALL) { // and so does a bad setting (ingest.feeds.file, ingest.push.port ...)
      stage.check(Settings.empty().with(userOptions(user)));
    }
    Thread hook = new Thread(closer::close, "local-shutdown");
    try (StopSignal signal = StopSignal.install()) {
      stop = signal;
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        return run(t0, user);
      } catch (Stopped e) {
        return stop.await();
      } finally {
        long closing = System.nanoTime();
        boolean asked = stop.requested();
        if (asked) {
          out.println("stopping: stages, registry, Kafka ...");
        }
        closer.close();
        if (asked) {
          out.printf(Locale.ROOT, "stopped in %.1f s; the data stays in %s%n", (System.nanoTime() - closing) / 1e9, data.toAbsolutePath().normalize());
        }
        removeHook(hook);
      }
    }
  }

  private int run(long t0, Settings user) throws Exception {
    DataFolder folder = closer.register(DataFolder.open(data));
    if (fresh && !folder.isNew()) {
      folder.clear();
      out.printf("--fresh: deleted the data in %s%n", folder.dir());
    }
    boolean resuming = !folder.isNew();
    int port = port("Kafka", kafkaPort);
    step(resuming ? "starting Kafka (KRaft) on the data in " + folder.kafka() : "starting Kafka (KRaft), data in " + folder.kafka());
    LocalKafka kafka = closer.register(LocalKafka.start(folder.kafka(), port, Map.of()));
    checkStop();
    step("starting schema registry (schemas in topic _schemas)");
    KafkaSchemaStore store = closer.register(new KafkaSchemaStore(Map.of("bootstrap.servers", kafka.bootstrapServers()), "_schemas"));
    EmbeddedSchemaRegistry registry = closer.register(
        EmbeddedSchemaRegistry.start(store, HOST, port("the schema registry", registryPort)));
    Settings s = settings(kafka, registry, folder, user);
    checkStop();
    TopicAdmin.ensureAll(s);
    OpsServer ops = closer.register(OpsServer.start(HOST, port("health, metrics and the dashboard", httpPort)));
    checkStop();
    // before the stages: what is in the topics now is earlier runs'; everything after, feed polls
    // at the stages' start included, is this run's (printed, and counted as this run's progress)
    PipelineMonitor monitor = closer.register(new PipelineMonitor(s));
    PendingInput pending = closer.register(new PendingInput(s, Stages.ALL));
    // an earlier start stopped with input in the pipeline (Ctrl-C mid-way): the stages go on with it first
    long backlog = resuming ? pending.count(BACKLOG_COUNTED) : 0;
    checkStop();
    StageContext context = new StageContext(s, ops, closer);
    step("starting the stages: " + String.join(", ", Stages.ALL.stream().map(Stage::name).toList()) + " (exactly-once)");
    List<Stage.Running> stages = new ArrayList<>();
    for (Stage stage : Stages.ALL) {
      stages.add(stage.start(context));
      checkStop();
    }
    IngestStage.Running ingest = stages.stream().filter(IngestStage.Running.class::isInstance)
        .map(IngestStage.Running.class::cast).findFirst().orElseThrow();
    IngestSources sources = ingest.sources();
    if (resuming) {
      out.printf("resuming with the data in %s: %s, %s%s%n", folder.dir(),
          TimelineReport.count(monitor.events().size(), "event"), TimelineReport.count(monitor.assigned(), "article"),
          backlog <= 0 ? "" : String.format(Locale.ROOT, "; %s%d more an earlier start left to process",
              backlog >= BACKLOG_COUNTED ? "at least " : "", backlog));
    }
    for (Stage.Running stage : stages) {
      while (!stage.awaitRunning(Duration.ofMillis(250))) {
        checkStop();
      }
    }
    out.printf(Locale.ROOT, "ready in %.1f s: Kafka localhost:%d, schema registry http://localhost:%d, health %s/health, metrics %s/metrics%n",
        (System.nanoTime() - t0) / 1e9, kafka.port(), registry.port(), ops.url(), ops.url());
    if (Stages.ALL.stream().anyMatch(QueryStage.class::isInstance)) {
      out.printf("dashboard: %s/ (API %s/api/events)%n", ops.url(), ops.url());
    }
    if (sources.poller() != null) {
      int n = sources.poller().feeds().size();
      out.printf("polling %d feed%s%n", n, n == 1 ? "" : "s");
    }
    if (sources.push() != null) {
      out.printf("push endpoint: POST %s/articles (Authorization: Bearer <token>)%n", sources.push().url());
    }
    InputFolder inputFolder = new InputFolder(input.toAbsolutePath());
    FileImporter importer = ingest.importer();
    publishSamples(importer, folder);
    importer.scan(inputFolder);
    if (!once) {
      importer.watch(inputFolder, Duration.ofSeconds(1));
      out.printf("watching %s for .txt, .html, .json and .jsonl files (Ctrl-C to stop)%n", inputFolder.dir());
    }
    if (once && sources.poller() != null) {
      sources.poller().awaitFirstPolls(Duration.ofMinutes(2));
    }
    return follow(monitor, pending, ingest.service(), t0);
  }

  /** The bundled samples, once per data folder: a restart must not ingest them again as new articles. */
  private void publishSamples(FileImporter importer, DataFolder folder) throws IOException {
    Path marker = folder.dir().resolve(SAMPLES_MARKER);
    if (noSamples) {
      return;
    }
    if (Files.exists(marker)) {
      out.println("the bundled samples are in already (ingested at an earlier start)");
      return;
    }
    int n = importer.publishSamples().articles().size();
    Files.writeString(marker, "the bundled samples were ingested into this cluster\n");
    out.printf("ingested %d bundled sample articles%n", n);
  }

  /**
   * The broker and registry, the data folder's state directory, then the user's settings and
   * options.
   */
  private Settings settings(LocalKafka kafka, EmbeddedSchemaRegistry registry, DataFolder folder, Settings userSettings) {
    return Settings.of(Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
            "schema.registry.url", "http://" + HOST + ":" + registry.port(),
            "state.dir", folder.streams().toString(),
            "topics.replication.factor", "1",
            // one process, input arrives in bursts: release the reorder buffer soon after a burst
            "aggregate.reorder.idle", "2s"))
        .with(userOptions(userSettings));
  }

  /**
   * The user's settings with the feed and push options. The ingest stage here watches the --input
   * folder only, so its own ingest.folder is left out.
   */
  private Map<String, String> userOptions(Settings userSettings) {
    Map<String, String> user = new HashMap<>(userSettings.asMap());
    user.remove("ingest.folder");
    user.putAll(ingestOptions());
    return user;
  }

  /**
   * Prints progress until the input is processed; with --once returns then, else keeps reporting
   * until Ctrl-C or SIGTERM. Counts are of the whole cluster, earlier starts included. The input is
   * processed when what this start ingested has come out (as many assignments and dead letters
   * since it began: its last transaction may not be readable on the raw topic yet), every stage has
   * processed everything on its input, whichever start put it there, and the summary has read
   * every output.
   */
  private int follow(PipelineMonitor monitor, PendingInput pending, IngestService ingest, long t0) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastProgress = "";
    long reportedAt = -1;
    while (!stop.requested()) {
      for (DeadLetter d : monitor.takeNewDeadLetters()) {
        out.println(describe(d));
      }
      long published = ingest.published();
      int assigned = monitor.assigned();
      String progress = String.format(Locale.ROOT, "progress: %d ingested now; in all %d enriched, %d assigned to %s, %s",
          published, monitor.enriched(), assigned, TimelineReport.count(monitor.events().size(), "event"),
          TimelineReport.count(monitor.deadLetters(), "dead letter"));
      if (!progress.equals(lastProgress)) {
        out.println(progress);
        lastProgress = progress;
      }
      // the checks of the cluster only when there is something new to report
      boolean caughtUp = reportedAt != monitor.changes() && monitor.processedSinceStart() >= published
          && pending.drained() && pending.readUpToNow(monitor.positions());
      if (caughtUp) {
        reportedAt = monitor.changes();
        TimelineReport.print(out, monitor.events(), monitor::opening);
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
    return stop.await();
  }

  /** What was rejected and why, in one line (the whole record is in the dead-letter topic). */
  static String describe(DeadLetter d) {
    String where = d.getSource() != null ? d.getSource()
        : d.getSourceTopic() == null ? "?" : d.getSourceTopic() + "/" + d.getSourcePartition() + "@" + d.getSourceOffset();
    String why = d.getErrorMessage().strip().replaceAll("\\s+", " ");
    // fetch errors name their URL, which is also the dead letter's source: say it once
    why = why.startsWith(where + ": ") ? why.substring(where.length() + 2) : why;
    // the source is a file name or URL anyone could choose: printable, like the summary
    return TerminalText.printable("dead letter (" + d.getStage() + "): " + where + ": " + (why.length() > 200 ? why.substring(0, 200) + "..." : why));
  }

  /** Settings for the feed and push options, when given. */
  private Map<String, String> ingestOptions() {
    Map<String, String> o = new HashMap<>();
    if (!feeds.isEmpty()) {
      o.put("ingest.feeds", String.join(",", feeds));
    }
    if (pushPort != null) {
      o.put("ingest.push.host", HOST);
      o.put("ingest.push.port", String.valueOf(pushPort));
      o.put("ingest.push.token", pushToken);
    }
    return o;
  }

  /** The port asked for when it is free (0: any free port), else a free one, saying so. */
  private int port(String what, int wanted) {
    if (wanted == 0 || Ports.isFree(HOST, wanted)) {
      return wanted == 0 ? Ports.free(HOST) : wanted;
    }
    int other = Ports.free(HOST);
    out.printf("port %d is taken; using port %d for %s%n", wanted, other, what);
    return other;
  }

  /** Ends the start-up early when Ctrl-C or SIGTERM came meanwhile (what started closes in order). */
  private void checkStop() {
    if (stop.requested()) {
      throw new Stopped();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already: the hook runs (and finds everything closed)
    }
  }

  private void step(String what) {
    out.println(what + " ...");
  }

  /** A stop was asked for during start-up. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }
}
