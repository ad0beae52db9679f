package io.newsline.bench.chaos;

import io.newsline.bench.chaos.StageProcesses.Stage;
import io.newsline.common.config.Settings;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.KafkaSchemaStore;
import io.newsline.runtime.TopicAdmin;
import io.newsline.runtime.TopicSerdes;
import io.newsline.runtime.Topics;
import io.newsline.runtime.testing.BrokerProcesses;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The chaos run (benchmarks/chaos): exactly-once and determinism of the whole pipeline under
 * crashes. Three Kafka brokers (separate {@code kafka.Kafka} processes), the three stages as
 * separate {@code newsline} processes; the input (real articles from ../shared/datasets) goes
 * through ingest's push endpoint. First a fault-free run, then the same input again on new topics
 * while a random stage process is SIGKILLed (and started again) every few seconds and a broker is
 * killed and restarted. Both runs are then read like a dashboard reads them (read_committed) and
 * compared; the last line printed is {@code lost=L duplicated=D differing=X kills=K
 * broker_restarts=B}, and the exit code is 0 only when L, D and X are 0. See docs/benchmarks.md.
 */
public final class ChaosRun {
  /** Partitions of the run's topics. */
  static final int PARTITIONS = 3;

  /** What a run is asked to do. */
  public record Options(int articles, int kills, int brokerRestarts, Duration minInterval, Duration maxInterval,
      Duration spacing, long seed, Path root, Path shared, Path work, Duration timeout) {
    static Options defaults(Path root) {
      return new Options(2000, 10, 1, Duration.ofSeconds(3), Duration.ofSeconds(8), Duration.ofMinutes(1),
          1, root, root.resolveSibling("shared"), null, Duration.ofMinutes(40));
    }

    /**
     * aggregate.reorder.grace for the runs: longer than the input's span in article time, so the
     * order in which the three partitions' articles reach aggregate (which differs from run to run,
     * faults or not: a stage working off a backlog serves its partitions unevenly) cannot matter;
     * the sentinels, dated past it and sent once aggregate has read every article, then release
     * them all in order.
     */
    Duration grace() {
      return spacing.multipliedBy(articles).plusHours(1);
    }
  }

  /** The comparison. */
  public record Result(int lost, int duplicated, int differing, int kills, int brokerRestarts) {
    public boolean ok() {
      return lost == 0 && duplicated == 0 && differing == 0;
    }

    public String line() {
      return String.format(Locale.ROOT, "lost=%d duplicated=%d differing=%d kills=%d broker_restarts=%d",
          lost, duplicated, differing, kills, brokerRestarts);
    }
  }

  private final Options o;
  private final PrintStream out;
  private final Random random;
  private final long t0 = System.nanoTime();
  /** Per run, seconds from the stages being ready until every article was assigned (or the run gave up). */
  private final Map<String, Double> processingSeconds = new HashMap<>();

  private ChaosRun(Options o, PrintStream out) {
    this.o = o;
    this.out = out;
    this.random = new Random(o.seed());
  }

  public static void main(String[] args) throws Exception {
    Options o;
    try {
      o = parse(args, Path.of(System.getProperty("newsline.root", ".")).toAbsolutePath().normalize());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: benchmarks/chaos [--kills N] [--broker-restarts N] [--articles N] [--seed N]"
          + " [--interval-min S] [--interval-max S] [--work DIR] [--timeout DURATION]");
      System.exit(2);
      return;
    }
    // Ctrl-C or SIGTERM: take the brokers and stages down too, never leave them running
    Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
    Result r = run(o, System.out);
    System.out.println(r.line());
    System.exit(r.ok() ? 0 : 1);
  }

  static Options parse(String[] args, Path root) {
    Options d = Options.defaults(root);
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("unexpected argument: " + args[i]);
      }
      a.put(args[i].substring(2), args[++i]);
    }
    Options o = new Options(
        Integer.parseInt(a.getOrDefault("articles", String.valueOf(d.articles()))),
        Integer.parseInt(a.getOrDefault("kills", String.valueOf(d.kills()))),
        Integer.parseInt(a.getOrDefault("broker-restarts", String.valueOf(d.brokerRestarts()))),
        Duration.ofMillis((long) (Double.parseDouble(a.getOrDefault("interval-min", "3")) * 1000)),
        Duration.ofMillis((long) (Double.parseDouble(a.getOrDefault("interval-max", "8")) * 1000)),
        d.spacing(),
        Long.parseLong(a.getOrDefault("seed", String.valueOf(d.seed()))),
        root,
        a.containsKey("shared") ? Path.of(a.get("shared")) : d.shared(),
        a.containsKey("work") ? Path.of(a.get("work")) : null,
        a.containsKey("timeout") ? io.newsline.common.config.Durations.parse(a.get("timeout")) : d.timeout());
    a.keySet().removeAll(List.of("articles", "kills", "broker-restarts", "interval-min", "interval-max", "seed", "shared",
        "work", "timeout"));
    if (!a.isEmpty()) {
      throw new IllegalArgumentException("unknown options: " + a.keySet());
    }
    return o;
  }

  /**
   * The broker's class path, as the newsline launcher builds it: the stages' libraries (lib/) and the
   * broker with Scala (lib-local/, kept out of lib/ and so out of the stage image).
   */
  static String brokerClassPath(Path root) {
    return root.resolve("cli/target/lib/*") + java.io.File.pathSeparator + root.resolve("cli/target/lib-local/*");
  }

  /** Runs both pipelines and compares them; progress goes to {@code out}. */
  public static Result run(Options o, PrintStream out) throws Exception {
    return new ChaosRun(o, out).run();
  }

  private Result run() throws Exception {
    Path work = o.work() != null ? o.work() : Files.createTempDirectory("newsline-chaos");
    Files.createDirectories(work);
    Path jar = o.root().resolve("cli/target/newsline.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " is missing: build it first (./mvnw -DskipTests -pl cli -am package)");
    }
    ChaosInput.Input input = ChaosInput.load(o.shared(), o.articles(), o.spacing(), o.grace(), PARTITIONS);
    List<String> ids = input.ids();
    say("%d articles from %s; work folder %s", ids.size(), o.shared().resolve("datasets/clustering"), work);
    say("starting 3 Kafka brokers (kafka.Kafka processes, KRaft)");
    try (BrokerProcesses cluster = BrokerProcesses.start(3, work.resolve("kafka"), brokerClassPath(o.root()),
            Duration.ofMinutes(5));
        KafkaSchemaStore store = new KafkaSchemaStore(Map.of("bootstrap.servers", cluster.bootstrapServers()), "_schemas");
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(store, "127.0.0.1", 0)) {
      Map<String, String> settings = Map.ofEntries(
          Map.entry("bootstrap.servers", cluster.bootstrapServers()),
          Map.entry("schema.registry.url", registry.url()),
          Map.entry("topics.partitions", String.valueOf(PARTITIONS)),
          Map.entry("topics.replication.factor", "3"),
          // a killed Streams member is noticed in seconds, not the default 45 s
          Map.entry("session.timeout.ms", "6000"),
          Map.entry("heartbeat.interval.ms", "1500"),
          // the reorder buffer absorbs the interleaving of partitions; the sentinels release the
          // articles, so the wall-clock idle flush (which would depend on outage lengths) never runs
          Map.entry("aggregate.reorder.grace", o.grace().toSeconds() + "s"),
          Map.entry("aggregate.reorder.idle", "1h"),
          // releasing the whole input is one long process() call, hence one long transaction:
          // longer than Streams' 10 s default on a loaded machine
          Map.entry("transaction.timeout.ms", "120000"));
      TopicSerdes serdes = new TopicSerdes(Map.of("schema.registry.url", registry.url()));
      say("fault-free run");
      RunOutput free = pipeline("free", input, ids, settings, cluster, serdes, work, 0, 0);
      say("fault-free run: %d of %d articles assigned to %d events", ids.size() - free.lost(ids), ids.size(), free.events().size());
      say("chaos run: %d kills, %d broker restart(s)", o.kills(), o.brokerRestarts());
      Chaos chaos = new Chaos(cluster);
      RunOutput faulty = pipeline("chaos", input, ids, settings, cluster, serdes, work, o.kills(), o.brokerRestarts(), chaos);
      say("recovery, SIGKILL to ready again (a broker: restart to answering and registered): %s", chaos.recovery);
      say("from stages ready to every article assigned: fault-free %.0f s, chaos %.0f s", processingSeconds.get("free"),
          processingSeconds.get("chaos"));
      say("enriched records whose content (ingestion time aside) differs from the fault-free run's: %d",
          faulty.enrichedDiffering(ids, free));
      Result r = new Result(faulty.lost(ids), faulty.duplicated(ids, free), faulty.differing(free), chaos.kills, chaos.brokerRestarts);
      if (!r.ok()) {
        say("what differs from the fault-free run (first 20 of each; stage logs in %s):", work.resolve("chaos"));
        faulty.explain(ids, free, serdes, "chaos.events", out, 20);
      }
      return r;
    }
  }

  private RunOutput pipeline(String run, ChaosInput.Input input, List<String> ids, Map<String, String> settings,
      BrokerProcesses cluster, TopicSerdes serdes, Path work, int kills, int brokerRestarts) throws Exception {
    return pipeline(run, input, ids, settings, cluster, serdes, work, kills, brokerRestarts, null);
  }

  private RunOutput pipeline(String run, ChaosInput.Input input, List<String> ids, Map<String, String> settings,
      BrokerProcesses cluster, TopicSerdes serdes, Path work, int kills, int brokerRestarts, Chaos chaos) throws Exception {
    Settings s = Settings.of(settings).with(StageProcesses.topicSettings(run));
    Topics topics = new Topics(s);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      TopicAdmin.ensure(admin, topics.all());
    }
    try (StageProcesses stages = new StageProcesses(o.root().resolve("cli/target/newsline.jar"), work.resolve(run), run, settings);
        TopicTail raw = new TopicTail(cluster.bootstrapServers(), topics.raw());
        TopicTail enriched = new TopicTail(cluster.bootstrapServers(), topics.enriched());
        TopicTail assignments = new TopicTail(cluster.bootstrapServers(), topics.assignments());
        TopicTail events = new TopicTail(cluster.bootstrapServers(), topics.events())) {
      stages.startAll();
      stages.awaitReady(Duration.ofMinutes(5));
      say("%s: stages ready", run);
      long readyAt = System.nanoTime();
      // spread the input over the chaos so that kills land while articles flow through every stage
      double expectedChaosSeconds = kills * (o.minInterval().toMillis() + o.maxInterval().toMillis()) / 2000.0;
      double rate = kills == 0 ? 200 : Math.max(5, ids.size() / Math.max(1, 0.6 * expectedChaosSeconds));
      // the sentinels go last, once aggregate has read every article: one that overtook articles
      // still on their way through another partition would release the buffer without them, and
      // they would be clustered late, in whatever order they happened to arrive
      PushSender sender = new PushSender(stages.pushUrl(), stages.pushToken(), input.articles(), input.sentinels(),
          () -> awaitAggregateRead(run, ids, cluster.bootstrapServers(), topics, serdes), 20, rate);
      Thread sending = new Thread(sender, run + "-sender");
      sending.start();
      Thread chaosThread = null;
      if (chaos != null) {
        chaosThread = new Thread(() -> chaos.unleash(stages, kills, brokerRestarts, cluster.bootstrapServers(), topics.enriched()),
            run + "-chaos");
        chaosThread.start();
      }
      long deadline = System.nanoTime() + o.timeout().toNanos();
      long lastProgress = System.nanoTime();
      int lastAssigned = -1;
      boolean quietSeen = false;
      RunOutput now;
      while (true) {
        Thread.sleep(3000);
        now = RunOutput.of(raw.catchUp(Duration.ofMinutes(2)), List.of(), assignments.catchUp(Duration.ofMinutes(2)), List.of(), serdes);
        int assigned = (int) ids.stream().filter(now.eventOf()::containsKey).count();
        boolean chaosOver = chaosThread == null || !chaosThread.isAlive();
        say("%s: %d/%d sent (%d retried batches), %d/%d assigned%s", run, Math.min(sender.sent(), ids.size()), ids.size(),
            sender.retries(), assigned, ids.size(), chaos == null ? "" : ", " + chaos.describe());
        // a stall is counted from the last new assignment or the moment sending and chaos were both
        // over, whichever is later: aggregate may assign nothing until the sentinels release the input
        boolean quiet = sender.done() && chaosOver;
        if (assigned != lastAssigned || quiet && !quietSeen) {
          lastAssigned = assigned;
          lastProgress = System.nanoTime();
        }
        quietSeen = quiet;
        if (quiet && assigned == ids.size()) {
          break;
        }
        if (System.nanoTime() > deadline || quiet && System.nanoTime() - lastProgress > Duration.ofMinutes(5).toNanos()) {
          say("%s: giving up waiting (%d of %d assigned); stage logs in %s", run, assigned, ids.size(), work.resolve(run));
          break;
        }
      }
      processingSeconds.put(run, (System.nanoTime() - readyAt) / 1e9);
      sending.interrupt();
      if (chaosThread != null) {
        chaosThread.interrupt();
        chaosThread.join();
      }
      return RunOutput.of(raw.catchUp(Duration.ofMinutes(2)), enriched.catchUp(Duration.ofMinutes(2)),
          assignments.catchUp(Duration.ofMinutes(2)), events.catchUp(Duration.ofMinutes(2)), serdes);
    }
  }

  /**
   * Waits until every article is committed to the enriched topic and aggregate's consumer group
   * has committed offsets past all of them: with exactly-once, its writes of them to its
   * repartition topic committed with those offsets, so anything sent from now on reaches the
   * clustering partition after them.
   */
  private void awaitAggregateRead(String run, List<String> ids, String bootstrap, Topics topics, TopicSerdes serdes)
      throws InterruptedException {
    say("%s: every article accepted; waiting for aggregate to read them all before the sentinels", run);
    java.util.Set<String> missing = new java.util.HashSet<>(ids);
    Map<TopicPartition, Long> last = new HashMap<>();
    try (TopicTail enriched = new TopicTail(bootstrap, topics.enriched());
        Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      int seen = 0;
      while (!missing.isEmpty()) {
        List<ConsumerRecord<byte[], byte[]>> records = enriched.catchUp(Duration.ofMinutes(2));
        for (; seen < records.size(); seen++) {
          ConsumerRecord<byte[], byte[]> r = records.get(seen);
          if (r.value() != null
              && missing.remove(ChaosInput.idOf(serdes.enriched().deserializer().deserialize(r.topic(), r.value()).getUrl()))) {
            last.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::max);
          }
        }
        if (!missing.isEmpty()) {
          Thread.sleep(2000);
        }
      }
      String group = run + "-" + Stage.AGGREGATE.command(); // the stage's application.id
      while (true) {
        try {
          Map<TopicPartition, OffsetAndMetadata> committed =
              admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
          if (last.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() > e.getValue())) {
            say("%s: aggregate has read every article; sending the sentinels", run);
            return;
          }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          // a broker restarting: ask again
        }
        Thread.sleep(2000);
      }
    }
  }

  /** Kills stage processes (SIGKILL, then starts them again) and restarts brokers, at random moments. */
  private final class Chaos {
    private final BrokerProcesses cluster;
    private final Map<Stage, Integer> byStage = new EnumMap<>(Stage.class);
    final RecoveryTimes recovery = new RecoveryTimes();
    private volatile int kills;
    private volatile int brokerRestarts;

    Chaos(BrokerProcesses cluster) {
      this.cluster = cluster;
    }

    /**
     * {@code killCount - 1} kills of random stages at random moments while the input flows, and a
     * last one aimed at aggregate while it clusters the input (a sentinel just reached it).
     */
    void unleash(StageProcesses stages, int killCount, int restarts, String bootstrap, String enrichedTopic) {
      try {
        List<Integer> restartAfter = new ArrayList<>();
        for (int r = 1; r <= restarts; r++) {
          restartAfter.add(Math.max(1, (killCount - 1) * r / (restarts + 1)));
        }
        for (int k = 0; k < killCount - 1; k++) {
          long pause = o.minInterval().toMillis()
              + (long) (random.nextDouble() * (o.maxInterval().toMillis() - o.minInterval().toMillis()));
          Thread.sleep(pause);
          kill(stages, Stage.values()[random.nextInt(Stage.values().length)]);
          while (!restartAfter.isEmpty() && restartAfter.get(0) <= kills) {
            restartAfter.remove(0);
            restartBroker();
          }
        }
        while (!restartAfter.isEmpty()) {
          restartAfter.remove(0);
          restartBroker();
        }
        if (killCount > 0) {
          awaitSentinel(bootstrap, enrichedTopic);
          Thread.sleep(random.nextInt(1500));
          say("killing aggregate while it clusters the input");
          kill(stages, Stage.AGGREGATE);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        say("chaos failed: %s", e);
      }
    }

    private void kill(StageProcesses stages, Stage victim) throws InterruptedException, IOException {
      long killedAt = System.nanoTime();
      stages.kill(victim);
      stages.start(victim);
      byStage.merge(victim, 1, Integer::sum);
      kills++;
      // recovery time: from the SIGKILL until the new process is ready again (not counted when it is killed again first)
      Process restarted = stages.process(victim);
      Thread watcher = new Thread(() -> {
        try {
          if (stages.awaitReady(victim, restarted, Duration.ofMinutes(5))) {
            recovery.add(victim.command(), Duration.ofNanos(System.nanoTime() - killedAt));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "chaos-recovery-" + victim.command());
      watcher.setDaemon(true);
      watcher.start();
    }

    /** Waits until a sentinel is committed to the enriched topic: aggregate is about to release the input. */
    private void awaitSentinel(String bootstrap, String topic) throws InterruptedException {
      Map<String, Object> c = Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
          "key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class,
          "value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
      try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(c)) {
        var parts = consumer.partitionsFor(topic, Duration.ofMinutes(1)).stream()
            .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        while (true) {
          if (Thread.interrupted()) {
            throw new InterruptedException();
          }
          for (var r : consumer.poll(Duration.ofMillis(100))) {
            if (r.key() != null && r.key().contains(ChaosInput.SENTINEL)) {
              return;
            }
          }
        }
      }
    }

    private void restartBroker() throws IOException, InterruptedException {
      int b = random.nextInt(cluster.size());
      say("killing broker %d", b + 1);
      cluster.kill(b);
      Thread.sleep(5000);
      long startedAt = System.nanoTime();
      cluster.start(b);
      try {
        cluster.awaitBroker(b, Duration.ofMinutes(3));
      } catch (Exception e) {
        throw new IOException("broker " + (b + 1) + " did not come back", e);
      }
      brokerRestarts++;
      Duration back = Duration.ofNanos(System.nanoTime() - startedAt);
      recovery.add("broker", back);
      say("broker %d is back %.1f s after its restart (down 5 s before it)", b + 1, back.toMillis() / 1000.0);
    }

    String describe() {
      return String.format(Locale.ROOT, "%d kills %s, %d broker restart(s)", kills, byStage, brokerRestarts);
    }
  }

  private void say(String format, Object... args) {
    out.printf(Locale.ROOT, "chaos [%4.0f s] %s%n", (System.nanoTime() - t0) / 1e9, String.format(Locale.ROOT, format, args));
  }
}
