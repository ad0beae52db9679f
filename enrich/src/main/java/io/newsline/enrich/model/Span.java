package io.newsline.enrich.model;

/** A character range [start, end) of the title or text. */
public record Span(int start, int end, Field field) {}
