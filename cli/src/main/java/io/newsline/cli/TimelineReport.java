package io.newsline.cli;

import static io.newsline.cli.TerminalText.printable;

import io.newsline.avro.EventTimeline;
import io.newsline.avro.TimelineArticle;
import io.newsline.avro.TimelineQuote;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Prints event timelines for people: biggest events first, their articles in time order. */
final class TimelineReport {
  private TimelineReport() {}

  /** Prints the events; {@code openings} gives the first words of an article without a headline, or null. */
  static void print(PrintStream out, List<EventTimeline> events, Function<String, String> openings) {
    List<EventTimeline> sorted = events.stream()
        .sorted(Comparator.comparingInt(EventTimeline::getArticleCount).reversed().thenComparing(EventTimeline::getEventId))
        .toList();
    out.printf("%n=== %d event%s ===%n", sorted.size(), sorted.size() == 1 ? "" : "s");
    for (EventTimeline e : sorted) {
      out.printf("%n%s  %s%n", printable(e.getEventId()), printable(e.getLabel()));
      out.printf("  %s, %s, %s, %s; %s, first seen %s, last updated %s%n",
          count(e.getArticleCount(), "article"), count(e.getOutletCount(), "outlet"), count(e.getEntityCount(), "entity"),
          count(e.getQuoteCount(), "quote"), e.getStatus(), e.getFirstSeen(), e.getLastUpdated());
      for (TimelineArticle a : e.getArticles()) {
        out.printf("  - %s  %-10s %s [%s]%n", a.getTime(), a.getOutlet() == null ? "-" : printable(a.getOutlet()),
            clip(headline(a, openings), 140), printable(a.getId()));
      }
      String top = e.getTopEntities().stream().limit(8)
          .map(en -> clip(en.getName(), 60) + " (" + en.getArticles() + ")").collect(Collectors.joining(", "));
      out.printf("  entities: %s%n", top.isEmpty() ? "none found" : top);
      // the quotes most outlets carried first (stable: first seen first among equals)
      List<TimelineQuote> quotes = e.getQuotes().stream()
          .sorted(Comparator.comparingInt((TimelineQuote q) -> q.getOutlets().size()).reversed()).limit(5).toList();
      for (TimelineQuote q : quotes) {
        out.printf("  quote: %s: \"%s\" (%s: %s)%n", q.getSpeaker() == null ? "?" : clip(q.getSpeaker(), 60), clip(q.getText(), 90),
            count(q.getOutlets().size(), "outlet"), printable(String.join(", ", q.getOutlets())));
      }
    }
  }

  private static String headline(TimelineArticle a, Function<String, String> openings) {
    if (a.getTitle() != null && !a.getTitle().isBlank()) {
      return a.getTitle();
    }
    String opening = openings.apply(a.getId());
    return opening == null || opening.isEmpty() ? "(no headline)" : "(no headline) " + opening;
  }

  /**
   * The text cut to at most {@code max} characters, "..." marking the cut: names and headlines come
   * from feeds and may be any length (data written before enrich capped names, or by other producers),
   * and are made {@link TerminalText#printable}.
   */
  static String clip(String text, int max) {
    return printable(text.length() > max ? text.substring(0, max - 3) + "..." : text);
  }

  static String count(int n, String noun) {
    String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    return n + " " + (n == 1 ? noun : plural);
  }
}
