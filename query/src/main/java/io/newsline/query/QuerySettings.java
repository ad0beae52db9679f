package io.newsline.query;

import io.newsline.common.config.ConfigException;
import io.newsline.common.config.Settings;
import io.newsline.query.api.EventStream;
import java.time.Duration;

/**
 * The query stage's settings (all optional):
 * <ul>
 *   <li>{@code query.limit.default} (20), {@code query.limit.max} (100): page sizes; a larger
 *       {@code limit} is capped.
 *   <li>{@code query.stream.clients.max} (half the HTTP server's connections: 64): live streams an
 *       instance serves at once. Each holds a connection of the stage's HTTP server, so at most half of
 *       them: the rest stay for API requests, health checks and scrapes.
 *   <li>{@code query.stream.clients.per-address} (16): live streams one client address may hold (at
 *       most half the connections the server gives one address: 32). Behind a reverse proxy every
 *       client has the proxy's address: raise it.
 *   <li>{@code query.stream.heartbeat} (15s): a comment on idle streams, so proxies keep them and gone clients are noticed.
 *   <li>{@code query.cors.origin} (*): the Access-Control-Allow-Origin of /api answers, so dashboards on
 *       other origins can read the API; empty to send none.
 *   <li>{@code query.store.memory.mb} (64): block cache and memtables of all stores together (off-heap).
 *   <li>{@code query.web.dir} (none): serve the dashboard's files from this folder, read at every
 *       request, instead of from the jar: edit them and reload the page.
 * </ul>
 */
public record QuerySettings(int defaultLimit, int maxLimit, Integer maxStreams, Integer maxStreamsPerAddress, Duration heartbeat,
    String corsOrigin, long storeMemoryBytes, java.nio.file.Path webDir) {

  public static QuerySettings from(Settings s) {
    int max = positive(s, "query.limit.max", 100);
    int def = Math.min(positive(s, "query.limit.default", 20), max);
    Duration heartbeat = s.getDuration("query.stream.heartbeat", Duration.ofSeconds(15));
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new ConfigException("setting query.stream.heartbeat must be positive");
    }
    return new QuerySettings(def, max, optionalPositive(s, "query.stream.clients.max"),
        optionalPositive(s, "query.stream.clients.per-address"), heartbeat,
        s.get("query.cors.origin", "*").strip(), positive(s, "query.store.memory.mb", 64) * (1L << 20),
        s.has("query.web.dir") ? java.nio.file.Path.of(s.get("query.web.dir")) : null);
  }

  /**
   * The live streams' bounds on a server that holds {@code connections} connections at once
   * ({@code perClient} from one address): at most half of each, so streams can never take the
   * connections that API requests, health checks and scrapes need.
   */
  public EventStream.Limits streamLimits(int connections, int perClient) {
    int total = bounded("query.stream.clients.max", maxStreams, Math.max(1, connections / 2),
        "half the " + connections + " connections of the stage's HTTP server");
    int mine = bounded("query.stream.clients.per-address", maxStreamsPerAddress, Math.max(1, perClient / 2),
        "half the " + perClient + " connections the stage's HTTP server gives one address");
    return new EventStream.Limits(total, Math.min(mine, total));
  }

  private static int bounded(String key, Integer configured, int most, String why) {
    if (configured == null) {
      return key.endsWith("per-address") ? Math.min(EventStream.Limits.DEFAULT.perAddress(), most) : most;
    }
    if (configured > most) {
      throw new ConfigException("setting " + key + " must be at most " + most + " (" + why + "), got " + configured);
    }
    return configured;
  }

  private static Integer optionalPositive(Settings s, String key) {
    return s.has(key) ? positive(s, key, 1) : null;
  }

  private static int positive(Settings s, String key, int fallback) {
    int v = s.getInt(key, fallback);
    if (v <= 0) {
      throw new ConfigException("setting " + key + " must be positive, got " + v);
    }
    return v;
  }
}
