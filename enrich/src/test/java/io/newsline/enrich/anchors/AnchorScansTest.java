package io.newsline.enrich.anchors;

import io.newsline.enrich.text.StartScan;
import io.newsline.enrich.text.StartScanTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every anchor form finds through its StartScan exactly what Matcher.find finds: texts made of the
 * forms' own words in every casing, numbers, signs and the characters around them.
 */
class AnchorScansTest {
  private static final String[] WORDS = {"Monday", "monday", "MONDAY", "Mon.", "Tues", "Wednesday", "Thurs", "Friday", "Sat", "Sunday",
      "Sundays", "January", "Jan.", "feb", "March", "march", "Apr", "May", "may", "June", "Jul", "August", "Sept", "September", "Oct",
      "Nov.", "December", "DEC", "last", "next", "this", "on", "early", "late", "today", "Tonight", "yesterday", "tomorrow", "night",
      "morning", "evening", "of", "the", "second", "Third", "twentieth", "two", "Three", "forty", "hundred", "people", "dead",
      "more", "years", "year", "old", "aged", "magnitude", "Magnitude", "Richter", "percent", "per", "cent", "%", "billion", "bn",
      "m", "dollars", "euros", "US", "A", "NZ", "$", "\u20ac", "\u00a3", "Reid", "1", "5", "12", "31", "33", "2013", "1999", "2020",
      "07", "1,200", "5.4", "3rd", "21st", "10:30", "7:30:15", "-", "/", ".", ",", ", ", ":", "#", "'", "\u2019", "_", "\u00e9",
      "\ud83d\ude00", "K", "\u212a", "x"};

  @Test
  void scansFindWhatFindFinds() {
    Random random = new Random(16);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(25); k > 0; k--) {
        b.append(WORDS[random.nextInt(WORDS.length)]);
        int gap = random.nextInt(6);
        b.append(gap == 0 ? "" : gap == 1 ? "-" : gap == 2 ? "  " : " ");
      }
      texts.add(b.toString());
    }
    List<StartScan> scans = new ArrayList<>(TimeExpressions.scans());
    scans.addAll(Quantities.scans());
    scans.add(AnchorExtractor.TIME_OF_DAY);
    for (StartScan scan : scans) {
      StartScanTest.assertFindsWhatFindFinds(scan, texts);
    }
  }
}
