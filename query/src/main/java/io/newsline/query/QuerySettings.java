package io.newsline.query;

import io.newsline.common.config.ConfigException;
import io.newsline.common.config.Settings;
import java.time.Duration;

/**
 * The query stage's settings (all optional):
 * <ul>
 *   <li>{@code query.limit.default} (20), {@code query.limit.max} (100): page sizes; a larger
 *       {@code limit} is capped.
 *   <li>{@code query.stream.clients.max} (256): live streams an instance serves at once (each holds a thread).
 *   <li>{@code query.stream.heartbeat} (15s): a comment on idle streams, so proxies keep them and gone clients are noticed.
 *   <li>{@code query.cors.origin} (*): the Access-Control-Allow-Origin of /api answers, so dashboards on
 *       other origins can read the API; empty to send none.
 *   <li>{@code query.store.memory.mb} (64): block cache and memtables of all stores together (off-heap).
 *   <li>{@code query.http.threads} (4): request threads.
 *   <li>{@code query.web.dir} (none): serve the dashboard's files from this folder, read at every
 *       request, instead of from the jar: edit them and reload the page.
 * </ul>
 */
public record QuerySettings(int defaultLimit, int maxLimit, int maxStreams, Duration heartbeat, String corsOrigin,
    long storeMemoryBytes, int threads, java.nio.file.Path webDir) {

  public static QuerySettings from(Settings s) {
    int max = positive(s, "query.limit.max", 100);
    int def = Math.min(positive(s, "query.limit.default", 20), max);
    Duration heartbeat = s.getDuration("query.stream.heartbeat", Duration.ofSeconds(15));
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new ConfigException("setting query.stream.heartbeat must be positive");
    }
    return new QuerySettings(def, max, positive(s, "query.stream.clients.max", 256), heartbeat,
        s.get("query.cors.origin", "*").strip(), positive(s, "query.store.memory.mb", 64) * (1L << 20),
        positive(s, "query.http.threads", 4), s.has("query.web.dir") ? java.nio.file.Path.of(s.get("query.web.dir")) : null);
  }

  private static int positive(Settings s, String key, int fallback) {
    int v = s.getInt(key, fallback);
    if (v <= 0) {
      throw new ConfigException("setting " + key + " must be positive, got " + v);
    }
    return v;
  }
}
