package io.newsline.aggregate.cluster;

import java.util.List;

/**
 * The event anchors of an article as keys the clusterer compares, split by role: the lead (headline,
 * lead sentence, date line) says what happened; the body also recalls earlier events and other
 * people. Keys:
 * <ul>
 *   <li>{@code p:<head>}, {@code l:<head>}, {@code o:<head>} a person, place or organisation of the
 *       lead, {@code h:<head>} any named entity of the article, by the last word of its canonical
 *       name ({@link ClusterArticles#head}: Matt Smith and Smith, Aoraki Mount Cook and Mount Cook match);
 *   <li>{@code y:2013} a year written out (of any date, month or year mentioned with its year; not one
 *       inferred by resolving "on Tuesday" against the reference date), {@code m:2013}
 *       the latest year the article mentions (how recent it is, when it carries no publication date);
 *   <li>{@code d:2013} (lead) the year of the article's date line: when it was written, for an
 *       article without a publication time (ingest keeps the date line of such articles).
 * </ul>
 *
 * @param lead keys of the lead, sorted, distinct
 * @param all keys of the whole article (the lead's included, except its p:, l:, o: and d: keys), sorted, distinct
 */
public record ArticleAnchors(List<String> lead, List<String> all) {
  /** No anchors: the article was enriched before anchors existed. */
  public static final ArticleAnchors NONE = new ArticleAnchors(List.of(), List.of());

  public ArticleAnchors {
    lead = List.copyOf(lead);
    all = List.copyOf(all);
  }

  public boolean isEmpty() {
    return lead.isEmpty() && all.isEmpty();
  }
}
