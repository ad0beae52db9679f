package io.newsline.enrich.model;

import java.util.List;

/**
 * What an article says about when, where and how much: the anchors that tell an event from a
 * look-alike event of the same kind (two earthquakes, two acquisitions by one company). Entities
 * (who, where) are in {@link Enrichment#entities()}; these are the rest.
 *
 * @param leadEnd end of the lead in the text (exclusive): the title and text[0, leadEnd) say what happened
 * @param referenceDate the day relative expressions were resolved against (ISO yyyy-MM-dd): the
 *     publication date, else a date line at the top of the text; null when neither is known
 * @param times time expressions in document order (title first)
 * @param quantities numbers in document order (title first)
 */
public record Anchors(int leadEnd, String referenceDate, List<TimeExpression> times, List<Quantity> quantities) {
  public static final Anchors NONE = new Anchors(0, null, List.of(), List.of());

  public Anchors {
    times = List.copyOf(times);
    quantities = List.copyOf(quantities);
  }
}
