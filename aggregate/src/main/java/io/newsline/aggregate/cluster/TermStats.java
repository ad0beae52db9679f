package io.newsline.aggregate.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * Document frequencies of terms among the articles of the active events of one clustering
 * partition: the sum of every active event's {@link EventState#termDocs} (kept incrementally by
 * the clusterer as events change). The statistics are a pure
 * function of the partition's events, so they need no store of their own (they are rebuilt from the
 * event store after a restart or rebalance), they forget history when events go dormant (memory
 * bounded by the active events), and they adapt to the stream: words every current story uses
 * ("apple", "watch" during a launch week) weigh less than the ones that tell stories apart.
 */
public final class TermStats {
  private final Map<String, Integer> docs = new HashMap<>();
  private long articles;

  /** idf = ln((N + 1) / (df + 1)) + 1, counting the article being scored as one more document containing the term. */
  public double idf(String term) {
    int df = docs.getOrDefault(term, 0) + 1;
    return Math.log((articles + 2.0) / (df + 1.0)) + 1;
  }

  public long articles() {
    return articles;
  }

  public int terms() {
    return docs.size();
  }

  void add(EventState e) {
    articles += e.articleCount;
    e.termDocs.forEach((t, n) -> docs.merge(t, n, Integer::sum));
  }

  /** One more article with these terms joined an active event. */
  void addArticle(Iterable<String> terms) {
    articles++;
    for (String t : terms) {
      docs.merge(t, 1, Integer::sum);
    }
  }

  /** An active event stopped counting a term (its term counts were cut back). */
  void removeTerm(String t, int n) {
    int left = docs.getOrDefault(t, 0) - n;
    if (left <= 0) {
      docs.remove(t);
    } else {
      docs.put(t, left);
    }
  }

  void remove(EventState e) {
    articles -= e.articleCount;
    e.termDocs.forEach((t, n) -> {
      int left = docs.getOrDefault(t, 0) - n;
      if (left <= 0) {
        docs.remove(t);
      } else {
        docs.put(t, left);
      }
    });
  }
}
