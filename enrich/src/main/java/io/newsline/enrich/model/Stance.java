package io.newsline.enrich.model;

import java.util.List;

/**
 * How an article portrays an entity.
 *
 * @param label negative, neutral or positive
 * @param score signed strength in -1..+1
 * @param evidence sentences the label rests on
 */
public record Stance(String label, double score, List<Span> evidence) {
  public static final String NEGATIVE = "negative";
  public static final String NEUTRAL = "neutral";
  public static final String POSITIVE = "positive";

  /** Neutral, no evidence: the stance of an entity nobody has analysed yet. */
  public static final Stance NONE = new Stance(NEUTRAL, 0.0, List.of());

  public Stance {
    evidence = List.copyOf(evidence);
  }
}
