package io.newsline.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import io.newsline.common.http.Handler;
import io.newsline.common.http.HttpService;
import io.newsline.common.http.Request;
import io.newsline.common.http.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process schema registry serving the Confluent REST API over HTTP (Avro only, no schema
 * references, no modes other than READWRITE), so Confluent-compatible clients and serdes work
 * against it. Data lives in a {@link SchemaStore}: {@link InMemorySchemaStore} for tests, {@link
 * KafkaSchemaStore} for a registry that survives restarts. Optional HTTP Basic authentication.
 * Closing the registry closes its store.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final SchemaStore store;
  private final HttpService http;

  private EmbeddedSchemaRegistry(Builder b) throws IOException {
    this.store = b.store;
    RegistryService service = new RegistryService(b.store);
    BasicAuth auth = b.users.isEmpty() ? null : new BasicAuth(b.users);
    HttpService.Builder routes = HttpService.builder("schema-registry", b.host, b.port)
        .jsonContentType(CONTENT_TYPE);
    new Routes(service).register((method, pattern, handler) ->
        routes.route(method, pattern, storeErrorsAs50001(auth == null ? handler : auth.protect(handler))));
    this.http = routes.start();
    LOG.info("schema registry listening on {} (store {}, {})", http.baseUrl(),
        store.getClass().getSimpleName(), auth == null ? "no auth" : "basic auth");
  }

  /** Starts serving on host:port (port 0 picks a free port). */
  public static EmbeddedSchemaRegistry start(SchemaStore store, String host, int port) {
    return builder(store).host(host).port(port).start();
  }

  /** Starts serving on host:port, requiring HTTP Basic auth with one of these user → password pairs. */
  public static EmbeddedSchemaRegistry start(SchemaStore store, String host, int port, Map<String, String> users) {
    return builder(store).host(host).port(port).basicAuth(users).start();
  }

  public static Builder builder(SchemaStore store) {
    return new Builder(store);
  }

  /** Base URL, e.g. http://127.0.0.1:8081 */
  public String url() {
    return http.baseUrl();
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.close();
    store.close();
  }

  private static Handler storeErrorsAs50001(Handler handler) {
    return request -> {
      try {
        return handler.handle(request);
      } catch (SchemaStoreException e) {
        LOG.warn("schema store failed during {} {}", request.method(), request.path(), e);
        throw new RegistryError(RegistryError.STORE_ERROR, "Error in the backend data store: " + e.getMessage());
      }
    };
  }

  /** Configures and starts an {@link EmbeddedSchemaRegistry}. */
  public static final class Builder {
    private final SchemaStore store;
    private String host = "127.0.0.1";
    private int port;
    private Map<String, String> users = Map.of();

    private Builder(SchemaStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** 0 (the default) picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Requires HTTP Basic auth with one of these user → password pairs on every route. */
    public Builder basicAuth(Map<String, String> users) {
      this.users = Map.copyOf(users);
      return this;
    }

    public EmbeddedSchemaRegistry start() {
      try {
        return new EmbeddedSchemaRegistry(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the schema registry on " + host + ":" + port, e);
      }
    }
  }

  /** The Confluent REST API routes over a {@link RegistryService}. */
  private record Routes(RegistryService service) {
    interface Sink {
      void add(String method, String pattern, Handler handler);
    }

    void register(Sink r) {
      r.add("GET", "/", q -> ok(Map.of()));
      r.add("GET", "/subjects", q -> ok(service.subjects(flag(q, "deleted"))));
      r.add("GET", "/subjects/{subject}/versions", q -> ok(service.versionNumbers(subject(q), flag(q, "deleted"))));
      r.add("POST", "/subjects/{subject}/versions", q -> ok(Map.of("id", service.register(subject(q), body(q)))));
      r.add("GET", "/subjects/{subject}/versions/{version}",
          q -> ok(versionJson(service.version(subject(q), q.param("version"), flag(q, "deleted")))));
      r.add("GET", "/subjects/{subject}/versions/{version}/schema",
          q -> raw(service.version(subject(q), q.param("version"), flag(q, "deleted")).schema()));
      r.add("POST", "/subjects/{subject}", q -> ok(versionJson(service.lookup(subject(q), body(q), flag(q, "deleted")))));
      r.add("DELETE", "/subjects/{subject}", q -> ok(service.deleteSubject(subject(q), flag(q, "permanent"))));
      r.add("DELETE", "/subjects/{subject}/versions/{version}",
          q -> ok(service.deleteVersion(subject(q), q.param("version"), flag(q, "permanent"))));
      r.add("GET", "/schemas/types", q -> ok(List.of("AVRO")));
      r.add("GET", "/schemas/ids/{id}", q -> ok(Map.of("schema", service.schemaById(id(q)))));
      r.add("GET", "/schemas/ids/{id}/schema", q -> raw(service.schemaById(id(q))));
      r.add("GET", "/schemas/ids/{id}/versions", q -> ok(service.versionsWithId(id(q), flag(q, "deleted")).stream()
          .map(s -> Map.of("subject", s.subject(), "version", s.version())).toList()));
      r.add("GET", "/schemas/ids/{id}/subjects", q -> ok(service.versionsWithId(id(q), flag(q, "deleted")).stream()
          .map(StoredSchema::subject).distinct().toList()));
      r.add("POST", "/compatibility/subjects/{subject}/versions/{version}", this::compatibility);
      r.add("GET", "/config", q -> ok(Map.of("compatibilityLevel", service.level(null).name())));
      r.add("PUT", "/config", q -> ok(Map.of("compatibility", service.setLevel(null, body(q)).name())));
      r.add("GET", "/config/{subject}",
          q -> ok(Map.of("compatibilityLevel", service.subjectLevel(subject(q), flag(q, "defaultToGlobal")).name())));
      r.add("PUT", "/config/{subject}", q -> ok(Map.of("compatibility", service.setLevel(subject(q), body(q)).name())));
      r.add("DELETE", "/config/{subject}", q -> ok(Map.of("compatibilityLevel", service.deleteSubjectLevel(subject(q)).name())));
      r.add("GET", "/mode", q -> ok(Map.of("mode", "READWRITE")));
    }

    private Response compatibility(Request q) {
      List<String> problems = service.compatibilityProblems(subject(q), q.param("version"), body(q));
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("is_compatible", problems.isEmpty());
      if (flag(q, "verbose")) {
        answer.put("messages", problems);
      }
      return ok(answer);
    }

    private static Map<String, Object> versionJson(StoredSchema s) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("subject", s.subject());
      json.put("version", s.version());
      json.put("id", s.id());
      json.put("schema", s.schema());
      return json;
    }

    private static Response ok(Object value) {
      return Response.ok(value);
    }

    private static Response raw(String schemaJson) {
      return Response.text(200, CONTENT_TYPE, schemaJson);
    }

    private static String subject(Request q) {
      return q.param("subject");
    }

    private static boolean flag(Request q, String name) {
      return "true".equalsIgnoreCase(q.query(name));
    }

    private static int id(Request q) {
      try {
        return Integer.parseInt(q.param("id"));
      } catch (NumberFormatException e) {
        throw new RegistryError(RegistryError.SCHEMA_NOT_FOUND, "Schema " + q.param("id") + " not found");
      }
    }

    private static JsonNode body(Request q) {
      try {
        return Json.parse(q.bodyText());
      } catch (IllegalArgumentException e) {
        throw new RegistryError(RegistryError.INVALID_SCHEMA, "Request body is not JSON: " + e.getMessage());
      }
    }
  }
}
