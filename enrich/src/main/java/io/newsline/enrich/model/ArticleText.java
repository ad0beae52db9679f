package io.newsline.enrich.model;

/**
 * The text of one article as the enricher sees it. Offsets in every result index {@link #title()}
 * or {@link #text()} as Java String indices.
 *
 * @param id article id
 * @param title headline, may be null
 * @param text body, never null
 */
public record ArticleText(String id, String title, String text) {
  public ArticleText {
    text = text == null ? "" : text;
  }

  /** The string a field's offsets index ("" for a missing title). */
  public String field(Field f) {
    return f == Field.TITLE ? (title == null ? "" : title) : text;
  }
}
