package io.newsline.aggregate.cluster;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Bag-of-words vectors of article text: lower-cased content words, stop words removed, headline
 * words counted twice, sublinear term frequency, L2-normalised, truncated to the strongest terms.
 */
public final class TermVectors {
  static final int MAX_TERMS = 60;
  private static final int LEAD_CHARS = 3000;
  private static final Set<String> STOP =
      Set.of("the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
          "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its",
          "this", "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her",
          "their", "our", "not", "no", "will", "would", "could", "should", "can", "may", "said",
          "says", "say", "after", "before", "over", "into", "about", "than", "more", "also", "which",
          "who", "what", "when", "where", "while", "there", "here", "all", "any", "some", "one",
          "two", "new", "up", "out", "if", "so", "do", "does", "did", "just", "now", "s", "mr", "ms");

  private TermVectors() {}

  /** term -> weight, L2-normalised, at most MAX_TERMS entries, sorted by term for determinism. */
  public static Map<String, Double> of(String title, String text) {
    Map<String, Double> tf = new HashMap<>();
    count(title, 2.0, tf);
    count(text == null ? "" : text.substring(0, Math.min(text.length(), LEAD_CHARS)), 1.0, tf);
    Map<String, Double> top = new TreeMap<>();
    tf.entrySet().stream()
        .sorted((x, y) -> x.getValue().equals(y.getValue()) ? x.getKey().compareTo(y.getKey()) : Double.compare(y.getValue(), x.getValue()))
        .limit(MAX_TERMS)
        .forEach(e -> top.put(e.getKey(), 1 + Math.log(e.getValue())));
    return normalize(top);
  }

  public static Map<String, Double> normalize(Map<String, Double> v) {
    double norm = Math.sqrt(v.values().stream().mapToDouble(x -> x * x).sum());
    Map<String, Double> out = new TreeMap<>();
    if (norm > 0) {
      v.forEach((k, w) -> out.put(k, w / norm));
    }
    return out;
  }

  public static double cosine(Map<String, Double> a, Map<String, Double> b) {
    Map<String, Double> small = a.size() <= b.size() ? a : b;
    Map<String, Double> large = small == a ? b : a;
    double dot = 0;
    for (Map.Entry<String, Double> e : small.entrySet()) {
      Double w = large.get(e.getKey());
      if (w != null) {
        dot += e.getValue() * w;
      }
    }
    return dot;
  }

  private static void count(String s, double weight, Map<String, Double> tf) {
    if (s == null) {
      return;
    }
    for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() > 2 && !STOP.contains(w) && !w.chars().allMatch(Character::isDigit)) {
        tf.merge(w, weight, Double::sum);
      }
    }
  }
}
