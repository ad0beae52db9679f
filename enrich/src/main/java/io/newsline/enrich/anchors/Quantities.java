package io.newsline.enrich.anchors;

import io.newsline.enrich.text.StartScan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the numbers of English news text that identify an event rather than describe a kind of
 * event: ages ("Reid, 33," "a 66-year-old woman"), magnitudes, amounts of money, scores and
 * records ("31-24"), percentages, ordinals ("the 12th Doctor", "sixth round") and counts of
 * things ("five people", "24 dead"). Values are normalised so that "$5.4 billion" and
 * "$5,400 million" agree. Plain Java, deterministic.
 */
final class Quantities {
  private static final String NUMBER = "(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?";
  private static final String SCALE = "(trillion|billion|million|thousand|bn|mln|tn|m|b|k)";
  private static final int CI = Pattern.CASE_INSENSITIVE;

  private static final String[] ORDINAL_WORDS = {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
      "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
      "nineteenth", "twentieth"};
  private static final String[] COUNT_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
      "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
      "fifty", "sixty", "seventy", "eighty", "ninety", "hundred"};

  private enum Kind { MONEY, MONEY_WORDS, MAGNITUDE, MAGNITUDE_AFTER, AGE, AGE_AFTER, AGE_APPOSITION, SCORE, PERCENT, ORDINAL, WORD_ORDINAL, COUNT, WORD_COUNT }

  /** A form: where its matches can start (see {@link StartScan}) and how its groups read. */
  private record Form(StartScan scan, Kind kind) {}

  private static StartScan digits(Pattern p, boolean wordStart) {
    return new StartScan(p, StartScan.DIGITS, wordStart);
  }

  private static final List<Form> FORMS = List.of(
      new Form(new StartScan(Pattern.compile("(US|A|C|NZ)?([$\u20ac\u00a3])\\s?" + NUMBER + "(?:\\s?" + SCALE + "\\b)?", CI),
          "UuAaCcNn$\u20ac\u00a3", false, "$\u20ac\u00a3"), Kind.MONEY),
      new Form(digits(Pattern.compile("\\b" + NUMBER + "\\s" + SCALE + "\\s(dollars|euros|pounds)\\b", CI), true), Kind.MONEY_WORDS),
      new Form(StartScan.words(Pattern.compile("\\bmagnitude(?:\\s+of)?[\\s-]+(\\d(?:\\.\\d)?)\\b", CI), "m").prefixes("magnitude"), Kind.MAGNITUDE),
      new Form(digits(Pattern.compile("\\b(\\d(?:\\.\\d)?)(?:[\\s-]+magnitude\\b|\\s+on the Richter)", CI), true), Kind.MAGNITUDE_AFTER),
      new Form(digits(Pattern.compile("\\b(\\d{1,3})[\\s-]+years?[\\s-]+old\\b", CI), true), Kind.AGE),
      new Form(StartScan.words(Pattern.compile("\\baged\\s+(\\d{1,3})\\b", CI), "a").prefixes("aged"), Kind.AGE_AFTER),
      new Form(new StartScan(Pattern.compile("(?<=[A-Z][a-z]{1,30}),\\s(\\d{1,3}),"), ",", false), Kind.AGE_APPOSITION),
      new Form(new StartScan(Pattern.compile("(?<![\\d.,/-])(\\d{1,3})\\s?-\\s?(\\d{1,3})(?:\\s?-\\s?(\\d{1,3}))?(?![\\d.,/%-])"),
          StartScan.DIGITS, false, "-"), Kind.SCORE),
      new Form(digits(Pattern.compile("\\b" + NUMBER + "\\s?(%|percent\\b|per cent\\b)", CI), true), Kind.PERCENT),
      new Form(digits(Pattern.compile("\\b(\\d{1,3})(st|nd|rd|th)\\s+([A-Za-z][a-z]+)(?:\\s+([A-Za-z][a-z]+))?"), true), Kind.ORDINAL),
      new Form(StartScan.words(Pattern.compile("\\b(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth"
          + "|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)\\s+([A-Za-z][a-z]+)(?:\\s+([A-Za-z][a-z]+))?", CI),
          "stfen").prefixes(ORDINAL_WORDS), Kind.WORD_ORDINAL),
      new Form(digits(Pattern.compile("(?<![\\d.,:/$-])" + NUMBER + "\\s+([a-z]+)(?:\\s+([a-z]+))?"), false), Kind.COUNT),
      new Form(StartScan.words(Pattern.compile("\\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
          + "|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\\s+([a-z]+)(?:\\s+([a-z]+))?", CI),
          "tfsenh").prefixes(COUNT_WORDS), Kind.WORD_COUNT));

  private static final Map<String, Integer> WORDS = Map.ofEntries(
      Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
      Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
      Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15),
      Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19),
      Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50), Map.entry("sixty", 60),
      Map.entry("seventy", 70), Map.entry("eighty", 80), Map.entry("ninety", 90), Map.entry("hundred", 100),
      Map.entry("second", 2), Map.entry("third", 3), Map.entry("fourth", 4), Map.entry("fifth", 5), Map.entry("sixth", 6),
      Map.entry("seventh", 7), Map.entry("eighth", 8), Map.entry("ninth", 9), Map.entry("tenth", 10), Map.entry("eleventh", 11),
      Map.entry("twelfth", 12), Map.entry("thirteenth", 13), Map.entry("fourteenth", 14), Map.entry("fifteenth", 15),
      Map.entry("sixteenth", 16), Map.entry("seventeenth", 17), Map.entry("eighteenth", 18), Map.entry("nineteenth", 19),
      Map.entry("twentieth", 20));

  /** Words between a number and what it counts ("40 people", "five more people", "24 confirmed dead"). */
  private static final Set<String> MODIFIERS = Set.of("more", "other", "additional", "straight", "consecutive", "successive",
      "annual", "new", "young", "small", "big", "major", "confirmed", "separate", "different", "armed", "unarmed", "injured",
      "parliamentary", "presidential", "general", "national", "regular", "professional", "career");
  /** Words a number is not counting: units of time and measure, and function words. */
  private static final Set<String> NOT_COUNTED = Set.of("years", "year", "months", "month", "weeks", "week", "days", "day",
      "hours", "hour", "minutes", "minute", "seconds", "second", "am", "pm", "a", "an", "the", "of", "and", "or", "to", "in",
      "on", "at", "for", "by", "with", "from", "is", "was", "are", "were", "percent", "times", "time", "as", "p", "gmt",
      "et", "edt", "est", "cdt", "pdt", "pst", "utc", "local", "than", "that", "which", "who", "it", "he", "she", "they",
      "million", "billion", "thousand", "trillion", "per", "yesterday", "today", "last", "this", "next", "after", "before",
      "since", "ago", "old");
  private static final Map<String, String> CURRENCY = Map.of("$", "usd", "\u20ac", "eur", "\u00a3", "gbp", "dollars", "usd",
      "euros", "eur", "pounds", "gbp");

  private Quantities() {}

  /** The forms' scans, for tests. */
  static List<StartScan> scans() {
    return FORMS.stream().map(Form::scan).toList();
  }

  /** A quantity found in one string, before roles are known. */
  record Found(int start, int end, String text, String kind, String unit, String value) {}

  /** Quantities of s in document order, skipping the ranges already taken (dates, times of day). */
  static List<Found> find(String s, TakenSpans taken) {
    List<Found> found = new ArrayList<>();
    char[] chars = s.toCharArray();
    for (Form form : FORMS) {
      StartScan.Finder finder = form.scan().in(s, chars);
      Matcher m = finder.matcher();
      while (finder.find()) {
        int start = m.start();
        if (taken.overlaps(start, m.end())) {
          continue;
        }
        Found f = read(s, m, form.kind());
        if (f != null) {
          found.add(f);
          taken.take(f.start(), f.end());
        }
      }
    }
    found.sort((x, y) -> Integer.compare(x.start(), y.start()));
    return found;
  }

  private static Found read(String s, Matcher m, Kind kind) {
    String text = s.substring(m.start(), m.end());
    return switch (kind) {
      case MONEY -> {
        String currency = CURRENCY.get(m.group(2));
        if (m.group(1) != null && !m.group(1).equalsIgnoreCase("US")) {
          currency = m.group(1).toLowerCase(Locale.ROOT) + currency.substring(1);
        }
        yield new Found(m.start(), m.end(), text, "money", currency, amount(m.group(3), m.group(4), m.group(5)));
      }
      case MONEY_WORDS -> new Found(m.start(), m.end(), text, "money", CURRENCY.get(m.group(4).toLowerCase(Locale.ROOT)),
          amount(m.group(1), m.group(2), m.group(3)));
      case MAGNITUDE, MAGNITUDE_AFTER -> new Found(m.start(), m.end(), text, "magnitude", "magnitude", plain(m.group(1)));
      case AGE, AGE_AFTER, AGE_APPOSITION -> age(m, text);
      case SCORE -> score(s, m, text);
      case PERCENT -> new Found(m.start(), m.end(), text, "percent", "percent", plain(m.group(1).replace(",", "")
          + (m.group(2) == null ? "" : "." + m.group(2))));
      case ORDINAL -> counted(m, text, "ordinal", Integer.parseInt(m.group(1)), 3);
      case WORD_ORDINAL -> counted(m, text, "ordinal", WORDS.get(m.group(1).toLowerCase(Locale.ROOT)), 2);
      case COUNT -> m.group(2) != null ? null : counted(m, text, "count", Long.parseLong(m.group(1).replace(",", "")), 3);
      case WORD_COUNT -> counted(m, text, "count", WORDS.get(m.group(1).toLowerCase(Locale.ROOT)), 2);
    };
  }

  private static Found age(Matcher m, String text) {
    int age = Integer.parseInt(m.group(1));
    if (age < 1 || age > 120) {
      return null;
    }
    return new Found(m.start(1), m.end(), text.substring(m.start(1) - m.start()), "age", "age", Integer.toString(age));
  }

  /**
   * Two or three numbers joined by hyphens: a score or a win-loss record. Not a range of dates,
   * ages or years ("1-2 October", "18-24-year-olds").
   */
  private static Found score(String s, Matcher m, String text) {
    String after = s.substring(m.end(), Math.min(s.length(), m.end() + 12)).toLowerCase(Locale.ROOT);
    if (after.matches("^\\s?(-\\s?)?(years?|months?|weeks?|days?|hours?|minutes?|percent|per cent|mph|km|miles|feet|foot|metres?|meters?"
        + "|inch|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\\b.*")) {
      return null;
    }
    int a = Integer.parseInt(m.group(1));
    int b = Integer.parseInt(m.group(2));
    String value = m.group(3) == null ? Math.max(a, b) + "-" + Math.min(a, b) : a + "-" + b + "-" + Integer.parseInt(m.group(3));
    return new Found(m.start(), m.end(), text, "score", "score", value);
  }

  /**
   * A number and the noun it counts (group {@code word} of m, or the word after it when that one is
   * a modifier: "five more people"), or null when it counts nothing.
   */
  private static Found counted(Matcher m, String text, String kind, long n, int word) {
    String noun = m.group(word).toLowerCase(Locale.ROOT);
    int end = m.end(word);
    String next = m.group(word + 1);
    if (MODIFIERS.contains(noun) && next != null && !NOT_COUNTED.contains(next.toLowerCase(Locale.ROOT))) {
      noun = next.toLowerCase(Locale.ROOT);
      end = m.end(word + 1);
    }
    if (NOT_COUNTED.contains(noun) || noun.length() < 3) {
      return null;
    }
    return new Found(m.start(), end, text.substring(0, end - m.start()), kind, singular(noun), Long.toString(n));
  }

  /** The noun without its plural ending, lower-case: people stays people, deaths becomes death. */
  static String singular(String w) {
    int n = w.length();
    if (w.endsWith("ies") && n > 4) {
      return w.substring(0, n - 3) + "y";
    }
    if (w.endsWith("sses") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes")) {
      return w.substring(0, n - 2);
    }
    if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is") && n > 3) {
      return w.substring(0, n - 1);
    }
    return w;
  }

  /** An amount with its scale word as a plain decimal: 5.4 billion is 5400000000. */
  private static String amount(String whole, String fraction, String scale) {
    BigDecimal v = new BigDecimal(whole.replace(",", "") + (fraction == null ? "" : "." + fraction));
    if (scale != null) {
      long f = switch (scale.toLowerCase(Locale.ROOT)) {
        case "trillion", "tn" -> 1_000_000_000_000L;
        case "billion", "bn", "b" -> 1_000_000_000L;
        case "million", "mln", "m" -> 1_000_000L;
        default -> 1_000L;
      };
      v = v.multiply(BigDecimal.valueOf(f));
    }
    return v.stripTrailingZeros().toPlainString();
  }

  private static String plain(String number) {
    return new BigDecimal(number).stripTrailingZeros().toPlainString();
  }
}
