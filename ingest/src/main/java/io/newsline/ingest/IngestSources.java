package io.newsline.ingest;

import io.newsline.common.Closer;
import io.newsline.common.config.Settings;
import io.newsline.ingest.feed.Backoff;
import io.newsline.ingest.feed.FeedPoller;
import io.newsline.ingest.feed.FeedSource;
import io.newsline.ingest.fetch.PoliteFetcher;
import io.newsline.ingest.push.PushEndpoint;
import io.newsline.ingest.source.InputFolder;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running sources, each switched on by its settings: feeds (ingest.feeds,
 * ingest.feeds.file), the push endpoint (ingest.push.port) and the watched folder (ingest.folder).
 * See docs/ingest.md for every setting.
 */
public final class IngestSources implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestSources.class);
  private final Closer closer = new Closer();
  private FeedPoller poller;
  private PushEndpoint push;

  private IngestSources() {}

  /**
   * Checks every setting the sources read, without starting any: a bad one is a ConfigException
   * (or, for an unreadable feeds file, an UncheckedIOException) naming it.
   */
  public static void check(Settings s) {
    SourceSettings.from(s);
  }

  /** Starts the sources the settings switch on; the folder is imported through {@code importer}. */
  public static IngestSources start(Settings s, IngestService service, FileImporter importer, Clock clock) throws IOException {
    SourceSettings settings = SourceSettings.from(s);
    IngestSources c = new IngestSources();
    try {
      c.startFeeds(settings, s, service, clock);
      c.startPush(settings.push(), service);
      if (settings.folder() != null) {
        InputFolder folder = new InputFolder(settings.folder(), settings.folderMaxBytes());
        importer.watch(folder, settings.folderInterval());
        LOG.info("watching {} for .txt, .html, .json, .jsonl and .jsonl.gz files", folder.dir());
      }
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private void startFeeds(SourceSettings settings, Settings s, ArticleSink sink, Clock clock) {
    List<FeedSource> feeds = settings.feeds();
    if (feeds.isEmpty()) {
      return;
    }
    PoliteFetcher fetcher = manage(new PoliteFetcher(settings.fetch(), clock));
    Backoff backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), new Random());
    poller = manage(new FeedPoller(feeds, KafkaFeedStates.load(s), fetcher, sink, clock, backoff,
        settings.feedThreads(), settings.maxItemsPerPoll(), settings.minContentChars()));
    poller.start();
  }

  private void startPush(SourceSettings.Push p, ArticleSink sink) throws IOException {
    if (p == null) {
      return;
    }
    push = manage(PushEndpoint.start(sink, p.host(), p.port(), p.token(), p.limits()));
    LOG.info("push endpoint: POST {}/articles", push.url());
  }

  /** The feed poller, or null when no feeds are configured. */
  public FeedPoller poller() {
    return poller;
  }

  /** The push endpoint, or null when it is off. */
  public PushEndpoint push() {
    return push;
  }

  private <T extends AutoCloseable> T manage(T r) {
    return closer.register(r);
  }

  @Override
  public void close() {
    closer.close();
  }
}
