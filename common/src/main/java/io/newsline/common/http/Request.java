package io.newsline.common.http;

import com.sun.net.httpserver.Headers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A routed HTTP request with its path parameters, query, headers and (size-limited) body. */
public record Request(
    String method,
    String path,
    Map<String, String> pathParams,
    Map<String, List<String>> query,
    Headers headers,
    byte[] body,
    InetSocketAddress remote) {

  public String param(String name) {
    return pathParams.get(name);
  }

  /** First value of a query parameter, or null. */
  public String query(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  public String header(String name) {
    return headers.getFirst(name);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
