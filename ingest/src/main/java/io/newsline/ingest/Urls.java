package io.newsline.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** URL normalisation for the exact-duplicate key: lower-case host, no fragment, no tracking parameters. */
public final class Urls {
  private Urls() {}

  public static String canonical(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI u = new URI(url.strip());
      if (u.getScheme() == null || u.getHost() == null) {
        return url.strip();
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      String host = u.getHost().toLowerCase(Locale.ROOT);
      if (host.startsWith("www.")) {
        host = host.substring(4);
      }
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      if (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      String query = keepQuery(u.getRawQuery());
      int port = u.getPort();
      boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
      return (scheme.equals("http") ? "https" : scheme) + "://" + host + (defaultPort ? "" : ":" + port) + path
          + (query.isEmpty() ? "" : "?" + query);
    } catch (URISyntaxException e) {
      return url.strip();
    }
  }

  /**
   * Whether the text is an absolute http(s) URL with a host: what a news article's address is, and
   * all a reader of the topics may make a link of (a "javascript:" one would run in a dashboard).
   */
  public static boolean isWeb(String url) {
    try {
      URI u = new URI(url.strip());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The outlet of a URL: its host without www. */
  public static String host(String url) {
    if (url == null) {
      return null;
    }
    try {
      String h = new URI(url.strip()).getHost();
      return h == null ? null : h.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String keepQuery(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String p : raw.split("&")) {
      String k = p.split("=", 2)[0].toLowerCase(Locale.ROOT);
      if (!(k.startsWith("utm_") || k.equals("fbclid") || k.equals("gclid") || k.equals("ref")
          || k.equals("cmpid") || k.equals("ocid") || k.equals("mc_cid") || k.equals("mc_eid"))) {
        kept.add(p);
      }
    }
    kept.sort(null);
    return String.join("&", kept);
  }
}
