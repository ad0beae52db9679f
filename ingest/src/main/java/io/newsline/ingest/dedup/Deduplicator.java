package io.newsline.ingest.dedup;

import io.newsline.common.Hashing;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Finds the earlier article an article duplicates: the same canonical URL, the same normalised
 * content, or (near duplicates: syndicated copies, light rewrites) an estimated Jaccard similarity
 * of word 3-shingles of at least {@link #NEAR_SIMILARITY} (a rewrite that changes one word in twelve
 * still scores about 0.6). Candidates come from MinHash LSH: 32 bands of 2 positions, so a pair at
 * similarity 0.5 shares a band with probability 0.9999, while
 * different articles on the same event (similarity well under 0.1) rarely do and are then
 * rejected by the full signature. Only originals are indexed: duplicates link to them.
 *
 * <p>The index holds the latest {@code capacity} originals (about 3 KB of heap each, most of it the
 * entries of the 21 band buckets) and forgets the
 * oldest first: syndicated copies and rewrites follow their original within days, and a
 * long-running ingest must not grow without bound. A copy of a forgotten original is ingested as
 * an original. Not thread-safe.
 */
public final class Deduplicator {
  public static final double NEAR_SIMILARITY = 0.5;
  /** Texts shorter than this many shingles (about a dozen words) are too short to call near duplicates. */
  public static final int MIN_SHINGLES = 10;
  private static final int ROWS = 3;
  private static final int BANDS = MinHash.SIZE / ROWS;
  /** Equal positions needed to reach the threshold. */
  private static final int MIN_SAME = (int) Math.ceil(NEAR_SIMILARITY * MinHash.SIZE);
  /** Entries checked per band bucket, newest first. */
  static final int MAX_BUCKET_SCAN = 32;
  /** A candidate with more differing positions than this is below the threshold. */
  private static final int MAX_DIFFERENT = MinHash.SIZE - (int) Math.ceil(NEAR_SIMILARITY * MinHash.SIZE);

  /** Default capacity: a day or more of a large news flow in about 300 MB of heap. */
  public static final int DEFAULT_CAPACITY = 100_000;

  private final int capacity;
  private final Map<String, String> byUrl = new HashMap<>();
  private final Map<String, String> byContent = new HashMap<>();
  private final Map<Long, ArrayDeque<Entry>> buckets = new HashMap<>();
  /** Indexed originals, oldest first: the eviction order. */
  private final ArrayDeque<Entry> oldestFirst = new ArrayDeque<>();
  private long evicted;
  private int lookup;

  public Deduplicator() {
    this(DEFAULT_CAPACITY);
  }

  /** @param capacity originals kept in the index; the oldest are forgotten beyond it */
  public Deduplicator(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("deduplication capacity must be at least 1, not " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * The earlier article that {@code id} duplicates, or null when it is an original. An article
   * found under its own id is the same article delivered again (an update), not a duplicate.
   */
  public Duplicate find(String id, String canonicalUrl, String contentHash, Fingerprint fp) {
    if (canonicalUrl != null && byUrl.containsKey(canonicalUrl)) {
      String original = byUrl.get(canonicalUrl);
      return original.equals(id) ? null : new Duplicate(original, "url", 1.0);
    }
    String sameContent = byContent.get(contentHash);
    if (sameContent != null) {
      return sameContent.equals(id) ? null : new Duplicate(sameContent, "content", 1.0);
    }
    if (fp.shingles() < MIN_SHINGLES) {
      return null;
    }
    Entry best = null;
    int bestSame = -1;
    int stamp = ++lookup;
    long[] packed = pack(fp.minhash());
    for (int b = 0; b < BANDS; b++) {
      ArrayDeque<Entry> bucket = buckets.get(bandKey(fp.minhash(), b));
      if (bucket == null) {
        continue;
      }
      // newest first, and only so many: a band value shared by hundreds of articles comes from
      // phrases everyone uses; a real near duplicate also shares several other bands
      Iterator<Entry> newestFirst = bucket.descendingIterator();
      for (int seen = 0; newestFirst.hasNext() && seen < MAX_BUCKET_SCAN; seen++) {
        Entry e = newestFirst.next();
        if (e.checked == stamp || e.id.equals(id)) {
          continue;
        }
        e.checked = stamp;
        if (sameBytes(e.packed, packed) < MIN_SAME) {
          continue; // cheap reject on one byte per position: most candidates end here
        }
        int same = samePositions(e.minhash, fp.minhash());
        if (same > bestSame) {
          best = e;
          bestSame = same;
        }
      }
    }
    double bestSimilarity = bestSame < 0 ? 0 : (double) bestSame / MinHash.SIZE;
    if (bestSimilarity < NEAR_SIMILARITY) {
      best = null;
    }
    return best == null ? null : new Duplicate(best.id, "near", bestSimilarity);
  }

  /** Indexes an original article. */
  public void remember(String id, String canonicalUrl, String contentHash, Fingerprint fp) {
    if (byContent.putIfAbsent(contentHash, id) != null) {
      return; // this text is indexed already (the same article delivered again)
    }
    if (canonicalUrl != null) {
      byUrl.putIfAbsent(canonicalUrl, id);
    }
    boolean near = fp.shingles() >= MIN_SHINGLES;
    Entry e = new Entry(id, canonicalUrl, contentHash, near ? fp.minhash() : null, near ? pack(fp.minhash()) : null);
    oldestFirst.addLast(e);
    if (near) {
      for (int b = 0; b < BANDS; b++) {
        buckets.computeIfAbsent(bandKey(fp.minhash(), b), k -> new ArrayDeque<>(2)).addLast(e);
      }
    }
    if (oldestFirst.size() > capacity) {
      forget(oldestFirst.removeFirst());
    }
  }

  /** The oldest original leaves every map; being the oldest, it heads each of its buckets. */
  private void forget(Entry e) {
    if (e.canonicalUrl != null) {
      byUrl.remove(e.canonicalUrl, e.id);
    }
    byContent.remove(e.contentHash, e.id);
    if (e.minhash != null) {
      for (int b = 0; b < BANDS; b++) {
        long key = bandKey(e.minhash, b);
        ArrayDeque<Entry> bucket = buckets.get(key);
        if (bucket != null && bucket.peekFirst() == e) {
          bucket.removeFirst();
          if (bucket.isEmpty()) {
            buckets.remove(key);
          }
        }
      }
    }
    evicted++;
  }

  /** How many originals the index keeps. */
  public int capacity() {
    return capacity;
  }

  /** Original articles in the index. */
  public int size() {
    return oldestFirst.size();
  }

  /** Originals forgotten to keep the index within its capacity. */
  public long evicted() {
    return evicted;
  }

  /** The low byte of every signature position, eight to a long. */
  static long[] pack(int[] sig) {
    long[] out = new long[MinHash.SIZE / 8];
    for (int i = 0; i < MinHash.SIZE; i++) {
      out[i >> 3] |= (sig[i] & 0xffL) << ((i & 7) * 8);
    }
    return out;
  }

  /**
   * Positions whose low bytes are equal (SWAR zero-byte count of the XOR): at least the equal
   * positions, so a pair below the threshold here is below it for sure.
   */
  static int sameBytes(long[] a, long[] b) {
    int same = 0;
    for (int i = 0; i < a.length; i++) {
      long d = a[i] ^ b[i];
      long nonZero = ((d & 0x7f7f7f7f7f7f7f7fL) + 0x7f7f7f7f7f7f7f7fL) | d | 0x7f7f7f7f7f7f7f7fL;
      same += Long.bitCount(~nonZero);
    }
    return same;
  }

  /** Equal positions, or -1 as soon as too many differ to reach the threshold. */
  private static int samePositions(int[] a, int[] b) {
    int different = 0;
    for (int i = 0; i < MinHash.SIZE; i++) {
      if (a[i] != b[i] && ++different > MAX_DIFFERENT) {
        return -1;
      }
    }
    return MinHash.SIZE - different;
  }

  private static long bandKey(int[] sig, int band) {
    long key = band;
    for (int r = 0; r < ROWS; r++) {
      key = key * 0x9E3779B97F4A7C15L + (sig[band * ROWS + r] & 0xffffffffL);
    }
    return Hashing.mix64(key);
  }

  /**
   * The original's id, how the duplicate was found (url, content or near) and the estimated
   * similarity (1 for exact duplicates).
   */
  public record Duplicate(String originalId, String kind, double similarity) {}

  private static final class Entry {
    final String id;
    final String canonicalUrl;
    final String contentHash;
    /** Null for texts too short to compare as near duplicates (not in any bucket). */
    final int[] minhash;
    final long[] packed;
    /** The last lookup that checked this entry: one check per lookup, however many bands match. */
    int checked;

    Entry(String id, String canonicalUrl, String contentHash, int[] minhash, long[] packed) {
      this.id = id;
      this.canonicalUrl = canonicalUrl;
      this.contentHash = contentHash;
      this.minhash = minhash;
      this.packed = packed;
    }
  }
}
