package io.newsline.ingest.clean;

/** Cleaned article text: the headline (when one could be found) and the body paragraphs joined by newlines. */
public record CleanText(String title, String text) {}
