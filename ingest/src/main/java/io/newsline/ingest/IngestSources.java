package io.newsline.ingest;

import io.newsline.common.Closer;
import io.newsline.common.config.Settings;
import io.newsline.ingest.feed.Backoff;
import io.newsline.ingest.feed.FeedPoller;
import io.newsline.ingest.feed.FeedSource;
import io.newsline.ingest.feed.FeedSources;
import io.newsline.ingest.fetch.FetchSettings;
import io.newsline.ingest.fetch.PoliteFetcher;
import io.newsline.ingest.push.PushEndpoint;
import io.newsline.ingest.source.InputFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

  /** Starts the sources the settings switch on; the folder is imported through {@code importer}. */
  public static IngestSources start(Settings s, IngestService service, FileImporter importer, Clock clock) throws IOException {
    IngestSources c = new IngestSources();
    try {
      c.startFeeds(s, service, clock);
      c.startPush(s, service);
      if (s.has("ingest.folder")) {
        InputFolder folder = new InputFolder(Path.of(s.get("ingest.folder")),
            s.getLong("ingest.folder.max-decompressed-bytes", InputFolder.DEFAULT_MAX_DECOMPRESSED_BYTES));
        importer.watch(folder, s.getDuration("ingest.folder.interval", Duration.ofSeconds(2)));
        LOG.info("watching {} for .txt, .html, .json, .jsonl and .jsonl.gz files", folder.dir());
      }
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private void startFeeds(Settings s, ArticleSink sink, Clock clock) {
    List<FeedSource> feeds = FeedSources.from(s);
    if (feeds.isEmpty()) {
      return;
    }
    PoliteFetcher fetcher = manage(new PoliteFetcher(FetchSettings.from(s), clock));
    Backoff backoff = new Backoff(s.getDuration("ingest.feeds.backoff.initial", Duration.ofMinutes(1)),
        s.getDuration("ingest.feeds.backoff.max", Duration.ofHours(6)), new Random());
    poller = manage(new FeedPoller(feeds, KafkaFeedStates.load(s), fetcher, sink, clock, backoff,
        s.getInt("ingest.feeds.threads", 4), s.getInt("ingest.feeds.max-items-per-poll", 100),
        s.getInt("ingest.feeds.min-content-chars", 500)));
    poller.start();
  }

  private void startPush(Settings s, ArticleSink sink) throws IOException {
    if (!s.has("ingest.push.port")) {
      return;
    }
    push = manage(PushEndpoint.start(sink, s.get("ingest.push.host", "0.0.0.0"), s.getInt("ingest.push.port", 8092),
        s.require("ingest.push.token"), PushEndpoint.Limits.from(s)));
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
