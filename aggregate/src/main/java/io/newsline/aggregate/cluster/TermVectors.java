package io.newsline.aggregate.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Term vectors of article text. Terms are lower-cased words without stop words, lightly stemmed
 * (plural and possessive endings), headline words counted twice and the body read up to
 * {@value #LEAD_CHARS} characters. Weights are sublinear term frequency times an inverse document
 * frequency that the caller supplies (see {@link TermStats}); vectors are L2-normalised and keep
 * their {@value #MAX_TERMS} strongest terms. Every map returned is sorted by term, so iteration
 * order (and anything derived from it) is deterministic.
 */
public final class TermVectors {
  static final int MAX_TERMS = 100;
  static final int LEAD_CHARS = 3000;
  private static final Set<String> STOP = Set.of(
      "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as",
      "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "it", "its", "this",
      "that", "these", "those", "he", "she", "they", "we", "you", "i", "his", "her", "him", "them", "me",
      "my", "your", "us", "their", "our", "not", "no", "will", "would", "could", "should", "can", "may",
      "might", "must", "said", "says", "say", "after", "before", "over", "into", "about", "than", "more",
      "also", "which", "who", "whom", "what", "when", "where", "while", "there", "here", "all", "any",
      "some", "one", "two", "new", "up", "out", "if", "so", "do", "does", "did", "just", "now", "mr", "ms",
      "off", "then", "very", "own", "same", "such", "only", "other", "both", "each", "few", "most", "much",
      "many", "how", "why", "because", "until", "against", "between", "through", "during", "above",
      "below", "under", "again", "further", "once", "get", "got", "like", "make", "made", "take", "year",
      "years", "time", "way", "back", "first", "last", "still", "even", "ever", "too", "via", "amid",
      "yet", "ve", "ll", "re", "don", "didn", "doesn", "isn", "wasn", "won", "t");

  private TermVectors() {}

  /** Raw term counts of an article: headline words weigh 2, body words 1. Sorted by term. */
  public static TreeMap<String, Double> counts(String title, String text) {
    Map<String, Double> tf = new HashMap<>();
    count(title, 2.0, tf);
    count(text == null ? "" : text.substring(0, Math.min(text.length(), LEAD_CHARS)), 1.0, tf);
    return new TreeMap<>(tf);
  }

  /** Weighted, L2-normalised vector of the strongest terms: (1 + ln tf) * idf(term). */
  public static TreeMap<String, Double> weigh(Map<String, Double> counts, TermStats stats) {
    // copied in term order (a sorted map copies without comparing keys), then weighed in place
    TreeMap<String, Double> w = new TreeMap<>(counts);
    w.replaceAll((t, c) -> (1 + Math.log(c)) * stats.idf(t));
    return normalize(strongest(w, MAX_TERMS));
  }

  public static TreeMap<String, Double> normalize(Map<String, Double> v) {
    double norm = norm(v);
    TreeMap<String, Double> out = new TreeMap<>();
    if (norm > 0) {
      out.putAll(v); // without comparing keys when v is sorted
      out.replaceAll((k, w) -> w / norm);
    }
    return out;
  }

  public static double norm(Map<String, Double> v) {
    double s = 0;
    for (double x : v.values()) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  public static double dot(Map<String, Double> a, Map<String, Double> b) {
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

  /** Cosine of two vectors of any length. */
  public static double cosine(Map<String, Double> a, Map<String, Double> b) {
    double na = norm(a);
    double nb = norm(b);
    return na == 0 || nb == 0 ? 0 : dot(a, b) / (na * nb);
  }

  /**
   * The n strongest entries (ties by term), sorted by term. Selected by the n-th strongest value (a
   * sort of primitive doubles, not of entries with a comparator: this runs for every article and
   * every event it changes): the entries above it, then as many of those equal to it as fit, in term order.
   */
  public static <N extends Number> TreeMap<String, N> strongest(Map<String, N> v, int n) {
    int m = v.size();
    if (m <= n) {
      return new TreeMap<>(v);
    }
    TreeMap<String, N> out = new TreeMap<>();
    if (n <= 0) {
      return out;
    }
    double[] values = new double[m];
    int i = 0;
    for (N x : v.values()) {
      values[i++] = x.doubleValue();
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted); // the order of Double.compare
    double cut = sorted[m - n];
    int above = 0;
    for (int k = m - n + 1; k < m; k++) {
      if (Double.compare(sorted[k], cut) > 0) {
        above++;
      }
    }
    List<String> ties = new ArrayList<>();
    i = 0;
    for (Map.Entry<String, N> e : v.entrySet()) {
      int c = Double.compare(values[i++], cut);
      if (c > 0) {
        out.put(e.getKey(), e.getValue());
      } else if (c == 0) {
        ties.add(e.getKey());
      }
    }
    if (!(v instanceof SortedMap<String, N> s && s.comparator() == null)) {
      ties.sort(null); // a sorted map gave them in term order already
    }
    for (String t : ties.subList(0, n - above)) {
      out.put(t, v.get(t));
    }
    return out;
  }

  /** Splits text into stemmed content words. */
  public static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    String lower = s.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    char[] c = lower.toCharArray();
    int i = 0;
    int n = c.length;
    while (i < n) {
      while (i < n && !Character.isLetterOrDigit(c[i])) {
        i++;
      }
      int start = i;
      while (i < n && (Character.isLetterOrDigit(c[i]) || (c[i] == '\'' && i + 1 < n && Character.isLetter(c[i + 1])))) {
        i++;
      }
      if (i > start) {
        String w = lower.substring(start, i);
        if (w.endsWith("'s")) {
          w = w.substring(0, w.length() - 2);
        }
        w = w.replace("'", "");
        if (w.length() >= 2 && !STOP.contains(w) && !allDigits(w)) {
          out.add(stem(w));
        }
      }
    }
    return out;
  }

  /** Light English stemming: plural endings only, so proper names stay recognisable. */
  static String stem(String w) {
    int n = w.length();
    if (n <= 3) {
      return w;
    }
    if (w.endsWith("ies") && n > 4) {
      return w.substring(0, n - 3) + "y";
    }
    if (w.endsWith("sses")) {
      return w.substring(0, n - 2);
    }
    if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")) {
      return w;
    }
    if (w.endsWith("es") && n > 4 && "sxz".indexOf(w.charAt(n - 3)) >= 0) {
      return w.substring(0, n - 2);
    }
    if (w.endsWith("s")) {
      return w.substring(0, n - 1);
    }
    return w;
  }

  private static boolean allDigits(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (!Character.isDigit(w.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static void count(String s, double weight, Map<String, Double> tf) {
    for (String w : tokens(s)) {
      tf.merge(w, weight, Double::sum);
    }
  }
}
