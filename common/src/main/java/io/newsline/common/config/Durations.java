package io.newsline.common.config;

import java.time.Duration;
import java.util.Locale;

/** Parses durations written as ISO-8601 (PT30M) or a number with a unit: 250ms, 30s, 5m, 2h, 7d. */
public final class Durations {
  private Durations() {}

  public static Duration parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("p")) {
      return Duration.parse(s.toUpperCase(Locale.ROOT));
    }
    int i = 0;
    while (i < s.length() && (Character.isDigit(s.charAt(i)))) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 30s, 5m, 2h, 7d)");
    }
    long n = Long.parseLong(s.substring(0, i));
    return switch (s.substring(i).trim()) {
      case "ms" -> Duration.ofMillis(n);
      case "s", "" -> Duration.ofSeconds(n);
      case "m", "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> throw new IllegalArgumentException("unknown duration unit in '" + text + "'");
    };
  }
}
