package io.newsline.enrich.anchors;

import io.newsline.enrich.text.StartScan;
import io.newsline.enrich.model.AnchorRole;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.model.TimeExpression;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and normalises the time expressions of English news text: full dates in the usual written
 * and numeric forms, days without a year, months, years, weekdays and today/yesterday/tomorrow.
 * Relative expressions are resolved against a reference date (news convention: a bare weekday is
 * the latest such day on or before the reference date unless the sentence speaks of the future).
 * Plain Java, deterministic, no locale or clock dependence.
 */
final class TimeExpressions {
  private static final String MONTH =
      "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
  private static final String DAY = "(3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?";
  private static final String YEAR = "((?:19|20)\\d\\d)";
  private static final String WEEKDAY_PREFIX =
      "(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\\.?,?\\s+)?";
  private static final int CI = Pattern.CASE_INSENSITIVE;

  /** First letters of the weekday prefix and of the month names (both cases: the forms are case-insensitive). */
  private static final String WEEKDAY_STARTS = "MTWFS";
  private static final String MONTH_STARTS = "JFMASOND";
  /** What the weekday prefix and the month names begin with (their first three letters). */
  private static final String[] WEEKDAY_WORDS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  private static final String[] MONTH_WORDS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  private static final String[] DATE_WORDS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun",
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

  /** A date form: where its matches can start (see {@link StartScan}) and how its groups read. */
  private record Form(StartScan scan, Kind kind) {}

  private enum Kind { MDY, DMY, ISO, SLASH, DOT, MY, MD, DM, WEEKDAY, RELATIVE, YEAR }

  private static final List<Form> FORMS = List.of(
      new Form(StartScan.words(Pattern.compile("\\b" + WEEKDAY_PREFIX + MONTH + "\\s+" + DAY + "(?:\\s*,\\s*|\\s+)" + YEAR + "\\b", CI),
          WEEKDAY_STARTS + MONTH_STARTS).prefixes(DATE_WORDS), Kind.MDY),
      new Form(StartScan.words(Pattern.compile("\\b" + WEEKDAY_PREFIX + DAY + "(?:\\s+of)?\\s+" + MONTH + ",?\\s+" + YEAR + "\\b", CI),
          WEEKDAY_STARTS + StartScan.DIGITS).prefixes(WEEKDAY_WORDS), Kind.DMY),
      new Form(new StartScan(Pattern.compile("\\b" + YEAR + "-(\\d\\d)-(\\d\\d)\\b"), "12", true, "-"), Kind.ISO),
      new Form(new StartScan(Pattern.compile("(?<![\\d/])(\\d{1,2}) ?/ ?(\\d{1,2}) ?/ ?(\\d{4}|\\d{2})(?![\\d/])"), StartScan.DIGITS, false, "/"),
          Kind.SLASH),
      new Form(new StartScan(Pattern.compile("(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?![\\d.])"), StartScan.DIGITS, false, "."), Kind.DOT),
      new Form(StartScan.words(Pattern.compile("\\b" + MONTH + ",?\\s+" + YEAR + "\\b", CI), MONTH_STARTS).prefixes(MONTH_WORDS), Kind.MY),
      new Form(StartScan.words(Pattern.compile("\\b" + WEEKDAY_PREFIX + MONTH + "\\s+" + DAY + "\\b(?!\\s*[-:/]?\\s*\\d)", CI),
          WEEKDAY_STARTS + MONTH_STARTS).prefixes(DATE_WORDS), Kind.MD),
      new Form(new StartScan(Pattern.compile("\\b" + DAY + "(?:\\s+of)?\\s+" + MONTH + "\\b", CI), StartScan.DIGITS, true), Kind.DM),
      new Form(StartScan.words(Pattern.compile("\\b(?:(last|next|this|on|early|late)\\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b(?!s)", CI),
          "lntoe" + WEEKDAY_STARTS)
          .prefixes("last", "next", "this", "on", "early", "late", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
          Kind.WEEKDAY),
      new Form(StartScan.words(Pattern.compile("\\b(today|tonight|yesterday|tomorrow|last night|this (?:morning|afternoon|evening))\\b", CI),
          "tyl").prefixes("today", "tonight", "yesterday", "tomorrow", "last", "this"), Kind.RELATIVE),
      new Form(new StartScan(Pattern.compile("(?<![\\d$\u20ac\u00a3.,#-])" + YEAR + "(?![\\d%]|,\\d|\\.\\d|-\\d)"), "12", false), Kind.YEAR));

  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
      Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10),
      Map.entry("nov", 11), Map.entry("dec", 12));
  private static final Pattern FUTURE = Pattern.compile(
      "\\b(will|'ll|shall|to be|scheduled|set to|plans? to|expected to|due to|going to|next|upcoming|until|starting)\\b", CI);
  /** What follows a number that counts: a plural noun ("2000 votes", "2000 people"), or percent. */
  private static final Pattern COUNTED = Pattern.compile(
      "^\\s+(?!(?:was|is|has|as|does|this|its|his|marks|sees)\\b)[a-z]+s\\b|^\\s+(?:people|men|women|children|feet)\\b"
          + "|^\\s*(?:percent|per cent)");

  private TimeExpressions() {}

  /** The forms' scans, for tests. */
  static List<StartScan> scans() {
    return FORMS.stream().map(Form::scan).toList();
  }

  /** A time expression found in one string, before roles are known. */
  record Found(int start, int end, String text, String value, boolean relative, boolean fullDate) {}

  /** Full dates only (day, month and year): what may date the article. */
  static List<Found> fullDates(String s) {
    List<Found> out = new ArrayList<>();
    for (Found f : find(s, null)) {
      if (f.fullDate()) {
        out.add(f);
      }
    }
    return out;
  }

  /** Every time expression of s in document order, relative ones resolved against reference (may be null). */
  static List<Found> find(String s, LocalDate reference) {
    List<Found> found = new ArrayList<>();
    TakenSpans taken = new TakenSpans(s.length());
    char[] chars = s.toCharArray();
    for (Form form : FORMS) {
      StartScan.Finder finder = form.scan().in(s, chars);
      Matcher m = finder.matcher();
      while (finder.find()) {
        if (taken.overlaps(m.start(), m.end()) || !properMonth(s, m, form.kind())) {
          continue;
        }
        Found f = read(s, m, form.kind(), reference);
        if (f != null) {
          found.add(f);
          taken.take(m.start(), m.end());
        }
      }
    }
    found.sort((x, y) -> Integer.compare(x.start(), y.start()));
    return found;
  }

  /** Month names must be capitalised (or all caps): "may" and "march" are also words. */
  private static boolean properMonth(String s, Matcher m, Kind kind) {
    int g = switch (kind) {
      case MDY, MD, MY -> 1;
      case DMY, DM -> 2;
      default -> 0;
    };
    if (g == 0) {
      return true;
    }
    return Character.isUpperCase(s.charAt(m.start(g)));
  }

  private static Found read(String s, Matcher m, Kind kind, LocalDate ref) {
    String text = s.substring(m.start(), m.end());
    try {
      return switch (kind) {
        case MDY -> day(m, text, date(year(m.group(3)), month(m.group(1)), Integer.parseInt(m.group(2))));
        case DMY -> day(m, text, date(year(m.group(3)), month(m.group(2)), Integer.parseInt(m.group(1))));
        case ISO -> day(m, text, date(year(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        case SLASH -> slash(m, text);
        case DOT -> day(m, text, date(year(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1))));
        case MY -> new Found(m.start(), m.end(), text, String.format(Locale.ROOT, "%04d-%02d", year(m.group(2)), month(m.group(1))),
            false, false);
        case MD -> withoutYear(m, text, month(m.group(1)), Integer.parseInt(m.group(2)), ref);
        case DM -> withoutYear(m, text, month(m.group(2)), Integer.parseInt(m.group(1)), ref);
        case WEEKDAY -> weekday(s, m, text, ref);
        case RELATIVE -> relative(m, text, ref);
        case YEAR -> year(s, m, text);
      };
    } catch (DateTimeException | NumberFormatException e) {
      return null; // 31 February and the like: not a date
    }
  }

  private static Found day(Matcher m, String text, LocalDate d) {
    return new Found(m.start(), m.end(), text, d.toString(), false, true);
  }

  /** m/d/y as in American usage unless the first number cannot be a month. */
  private static Found slash(Matcher m, String text) {
    int a = Integer.parseInt(m.group(1));
    int b = Integer.parseInt(m.group(2));
    int y = year(m.group(3));
    LocalDate d = a > 12 ? date(y, b, a) : date(y, a, b);
    return day(m, text, d);
  }

  private static Found withoutYear(Matcher m, String text, int month, int day, LocalDate ref) {
    if (ref == null) {
      LocalDate.of(2000, month, day); // validates (2000 is a leap year)
      return new Found(m.start(), m.end(), text, String.format(Locale.ROOT, "XXXX-%02d-%02d", month, day), true, false);
    }
    LocalDate best = null;
    for (int y = ref.getYear() - 1; y <= ref.getYear() + 1; y++) {
      try {
        LocalDate d = LocalDate.of(y, month, day);
        if (best == null || Math.abs(ChronoUnit.DAYS.between(ref, d)) < Math.abs(ChronoUnit.DAYS.between(ref, best))) {
          best = d;
        }
      } catch (DateTimeException e) {
        // 29 February of a common year
      }
    }
    if (best == null) {
      return null;
    }
    return new Found(m.start(), m.end(), text, best.toString(), true, false);
  }

  private static Found weekday(String s, Matcher m, String text, LocalDate ref) {
    DayOfWeek dow = DayOfWeek.valueOf(m.group(2).toUpperCase(Locale.ROOT));
    if (ref == null) {
      return new Found(m.start(), m.end(), text, "XXXX-WXX-" + dow.getValue(), true, false);
    }
    String modifier = m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT);
    int back = Math.floorMod(ref.getDayOfWeek().getValue() - dow.getValue(), 7);
    LocalDate d;
    if (modifier.equals("last")) {
      d = ref.minusDays(back == 0 ? 7 : back);
    } else if (modifier.equals("next") || future(s, m.start())) {
      int ahead = Math.floorMod(dow.getValue() - ref.getDayOfWeek().getValue(), 7);
      d = ref.plusDays(modifier.equals("next") && ahead == 0 ? 7 : ahead);
    } else {
      d = ref.minusDays(back);
    }
    return new Found(m.start(), m.end(), text, d.toString(), true, false);
  }

  /** Whether the clause before position i speaks of the future ("will play on Sunday"). */
  private static boolean future(String s, int i) {
    int from = i;
    while (from > 0 && i - from < 60 && ".!?\n".indexOf(s.charAt(from - 1)) < 0) {
      from--;
    }
    return FUTURE.matcher(s.substring(from, i)).find();
  }

  private static Found relative(Matcher m, String text, LocalDate ref) {
    if (ref == null) {
      return null;
    }
    String w = text.toLowerCase(Locale.ROOT);
    LocalDate d = w.equals("yesterday") || w.equals("last night") ? ref.minusDays(1)
        : w.equals("tomorrow") ? ref.plusDays(1) : ref;
    return new Found(m.start(), m.end(), text, d.toString(), true, false);
  }

  /** A four-digit number read as a year unless it counts something ("2000 people", "1999 percent"). */
  private static Found year(String s, Matcher m, String text) {
    if (COUNTED.matcher(s.substring(m.end(), Math.min(s.length(), m.end() + 30))).find()) {
      return null;
    }
    return new Found(m.start(), m.end(), text, m.group(1), false, false);
  }

  private static LocalDate date(int y, int month, int day) {
    return LocalDate.of(y, month, day);
  }

  private static int month(String name) {
    Integer m = MONTHS.get(name.substring(0, 3).toLowerCase(Locale.ROOT));
    if (m == null) {
      throw new NumberFormatException(name);
    }
    return m;
  }

  /** Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999. */
  private static int year(String y) {
    int v = Integer.parseInt(y);
    if (y.length() == 2) {
      return v < 70 ? 2000 + v : 1900 + v;
    }
    return v;
  }

  /** Builds the record of a found expression. */
  static TimeExpression expression(Found f, Field field, AnchorRole role) {
    return new TimeExpression(f.text(), f.start(), f.end(), field, f.value(), f.relative(), role);
  }
}
