package io.newsline.cli;

import io.newsline.common.config.ConfigException;
import io.newsline.common.config.Durations;
import io.newsline.ingest.feed.FeedSources;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked while the command line is read, so a bad one is a usage error naming the
 * option and what it takes (exit 2), before anything starts: a port of 70000 failed only after
 * Kafka and the registry had started, and as an IllegalArgumentException.
 */
final class OptionValues {
  private OptionValues() {}

  /** A TCP port, 0 to 65535 (0: any free one). */
  static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int p = Integer.parseInt(value.strip());
        if (p >= 0 && p <= 65535) {
          return p;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException("a port from 0 to 65535, not '" + value + "'");
    }
  }

  /** A duration such as 30s, 5m, 2h (0s: give up at once). */
  static final class Length implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        Duration d = Durations.parse(value);
        d.toNanos(); // a deadline in nanoseconds must fit
        if (!d.isNegative()) {
          return d;
        }
      } catch (RuntimeException e) {
        // reported below
      }
      throw new TypeConversionException("a duration such as 30s, 5m or 2h, not '" + value + "'");
    }
  }

  /** An ISO-8601 time. */
  static final class Time implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("an ISO-8601 time such as 2026-12-01T00:00:00Z, not '" + value + "'");
      }
    }
  }

  /** An absolute http(s) URL. */
  static final class HttpUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      try {
        URI u = new URI(value.strip());
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
          return u;
        }
      } catch (java.net.URISyntaxException e) {
        // reported below
      }
      throw new TypeConversionException("an http(s) URL such as http://localhost:8092/health, not '" + value + "'");
    }
  }

  /** A feed's URL, as ingest.feeds takes it: an absolute http(s) URL. */
  static final class FeedUrl implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        return FeedSources.url(value, "--feed");
      } catch (ConfigException e) {
        throw new TypeConversionException("an http(s) feed URL such as https://example.org/rss, not '" + value + "'");
      }
    }
  }
}
