package io.newsline.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** StartScan finds exactly what Matcher.find finds, look-behinds and word boundaries included. */
public class StartScanTest {
  private static final List<StartScan> SCANS = List.of(
      StartScan.words(Pattern.compile("\\b(two|three|ten)\\s+([a-z]+)", Pattern.CASE_INSENSITIVE), "t"),
      new StartScan(Pattern.compile("(?<![\\d.,/-])(\\d{1,3})\\s?-\\s?(\\d{1,3})(?![\\d.,/%-])"), StartScan.DIGITS, false, "-"),
      new StartScan(Pattern.compile("(?<=[A-Z][a-z]{1,30}),\\s(\\d{1,3}),"), ",", false),
      new StartScan(Pattern.compile("(US|A)?([$\u20ac])\\s?(\\d+)", Pattern.CASE_INSENSITIVE), "UuAa$\u20ac", false, "$\u20ac"),
      StartScan.words(Pattern.compile("\\b(Monday|May)\\b(?!s)", Pattern.CASE_INSENSITIVE), "M"),
      new StartScan(Pattern.compile("\\b\\d{1,2}:\\d\\d\\b"), StartScan.DIGITS, true, ":"));

  private static final String[] PIECES = {"two", "Three", "TEN", "ten", "people", "x", "_", "3", "12", "1999", "-", " - ", ",", ", ",
      "Reid", "é", "\u00e9t", "\ud83d\ude00", "$", "\u20ac", "US", "a", "Monday", "Mondays", "May", "may", ":", "30", ".", "/", " ", "\n",
      "\u2019", "K", "\u212a"};

  @Test
  void findsWhatFindFinds() {
    Random random = new Random(14);
    List<String> texts = new ArrayList<>(List.of("", "Reid, 33, said two people died at 10:30 on Monday.",
        "Bob, 45, lost 31-24 after a 2-1 lead; US$ 5 or \u20ac7 from ten shops.", "xtwo people, two people, _two men, 3ten days"));
    for (int i = 0; i < 3000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(30); k > 0; k--) {
        b.append(PIECES[random.nextInt(PIECES.length)]);
        if (random.nextBoolean()) {
          b.append(' ');
        }
      }
      texts.add(b.toString());
    }
    for (StartScan scan : SCANS) {
      assertFindsWhatFindFinds(scan, texts);
    }
  }

  /** Asserts that the scan finds in each text the matches, with their groups, that Matcher.find finds. */
  public static void assertFindsWhatFindFinds(StartScan scan, List<String> texts) {
    for (String text : texts) {
      assertThat(scanned(scan, text)).as(scan.pattern() + " in \"" + text + "\"").isEqualTo(found(scan.pattern(), text));
    }
  }

  private static List<String> found(Pattern p, String s) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(s);
    while (m.find()) {
      out.add(describe(m));
    }
    return out;
  }

  private static List<String> scanned(StartScan scan, String s) {
    List<String> out = new ArrayList<>();
    StartScan.Finder f = scan.in(s);
    while (f.find()) {
      out.add(describe(f.matcher()));
    }
    return out;
  }

  private static String describe(Matcher m) {
    StringBuilder b = new StringBuilder().append(m.start()).append('-').append(m.end());
    for (int g = 1; g <= m.groupCount(); g++) {
      b.append('|').append(m.group(g));
    }
    return b.toString();
  }
}
