package io.newsline.registry.client;

import io.newsline.common.http.HttpService;
import io.newsline.common.http.Request;
import io.newsline.common.http.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/** A registry stand-in with scripted answers (by call number, from 1) that records every request. */
final class StubRegistry implements AutoCloseable {
  /** One scripted route. */
  record Route(String method, String path, IntFunction<Response> answerForCall) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpService http;

  StubRegistry(Route... routes) {
    HttpService.Builder b = HttpService.builder("stub", "127.0.0.1", 0);
    for (Route r : routes) {
      b.route(r.method(), r.path(), q -> {
        requests.add(q);
        return r.answerForCall().apply(requests.size());
      });
    }
    try {
      http = b.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  StubRegistry(String method, String path, IntFunction<Response> answerForCall) {
    this(new Route(method, path, answerForCall));
  }

  String url() {
    return http.baseUrl();
  }

  @Override
  public void close() {
    http.close();
  }
}
