package io.newsline.ingest;

import io.newsline.common.config.Settings;
import io.newsline.runtime.Topics;
import io.newsline.runtime.stage.Stage;
import io.newsline.runtime.stage.StageContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The ingest stage: articles from feeds, the push endpoint, a watched folder and file imports,
 * cleaned and deduplicated, published to the raw topic. It keeps no input position, so there is
 * nothing to reset: a restart rebuilds the duplicate index and the feed states from its topics.
 */
public final class IngestStage implements Stage {
  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public String description() {
    return "Run the ingest stage: feeds (ingest.feeds, ingest.feeds.file), push endpoint (ingest.push.port,"
        + " ingest.push.token) and watched folder (ingest.folder), publishing to the raw topic.";
  }

  @Override
  public int defaultPort() {
    return 8091;
  }

  /** Read back at start-up: the duplicate index from the raw topic, the feed states from the state topic. */
  @Override
  public List<String> inputs(Topics topics) {
    return List.of(topics.raw(), topics.ingestState());
  }

  @Override
  public List<String> outputs(Topics topics) {
    return List.of(topics.raw(), topics.ingestState(), topics.deadLetter());
  }

  /** The sources' settings: feeds, push endpoint, watched folder. */
  @Override
  public void check(Settings settings) {
    IngestSources.check(settings);
  }

  /** The service, its file importer and the sources the settings switch on (feeds, push, folder). */
  @Override
  public Running start(StageContext context) throws IOException {
    IngestService service = newService(context, "service");
    FileImporter importer = context.closer().register(new FileImporter(service));
    IngestSources sources = context.closer().register(IngestSources.start(context.settings(), service, importer, Clock.systemUTC()));
    // ready (/ready answers 200) only once the sources run: a scrape then sees each source's counters at 0
    context.ops().register(service);
    return new Running(service, importer, sources);
  }

  /**
   * The service and a file importer alone, without the long-running sources: one-shot imports.
   * The purpose (say, the files imported) gives the import its own transactional id, so it does
   * not fence a running ingest service.
   */
  public static FileImporter startImporter(StageContext context, String purpose) {
    return context.closer().register(new FileImporter(startService(context, purpose)));
  }

  private static IngestService startService(StageContext context, String purpose) {
    IngestService service = newService(context, purpose);
    context.ops().register(service);
    return service;
  }

  private static IngestService newService(StageContext context, String purpose) {
    return context.closer().register(new IngestService(context.settings(), Instant::now, purpose));
  }

  /** The started stage: the service publishing every source's articles, the file importer, the sources. */
  public record Running(IngestService service, FileImporter importer, IngestSources sources) implements Stage.Running {
    /** The service is ready once constructed: its duplicate index is rebuilt and its producer initialised. */
    @Override
    public boolean awaitRunning(Duration timeout) {
      return true;
    }
  }
}
