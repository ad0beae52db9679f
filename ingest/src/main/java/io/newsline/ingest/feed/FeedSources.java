package io.newsline.ingest.feed;

import io.newsline.common.config.ConfigException;
import io.newsline.common.config.Durations;
import io.newsline.common.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The feed list from settings: ingest.feeds (URLs separated by commas or spaces, see {@link #split};
 * each polled every ingest.feeds.interval) and ingest.feeds.file, one feed per line: {@code URL [INTERVAL]
 * [pages=auto|always|never]}, # for comments. A URL listed twice keeps its last line.
 */
public final class FeedSources {
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);
  /** Polling more often than this is impolite; shorter intervals are raised to it. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  private FeedSources() {}

  public static List<FeedSource> from(Settings s) {
    Duration interval = s.getDuration("ingest.feeds.interval", DEFAULT_INTERVAL);
    FeedSource.PageMode pages = mode(s.get("ingest.feeds.pages", "auto"), "ingest.feeds.pages");
    Map<String, FeedSource> out = new LinkedHashMap<>();
    String list = s.get("ingest.feeds", "");
    for (String url : split(list)) {
      out.put(url, new FeedSource(url(url, "ingest.feeds"), atLeastMin(interval), pages));
    }
    if (s.has("ingest.feeds.file")) {
      Path file = Path.of(s.get("ingest.feeds.file"));
      try {
        for (FeedSource f : parse(Files.readAllLines(file, StandardCharsets.UTF_8), interval, pages, file.toString())) {
          out.put(f.url(), f);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the feeds file " + file + " (ingest.feeds.file)", e);
      }
    }
    return List.copyOf(out.values());
  }

  /**
   * The URLs of an ingest.feeds list: separated by spaces, or by commas where the next URL starts
   * (",http", ", http") or at a URL's end. A comma inside a URL stays in it
   * ({@code https://example.org/rss?tags=a,b}): it used to cut the URL in two. A URL that ends
   * in a comma goes in ingest.feeds.file.
   */
  static List<String> split(String list) {
    List<String> out = new ArrayList<>();
    for (String token : list.strip().split("\\s+")) {
      for (String url : token.split("(?i),+(?=https?://)")) {
        String u = url.replaceAll("^,+|,+$", "");
        if (!u.isEmpty()) {
          out.add(u);
        }
      }
    }
    return out;
  }

  static List<FeedSource> parse(List<String> lines, Duration defaultInterval, FeedSource.PageMode defaultPages, String where) {
    List<FeedSource> out = new ArrayList<>();
    int n = 0;
    for (String raw : lines) {
      n++;
      String line = raw.replaceFirst("#.*", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+");
      String at = where + ":" + n;
      Duration interval = defaultInterval;
      FeedSource.PageMode pages = defaultPages;
      for (int i = 1; i < parts.length; i++) {
        if (parts[i].startsWith("pages=")) {
          pages = mode(parts[i].substring(6), at);
        } else {
          try {
            interval = Durations.parse(parts[i]);
          } catch (IllegalArgumentException e) {
            throw new ConfigException(at + ": '" + parts[i] + "' is neither an interval (e.g. 10m) nor pages=auto|always|never");
          }
        }
      }
      out.add(new FeedSource(url(parts[0], at), atLeastMin(interval), pages));
    }
    return out;
  }

  /** The feed URL as given when it is an absolute http(s) URL; else a ConfigException naming {@code where}. */
  public static String url(String url, String where) {
    try {
      URI u = new URI(url.strip());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
        return u.toString();
      }
    } catch (Exception e) {
      // reported below
    }
    throw new ConfigException(where + ": '" + url + "' is not an http(s) feed URL");
  }

  private static FeedSource.PageMode mode(String v, String where) {
    try {
      return FeedSource.PageMode.valueOf(v.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": pages must be auto, always or never, got '" + v + "'");
    }
  }

  private static Duration atLeastMin(Duration d) {
    return d.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : d;
  }
}
