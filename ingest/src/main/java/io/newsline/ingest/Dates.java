package io.newsline.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient publication-time parsing for what feeds and pages carry: ISO-8601 with or without offset
 * or seconds, dates alone, RFC 822/1123 with zone names (RSS pubDate), "2025-12-03 10:00:00".
 * Times without a zone are taken as UTC. Unparseable text gives null, never an exception: a value
 * whose time or zone is malformed (hour 25, offset +25:00, February 31) is unknown, not its date
 * at midnight or a neighbouring day; only a value that is a date alone means midnight UTC.
 */
public final class Dates {
  private static final List<DateTimeFormatter> LOCAL =
      List.of(
          strict("uuuu-MM-dd HH:mm:ss"), strict("uuuu-MM-dd HH:mm"), strict("uuuu-MM-dd'T'HH:mm"), strict("uuuu/MM/dd HH:mm:ss"));
  /** Zone names RFC 822 allows (and feeds use) that java.time's RFC 1123 parser does not. */
  private static final Map<String, String> ZONES =
      Map.ofEntries(
          Map.entry("UT", "+0000"), Map.entry("UTC", "+0000"), Map.entry("Z", "+0000"),
          Map.entry("EST", "-0500"), Map.entry("EDT", "-0400"), Map.entry("CST", "-0600"), Map.entry("CDT", "-0500"),
          Map.entry("MST", "-0700"), Map.entry("MDT", "-0600"), Map.entry("PST", "-0800"), Map.entry("PDT", "-0700"),
          Map.entry("BST", "+0100"), Map.entry("CET", "+0100"), Map.entry("CEST", "+0200"), Map.entry("MSK", "+0300"));
  private static final Pattern RFC822 =
      Pattern.compile("(?:[A-Za-z]{3},?\\s+)?(\\d{1,2})\\s+([A-Za-z]{3})[a-z]*\\s+(\\d{2,4})\\s+(\\d{1,2}:\\d{2}(?::\\d{2})?)\\s*(\\S+)?");

  private Dates() {}

  public static Instant parse(String text) {
    if (text == null) {
      return null;
    }
    String s = text.strip();
    if (s.isEmpty() || s.length() > 64) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant();
    } catch (DateTimeParseException ignored) {
      // next format
    }
    try {
      return ZonedDateTime.parse(s).toInstant();
    } catch (DateTimeParseException ignored) {
      // next format
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException ignored) {
      // next format
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // next format
    }
    for (DateTimeFormatter f : LOCAL) {
      try {
        return LocalDateTime.parse(s, f).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException ignored) {
        // next format
      }
    }
    try {
      return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // next format
    }
    return rfc822(s);
  }

  private static Instant rfc822(String s) {
    Matcher m = RFC822.matcher(s);
    if (!m.matches()) {
      return null;
    }
    String year = m.group(3).length() == 2 ? "20" + m.group(3) : m.group(3);
    String time = m.group(4).length() <= 5 ? m.group(4) + ":00" : m.group(4);
    String zone = m.group(5) == null ? "+0000" : ZONES.getOrDefault(m.group(5).toUpperCase(Locale.ROOT), m.group(5));
    if (zone.equalsIgnoreCase("GMT")) {
      zone = "+0000";
    }
    String month = m.group(2).substring(0, 1).toUpperCase(Locale.ROOT) + m.group(2).substring(1, 3).toLowerCase(Locale.ROOT);
    try {
      return OffsetDateTime.parse(m.group(1) + " " + month + " " + year + " " + time + " " + zone, RFC_1123_NO_DAY).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** STRICT: the default (SMART) resolver turns February 31 into the 28th and 24:00 into the next day. */
  private static DateTimeFormatter strict(String pattern) {
    return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  }

  private static final DateTimeFormatter RFC_1123_NO_DAY = strict("d MMM uuuu HH:mm:ss Z");
}
