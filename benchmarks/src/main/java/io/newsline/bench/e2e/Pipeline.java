package io.newsline.bench.e2e;

import io.newsline.aggregate.AggregateStage;
import io.newsline.bench.TempFolders;
import io.newsline.common.FileTrees;
import io.newsline.common.config.Settings;
import io.newsline.enrich.EnrichStage;
import io.newsline.ingest.IngestService;
import io.newsline.runtime.KafkaSettings;
import io.newsline.runtime.TopicAdmin;
import io.newsline.runtime.Topics;
import io.newsline.runtime.streams.StreamsStage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One pipeline on the benchmark's broker: ingest service, enrich and aggregate stages with the
 * settings {@code newsline local} uses, on topics and application ids of their own (named after
 * the part of the benchmark), and a {@link Monitor} reading its outputs like a dashboard.
 */
final class Pipeline implements AutoCloseable {
  final Settings settings;
  final Topics topics;
  final String enrichApp;
  final String aggregateApp;
  final IngestService ingest;
  final Monitor monitor;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final double startSeconds;

  private Pipeline(String bootstrap, String registry, String name, Map<String, String> overrides) throws Exception {
    long t0 = System.nanoTime();
    Path stateDir = TempFolders.create("newsline-e2e-state");
    manage(() -> FileTrees.delete(stateDir)); // closed last: up to 1.8 GB per run
    Map<String, String> s = new HashMap<>();
    // what LocalCommand sets
    s.put("bootstrap.servers", bootstrap);
    s.put("schema.registry.url", registry);
    s.put("state.dir", stateDir.toString());
    s.put("topics.replication.factor", "1");
    s.put("aggregate.reorder.idle", "2s");
    // this part's own topics, so parts do not see each other's records
    for (String t : new String[] {"raw", "enriched", "events", "assignments", "deadletter", "ingest.state"}) {
      s.put("topics." + t, name + "." + t);
    }
    s.put("ingest.transactional.id", name + "-ingest");
    this.settings = Settings.of(s).with(overrides);
    this.topics = new Topics(settings);
    this.enrichApp = name + "-enrich";
    this.aggregateApp = name + "-aggregate";
    try (Admin admin = Admin.create(KafkaSettings.clientConfig(settings))) {
      TopicAdmin.ensure(admin, topics.all());
    }
    StreamsStage enrich = manage(new StreamsStage("enrich", new EnrichStage().topology(settings), props("enrich", enrichApp)).start());
    StreamsStage aggregate =
        manage(new StreamsStage("aggregate", new AggregateStage().topology(settings), props("aggregate", aggregateApp)).start());
    this.monitor = manage(new Monitor(settings));
    this.ingest = manage(new IngestService(settings, Instant::now));
    if (!enrich.awaitRunning(Duration.ofSeconds(120)) || !aggregate.awaitRunning(Duration.ofSeconds(120))) {
      throw new IllegalStateException("the stages did not start within 2 minutes");
    }
    this.startSeconds = (System.nanoTime() - t0) / 1e9;
  }

  static Pipeline start(String bootstrap, String registry, String name, Map<String, String> overrides) throws Exception {
    return new Pipeline(bootstrap, registry, name, overrides);
  }

  private Properties props(String stage, String applicationId) {
    Properties p = KafkaSettings.streams(stage, settings);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    return p;
  }

  double startSeconds() {
    return startSeconds;
  }

  CpuMeter cpu() {
    return new CpuMeter(enrichApp, aggregateApp);
  }

  private <T extends AutoCloseable> T manage(T r) {
    resources.push(r);
    return r;
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        System.err.println("while stopping: " + e);
      }
    }
  }
}
