package io.newsline.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import io.newsline.registry.IncompatibleSchemaException;
import io.newsline.registry.RegistryFailureException;
import io.newsline.registry.RegistryUnavailableException;
import io.newsline.registry.SchemaNotFoundException;
import io.newsline.registry.SchemaRegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP calls to the registry: JSON in and out, Basic auth, fail-over between URLs on connection
 * errors, retries with exponential backoff and jitter for transient failures (connection errors,
 * timeouts, 5xx, 429), and Confluent error bodies mapped to {@link SchemaRegistryException}s.
 * Thread-safe.
 */
final class RegistryTransport {
  static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
          + " application/json; qs=0.5";
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final RegistryClientConfig config;
  private final HttpClient http;
  private final String authorization;
  /** Index of the URL that answered last: later calls start there. */
  private final AtomicInteger preferredUrl = new AtomicInteger();

  RegistryTransport(RegistryClientConfig config) {
    this.config = config;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (config.tls() != null) {
      builder.sslContext(TlsContexts.create(config.tls()));
    }
    this.http = builder.build();
    this.authorization =
        config.userInfo() == null
            ? null
            : "Basic " + Base64.getEncoder().encodeToString(
                config.userInfo().getBytes(StandardCharsets.UTF_8));
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  JsonNode post(String path, Object body) {
    return send("POST", path, body);
  }

  JsonNode put(String path, Object body) {
    return send("PUT", path, body);
  }

  /** Sends the call, retrying transient failures, and returns the parsed JSON answer. */
  JsonNode send(String method, String path, Object body) {
    String json = body == null ? null : Json.write(body);
    Failure last = null;
    for (int attempt = 0; attempt <= config.retries(); attempt++) {
      if (attempt > 0) {
        sleep(backoff(attempt));
      }
      Reply reply;
      try {
        reply = sendToFirstReachable(method, path, json);
      } catch (Unreachable e) {
        last = new Failure(e.url, e.getCause());
        continue;
      }
      if (reply.status >= 200 && reply.status < 300) {
        return parse(reply);
      }
      SchemaRegistryException error = toException(method, path, reply);
      if (!isRetriable(reply.status)) {
        throw error;
      }
      last = new Failure(reply.url, error);
    }
    throw unavailable(method, path, last);
  }

  /** Tries each URL in turn, starting with the one that answered last, until one answers. */
  private Reply sendToFirstReachable(String method, String path, String json) throws Unreachable {
    List<URI> urls = config.urls();
    int start = preferredUrl.get();
    Unreachable last = null;
    for (int i = 0; i < urls.size(); i++) {
      int index = (start + i) % urls.size();
      URI base = urls.get(index);
      try {
        HttpResponse<String> response =
            http.send(request(base, method, path, json), HttpResponse.BodyHandlers.ofString());
        preferredUrl.set(index);
        return new Reply(base, response.statusCode(), response.body());
      } catch (IOException e) {
        last = new Unreachable(base, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryUnavailableException(
            "interrupted while calling the schema registry at " + base, e);
      }
    }
    throw last;
  }

  private HttpRequest request(URI base, String method, String path, String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(config.requestTimeout())
            .header("Accept", ACCEPT);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (json == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", CONTENT_TYPE);
      b.method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }
    return b.build();
  }

  private static boolean isRetriable(int status) {
    return status >= 500 || status == 429;
  }

  /** Exponential backoff capped at the maximum, with "equal jitter": half fixed, half random. */
  long backoff(int attempt) {
    long base = config.backoff().toMillis();
    long cap = config.backoffMax().toMillis();
    long exp = attempt >= 31 ? cap : Math.min(cap, base << (attempt - 1));
    long half = exp / 2;
    return half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryUnavailableException("interrupted while waiting to retry the schema registry", e);
    }
  }

  private static JsonNode parse(Reply reply) {
    if (reply.body == null || reply.body.isBlank()) {
      return Json.mapper().nullNode();
    }
    try {
      return Json.parse(reply.body);
    } catch (IllegalArgumentException e) {
      throw new SchemaRegistryException(
          "schema registry at " + reply.url + " answered with a body that is not JSON: "
              + abbreviate(reply.body), reply.status, -1);
    }
  }

  private SchemaRegistryException toException(String method, String path, Reply reply) {
    int status = reply.status;
    int code = -1;
    String message = abbreviate(reply.body);
    try {
      JsonNode body = Json.parse(reply.body);
      code = body.path("error_code").asInt(-1);
      if (code <= 0) {
        // Apicurio's ccompat API sends "error_code": 0 for errors without a Confluent code (e.g.
        // its 409 for an incompatible schema): report it as "no code", like a body without one
        code = -1;
      }
      if (body.hasNonNull("message")) {
        message = body.get("message").asText();
      }
    } catch (IllegalArgumentException notJson) {
      // a proxy or load balancer answered: keep its text as the message
    }
    String where = " [" + method + " " + reply.url + path + ": HTTP " + status
        + (code > 0 ? ", error_code " + code : "") + "]";
    return switch (status) {
      // the caller's credentials or rights, not the record: a stage failure (RegistryFailureException)
      case 401 -> new RegistryFailureException(
          "authentication failed: check " + RegistryClientConfig.USER_INFO + " and "
              + RegistryClientConfig.CREDENTIALS_SOURCE + where, status, code);
      case 403 -> new RegistryFailureException(
          "authorisation failed: the registry user may not do this" + where, status, code);
      case 404 -> new SchemaNotFoundException(message + where, status, code);
      case 409 -> new IncompatibleSchemaException(message + where, status, code);
      case 422 -> new SchemaRegistryException(invalidKind(code) + message + where, status, code);
      default -> new SchemaRegistryException(
          "schema registry error: " + message + where, status, code);
    };
  }

  private static String invalidKind(int code) {
    return switch (code) {
      case 42202 -> "invalid version: ";
      case 42203 -> "invalid compatibility level: ";
      default -> "invalid schema: ";
    };
  }

  private RegistryUnavailableException unavailable(String method, String path, Failure last) {
    String message = "schema registry unavailable at " + config.urlList() + " after "
        + (config.retries() + 1) + " attempt(s) of " + method + " " + path + "; last error from "
        + last.url + ": " + describe(last.cause);
    return new RegistryUnavailableException(message, last.cause);
  }

  /** "ConnectException: Connection refused": the JDK client often throws with a null message. */
  private static String describe(Throwable t) {
    StringBuilder s = new StringBuilder();
    for (Throwable c = t; c != null && s.length() < 300; c = c.getCause()) {
      if (s.length() > 0) {
        s.append(" <- ");
      }
      s.append(c.getClass().getSimpleName());
      if (c.getMessage() != null) {
        s.append(": ").append(c.getMessage());
      }
      if (c instanceof SchemaRegistryException) {
        break;
      }
    }
    return s.toString();
  }

  private static String abbreviate(String text) {
    if (text == null) {
      return "";
    }
    String t = text.strip();
    return t.length() <= 300 ? t : t.substring(0, 300) + "...";
  }

  private record Reply(URI url, int status, String body) {}

  private record Failure(URI url, Throwable cause) {}

  /** No URL could be reached; the cause is the last I/O error. */
  private static final class Unreachable extends Exception {
    final URI url;

    Unreachable(URI url, IOException cause) {
      super(cause);
      this.url = url;
    }
  }
}
