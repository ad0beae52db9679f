package io.newsline.runtime.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsline.common.http.Handler;
import io.newsline.common.http.HttpService;
import io.newsline.common.http.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Health and metrics endpoints of a stage process: GET /health (liveness: 200 unless a component
 * is DOWN), GET /ready (200 when every component is UP) and GET /metrics (Prometheus text format).
 * The server bounds connections and header time ({@link HttpService}), so clients that connect
 * and trickle cannot keep health checks and scrapes from being answered. A stage that serves HTTP
 * itself (the query API) mounts its routes on the same port: the errors the server answers itself
 * are {@code {"error": "..."}}, the shape of that API's own.
 */
public final class OpsServer implements AutoCloseable {
  private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();
  private final HttpService http;

  private OpsServer(String host, int port, PrometheusMeterRegistry registry) throws IOException {
    this.http =
        HttpService.builder("ops", host, port)
            .get("/health", r -> health(false))
            .get("/ready", r -> health(true))
            .get("/metrics", r -> Response.text(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()))
            // unknown path, wrong method, malformed request, limits: in the shape a mounted API documents
            .errorBody((status, message) -> Map.of("error", message))
            .start();
  }

  public static OpsServer start(String host, int port) throws IOException {
    return new OpsServer(host, port, NewslineMetrics.registry());
  }

  public OpsServer register(HealthCheck check) {
    checks.add(check);
    return this;
  }

  /** Mounts a route beside /health, /ready and /metrics (a stage's own API, e.g. the query stage's). */
  public OpsServer route(String method, String pattern, Handler handler) {
    http.route(method, pattern, handler);
    return this;
  }

  /** Adds a header to the errors the server answers itself (404, 405, limits), as a mounted API's CORS origin. */
  public OpsServer errorHeader(String name, String value) {
    http.errorHeader(name, value);
    return this;
  }

  /** Connections the server holds at once, in all and from one client address (long-lived streams count). */
  public int maxConnections() {
    return http.maxConnections();
  }

  public int maxConnectionsPerClient() {
    return http.maxConnectionsPerClient();
  }

  public String url() {
    return http.baseUrl();
  }

  public int port() {
    return http.port();
  }

  private Response health(boolean readiness) {
    Map<String, Object> components = new LinkedHashMap<>();
    boolean down = false;
    boolean notReady = checks.isEmpty(); // nothing registered yet: still starting
    for (HealthCheck c : checks) {
      HealthCheck.Status s = c.status();
      components.put(c.name(), Map.of("status", s.state().name(), "detail", s.detail()));
      down |= s.state() == HealthCheck.State.DOWN;
      notReady |= s.state() != HealthCheck.State.UP;
    }
    boolean ok = readiness ? !notReady && !down : !down;
    String overall = down ? "DOWN" : notReady ? "STARTING" : "UP";
    return Response.json(ok ? 200 : 503, Map.of("status", overall, "components", components));
  }

  @Override
  public void close() {
    http.close();
  }
}
