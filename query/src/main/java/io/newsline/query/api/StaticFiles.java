package io.newsline.query.api;

import io.newsline.common.Hashing;
import io.newsline.common.http.Request;
import io.newsline.common.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The dashboard's files, read once from the classpath: plain HTML, CSS and JavaScript modules, no
 * build step and nothing fetched from elsewhere (the page works offline). Strict headers: the page
 * may load only its own files and talk only to its own origin. With a folder given
 * (query.web.dir), the files are read from it at every request instead, for editing them.
 */
final class StaticFiles {
  static final String BASE = "/io/newsline/query/web/";
  static final String[] FILES = {"index.html", "app.js", "app.css", "favicon.svg"};
  private static final Map<String, String> SECURITY = Map.of(
      "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
          + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer",
      "Cache-Control", "no-cache");

  private final Map<String, File> files = new HashMap<>();
  private final Path dir;

  private record File(byte[] bytes, String type, String etag) {
    static File of(String name, byte[] bytes) {
      return new File(bytes, StaticFiles.type(name), "\"" + java.util.HexFormat.of().formatHex(Hashing.sha256(bytes), 0, 8) + "\"");
    }
  }

  StaticFiles(Path dir) {
    this.dir = dir;
    for (String name : FILES) {
      try (InputStream in = StaticFiles.class.getResourceAsStream(BASE + name)) {
        if (in == null) {
          throw new IllegalStateException("dashboard file missing from the jar: " + name);
        }
        files.put(name, File.of(name, in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  Response index(Request r) {
    return serve("index.html", r);
  }

  Response file(Request r) {
    return serve(r.param("file"), r);
  }

  private Response serve(String name, Request r) {
    File f = files.get(name);
    if (f == null) {
      throw ApiError.notFound("no such file: " + name);
    }
    if (dir != null) {
      try {
        f = File.of(name, Files.readAllBytes(dir.resolve(name)));
      } catch (IOException e) {
        throw ApiError.notFound("cannot read " + dir.resolve(name) + ": " + e.getMessage());
      }
    }
    Map<String, String> headers = new HashMap<>(SECURITY);
    headers.put("ETag", f.etag());
    if (f.etag().equals(r.header("If-None-Match"))) {
      return new Response(304, null, null, headers);
    }
    return new Response(200, f.type(), f.bytes(), headers);
  }

  private static String type(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (name.endsWith(".svg")) {
      return "image/svg+xml";
    }
    return "application/octet-stream";
  }
}
