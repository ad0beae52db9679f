package io.newsline.ingest.dedup;

import io.newsline.avro.RawArticle;
import io.newsline.common.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What ingest last published under each article id, as a fingerprint of the article's content, so
 * that the same article delivered again unchanged (a push client retrying after a lost answer, a
 * file imported again after a crash, a feed item seen again) is not published again: with it, a
 * source retrying until it hears "accepted" gets each article into the raw topic exactly once.
 * An article whose content changed is an update and is published. Holds the latest
 * {@code capacity} ids (forgetting the oldest first, like the duplicate index). Not thread-safe.
 */
public final class Redeliveries {
  private final int capacity;
  private final LinkedHashMap<String, Long> latest;

  public Redeliveries(int capacity) {
    this.capacity = capacity;
    this.latest = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
        return size() > Redeliveries.this.capacity;
      }
    };
  }

  /** Whether exactly this content was the latest published under the article's id. */
  public boolean isUnchanged(RawArticle a) {
    Long seen = latest.get(a.getId());
    return seen != null && seen == fingerprint(a);
  }

  /** Remembers a published (committed) article as the latest under its id. */
  public void published(RawArticle a) {
    String id = a.getId();
    latest.remove(id); // re-insert: the newest entry is forgotten last
    latest.put(id, fingerprint(a));
  }

  public int size() {
    return latest.size();
  }

  /**
   * The fields a source delivers, not those ingest adds (ingestion time, duplicate links, which
   * source): the same article from a retry has the same fingerprint.
   */
  static long fingerprint(RawArticle a) {
    StringBuilder sb = new StringBuilder(a.getText().length() + 256);
    for (Object field : new Object[] {a.getId(), a.getUrl(), a.getCanonicalUrl(), a.getOutlet(), a.getTitle(),
        a.getByline(), a.getLanguage(), a.getPublishedAt(), a.getPublishedAtUntrusted(), a.getText()}) {
      sb.append(field == null ? "\u0000" : field.toString()).append('\u0001');
    }
    byte[] h = Hashing.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (h[i] & 0xff);
    }
    return v;
  }
}
