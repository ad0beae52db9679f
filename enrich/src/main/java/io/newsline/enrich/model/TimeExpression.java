package io.newsline.enrich.model;

/**
 * A time expression of the article, normalised.
 *
 * @param text the words as written, e.g. "last Thursday" or "Nov. 30, 2009"
 * @param value TIMEX3-style value: 2009-11-30 (a day), 2009-11 (a month), 2009 (a year); a day
 *     whose year is unknown is XXXX-11-30 and a weekday that could not be resolved (no reference
 *     date) XXXX-WXX-4 (ISO day of week, Monday = 1)
 * @param relative resolved against the reference date (weekdays, yesterday, a day without a year)
 *     rather than written out in full
 */
public record TimeExpression(String text, int start, int end, Field field, String value, boolean relative, AnchorRole role) {}
