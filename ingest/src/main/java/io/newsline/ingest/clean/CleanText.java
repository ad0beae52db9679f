package io.newsline.ingest.clean;

/**
 * Cleaned article text: the headline (when one could be found), the body paragraphs joined by
 * newlines, and the author names from a "By ..." line (null when there was none).
 */
public record CleanText(String title, String text, String byline) {}
