package io.newsline.enrich.anchors;

import io.newsline.enrich.model.AnchorRole;
import io.newsline.enrich.model.Anchors;
import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.model.Quantity;
import io.newsline.enrich.model.TimeExpression;
import io.newsline.enrich.text.Sentences;
import io.newsline.enrich.text.StartScan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the event anchors of an article: its lead, its reference date, its normalised time
 * expressions and its identifying numbers (see {@link Anchors}). Aggregate uses them to keep
 * look-alike events apart: two earthquakes a year apart, two hit-and-runs with victims of
 * different ages. Plain Java, deterministic, thread-safe.
 */
public final class AnchorExtractor {
  /** Recorded in EnrichedArticle.enricher with the other model versions. */
  public static final String VERSION = "anchors-1";
  /** A date this close to the top of the text can date the article (a date line). */
  static final int DATELINE_CHARS = 300;
  /** Lines without sentence punctuation before the lead sentence (headline, date line, byline). */
  private static final int HEADER_LINES = 3;
  private static final int MAX_LEAD_CHARS = 600;
  static final StartScan TIME_OF_DAY =
      new StartScan(Pattern.compile("\\b\\d{1,2}:\\d\\d(?::\\d\\d)?\\b"), StartScan.DIGITS, true, ":");

  /**
   * @param publishedOn the day the article was published (UTC), or null when unknown: relative
   *     expressions are then resolved against a date line at the top of the text, if any
   */
  public Anchors extract(ArticleText article, LocalDate publishedOn) {
    String title = article.title() == null ? "" : article.title();
    String text = article.text();
    int leadEnd = leadEnd(text);
    LocalDate reference = publishedOn;
    Dated dateline = null;
    if (reference == null) {
      dateline = dateline(title, text);
      if (dateline != null) {
        reference = LocalDate.parse(dateline.value());
      }
    }
    List<TimeExpression> times = new ArrayList<>();
    List<Quantity> quantities = new ArrayList<>();
    for (Field field : Field.values()) {
      String s = field == Field.TITLE ? title : text;
      if (s.isEmpty()) {
        continue;
      }
      TakenSpans taken = new TakenSpans(s.length());
      for (TimeExpressions.Found f : TimeExpressions.find(s, reference)) {
        boolean isDateline = dateline != null && field == dateline.field() && f.start() == dateline.found().start();
        times.add(TimeExpressions.expression(f, field, isDateline ? AnchorRole.DATELINE : role(field, f.start(), leadEnd)));
        taken.take(f.start(), f.end());
      }
      StartScan.Finder clock = TIME_OF_DAY.in(s);
      Matcher m = clock.matcher();
      while (clock.find()) {
        taken.take(m.start(), m.end());
      }
      for (Quantities.Found q : Quantities.find(s, taken)) {
        quantities.add(new Quantity(q.text(), q.start(), q.end(), field, q.kind(), q.unit(), q.value(),
            role(field, q.start(), leadEnd)));
      }
    }
    return new Anchors(leadEnd, reference == null ? null : reference.toString(), times, quantities);
  }

  private static AnchorRole role(Field field, int start, int leadEnd) {
    return field == Field.TITLE || start < leadEnd ? AnchorRole.LEAD : AnchorRole.BODY;
  }

  /** A full date found in one field. */
  private record Dated(Field field, TimeExpressions.Found found) {
    String value() {
      return found.value();
    }
  }

  /** The first full date of the title or of the top of the text: the article's date line, if it has one. */
  private static Dated dateline(String title, String text) {
    List<TimeExpressions.Found> inTitle = TimeExpressions.fullDates(title);
    if (!inTitle.isEmpty()) {
      return new Dated(Field.TITLE, inTitle.get(0));
    }
    String top = text.substring(0, Math.min(text.length(), DATELINE_CHARS));
    List<TimeExpressions.Found> inText = TimeExpressions.fullDates(top);
    return inText.isEmpty() ? null : new Dated(Field.TEXT, inText.get(0));
  }

  /**
   * End of the lead: the first sentence of the text that ends like a sentence, after at most
   * {@value #HEADER_LINES} header lines (a headline, a date line or a byline inside the text),
   * and at most {@value #MAX_LEAD_CHARS} characters into the text.
   */
  static int leadEnd(String text) {
    List<int[]> sentences = Sentences.split(text);
    int header = 0;
    for (int[] s : sentences) {
      if (s[0] >= MAX_LEAD_CHARS) {
        return MAX_LEAD_CHARS;
      }
      char last = text.charAt(s[1] - 1);
      boolean sentence = ".!?\"\u201d'\u2019".indexOf(last) >= 0;
      boolean ownLine = s[1] == text.length() || text.charAt(s[1]) == '\n';
      if (sentence || !ownLine || ++header > HEADER_LINES) {
        return Math.min(s[1], MAX_LEAD_CHARS);
      }
    }
    return Math.min(text.length(), MAX_LEAD_CHARS);
  }
}
