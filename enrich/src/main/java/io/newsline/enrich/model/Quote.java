package io.newsline.enrich.model;

/**
 * A direct quote: the quoted words [start, end) without quotation marks, and its speaker.
 *
 * @param speakerId canonical entity id of the speaker, null when unresolved
 * @param speaker the speaker's display name, null when unknown
 */
public record Quote(String speakerId, String speaker, String text, int start, int end, Field field) {}
