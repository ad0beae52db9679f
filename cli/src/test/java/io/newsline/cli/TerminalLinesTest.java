package io.newsline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newsline.avro.DeadLetter;
import io.newsline.avro.EventTimeline;
import io.newsline.avro.TimelineArticle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What `newsline local` prints for people: dead-letter lines and the timeline summary. */
class TerminalLinesTest {

  @Test
  void aFetchErrorNamesItsUrlOnce() {
    String url = "http://169.254.169.254/latest";
    DeadLetter d = DeadLetter.newBuilder().setStage("ingest").setErrorClass("FetchException")
        .setErrorMessage(url + ": refused: 169.254.169.254 is a link-local address").setSource(url)
        .setFailedAt(Instant.EPOCH).build();
    assertEquals("dead letter (ingest): " + url + ": refused: 169.254.169.254 is a link-local address",
        LocalCommand.describe(d));
  }

  @Test
  void aReasonThatDoesNotStartWithTheSourceIsKept() {
    DeadLetter d = DeadLetter.newBuilder().setStage("ingest").setErrorClass("X")
        .setErrorMessage("article has no text").setSource("in/a.txt").setFailedAt(Instant.EPOCH).build();
    assertEquals("dead letter (ingest): in/a.txt: article has no text", LocalCommand.describe(d));
  }

  @Test
  void anArticleWithoutHeadlineIsNamedByItsOpeningWords() {
    TimelineArticle titled = new TimelineArticle("a1", "example.com", null, "Quake hits city", Instant.EPOCH, List.of());
    TimelineArticle untitled = new TimelineArticle("a2", null, null, null, Instant.EPOCH, List.of());
    TimelineArticle unknown = new TimelineArticle("a3", null, null, null, Instant.EPOCH, List.of());
    EventTimeline e = EventTimeline.newBuilder().setEventId("ev-1").setLabel("Quake hits city").setStatus("active")
        .setFirstSeen(Instant.EPOCH).setLastUpdated(Instant.EPOCH).setVersion(1).setMergedFrom(List.of())
        .setArticles(List.of(titled, untitled, unknown)).setTopEntities(List.of()).setStanceByOutlet(List.of())
        .setQuotes(List.of()).setArticleCount(3).setOutletCount(1).setEntityCount(0).setQuoteCount(0).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TimelineReport.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(e),
        Map.of("a2", "Rescuers searched the rubble")::get);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("Quake hits city [a1]"), printed);
    assertTrue(printed.contains("(no headline) Rescuers searched the rubble [a2]"), printed);
    assertTrue(printed.contains("(no headline) [a3]"), printed);
  }

  @Test
  void dataCannotSendEscapeSequencesToTheTerminal() {
    // an outlet, label or file name from the data with a terminal escape: it was printed as it came
    String esc = "Evil\u001b]0;owned\u0007\u001b[2J\u202ecod.exe";
    TimelineArticle a = new TimelineArticle("a1\u001b[1m", esc, null, esc, Instant.EPOCH, List.of());
    EventTimeline e = EventTimeline.newBuilder().setEventId("ev-1").setLabel(esc).setStatus("active")
        .setFirstSeen(Instant.EPOCH).setLastUpdated(Instant.EPOCH).setVersion(1).setMergedFrom(List.of())
        .setArticles(List.of(a)).setTopEntities(List.of()).setStanceByOutlet(List.of())
        .setQuotes(List.of()).setArticleCount(1).setOutletCount(1).setEntityCount(0).setQuoteCount(0).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TimelineReport.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of(e), id -> null);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.chars().noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x202e), printed);
    assertTrue(printed.contains("Evil\ufffd]0;owned\ufffd\ufffd[2J\ufffdcod.exe"), printed);
    DeadLetter d = DeadLetter.newBuilder().setStage("ingest").setErrorClass("X")
        .setErrorMessage("article has no text").setSource("in/\u001b[2Ja.txt").setFailedAt(Instant.EPOCH).build();
    assertEquals("dead letter (ingest): in/\ufffd[2Ja.txt: article has no text", LocalCommand.describe(d));
  }

  @Test
  void openingsAreTheFirstLineCutAtAWord() {
    assertEquals("First line", ArticleOpening.of("  First   line\nsecond line"));
    String longLine = "word ".repeat(40);
    String opening = ArticleOpening.of(longLine);
    assertTrue(opening.endsWith("word...") && opening.length() <= ArticleOpening.MAX_CHARS, opening);
    assertEquals("", ArticleOpening.of(null));
  }
}
