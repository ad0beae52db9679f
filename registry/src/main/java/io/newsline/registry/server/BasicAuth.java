package io.newsline.registry.server;

import io.newsline.common.http.Handler;
import io.newsline.common.http.Request;
import io.newsline.common.http.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** HTTP Basic authentication in front of every route: unknown users and wrong passwords get 401. */
final class BasicAuth {
  private final Map<String, byte[]> passwords;

  BasicAuth(Map<String, String> users) {
    this.passwords = Map.copyOf(users.entrySet().stream().collect(Collectors.toMap(
        Map.Entry::getKey, e -> e.getValue().getBytes(StandardCharsets.UTF_8))));
  }

  Handler protect(Handler handler) {
    return request -> allowed(request) ? handler.handle(request) : unauthorized();
  }

  private boolean allowed(Request request) {
    String header = request.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    byte[] expected = passwords.get(decoded.substring(0, colon));
    byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
    // constant-time comparison, so timing does not reveal how much of a password matched
    return expected != null && MessageDigest.isEqual(expected, given);
  }

  private static Response unauthorized() {
    Response r = Response.json(401, Map.of("error_code", 401, "message", "Unauthorized"));
    return new Response(r.status(), r.contentType(), r.body(),
        Map.of("WWW-Authenticate", "Basic realm=\"schema-registry\""));
  }
}
