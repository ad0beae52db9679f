package io.newsline.enrich.model;

/**
 * A number of the article that can tell one event from a look-alike: an age, a magnitude, an
 * amount of money, a score, a percentage, an ordinal or a count of something.
 *
 * @param text the words as written, e.g. "$5.4 billion" or "66-year-old"
 * @param unit what is counted or measured: age, magnitude, usd, eur, gbp, score, percent, or the
 *     counted noun for counts and ordinals (people, round, doctor), singular and lower-case
 * @param kind age, magnitude, money, score, percent, ordinal or count
 * @param value the normalised value: a plain decimal (5400000000, 6.1) or, for scores, the higher
 *     and the lower number (31-24)
 */
public record Quantity(String text, int start, int end, Field field, String kind, String unit, String value, AnchorRole role) {}
