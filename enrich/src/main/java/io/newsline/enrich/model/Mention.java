package io.newsline.enrich.model;

/** One mention of an entity: [start, end) in the title or text, and the words as written. */
public record Mention(int start, int end, Field field, String text) {}
