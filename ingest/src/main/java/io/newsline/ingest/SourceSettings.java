package io.newsline.ingest;

import io.newsline.common.config.ConfigException;
import io.newsline.common.config.Settings;
import io.newsline.ingest.feed.FeedSource;
import io.newsline.ingest.feed.FeedSources;
import io.newsline.ingest.fetch.FetchSettings;
import io.newsline.ingest.push.PushEndpoint;
import io.newsline.ingest.source.InputFolder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the long-running sources read from the settings, read all at once so that a bad value
 * (a feed that is no http(s) URL, a push port of 70000) is a configuration error before anything
 * starts: {@code newsline local --feed notaurl} started Kafka, the registry and the stages first.
 *
 * @param push null when the push endpoint is off
 * @param folder null when no folder is watched
 */
record SourceSettings(List<FeedSource> feeds, FetchSettings fetch, Duration backoffInitial, Duration backoffMax,
    int feedThreads, int maxItemsPerPoll, int minContentChars, Push push, Path folder, long folderMaxBytes,
    Duration folderInterval) {

  /** The push endpoint's address, token and limits. */
  record Push(String host, int port, String token, PushEndpoint.Limits limits) {}

  static SourceSettings from(Settings s) {
    Push push = null;
    if (s.has("ingest.push.port")) {
      int port = s.getInt("ingest.push.port", 0);
      if (port < 0 || port > 65535) {
        throw new ConfigException("setting ingest.push.port: a port from 0 to 65535, not " + port);
      }
      push = new Push(s.get("ingest.push.host", "0.0.0.0"), port, s.require("ingest.push.token"), PushEndpoint.Limits.from(s));
    }
    return new SourceSettings(FeedSources.from(s), FetchSettings.from(s),
        s.getDuration("ingest.feeds.backoff.initial", Duration.ofMinutes(1)),
        s.getDuration("ingest.feeds.backoff.max", Duration.ofHours(6)),
        positive(s, "ingest.feeds.threads", 4), positive(s, "ingest.feeds.max-items-per-poll", 100),
        s.getInt("ingest.feeds.min-content-chars", 500), push,
        s.has("ingest.folder") ? Path.of(s.get("ingest.folder")) : null,
        s.getLong("ingest.folder.max-decompressed-bytes", InputFolder.DEFAULT_MAX_DECOMPRESSED_BYTES),
        s.getDuration("ingest.folder.interval", Duration.ofSeconds(2)));
  }

  private static int positive(Settings s, String key, int fallback) {
    int v = s.getInt(key, fallback);
    if (v < 1) {
      throw new ConfigException("setting " + key + " must be at least 1, got " + v);
    }
    return v;
  }
}
