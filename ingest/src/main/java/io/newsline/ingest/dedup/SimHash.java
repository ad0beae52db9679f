package io.newsline.ingest.dedup;

/**
 * 64-bit SimHash over word 3-shingles: texts that share most shingles differ in few bits. Kept in
 * every raw article (a compact similarity key for consumers); the near-duplicate decision itself
 * uses {@link MinHash}, whose estimate is sharper for light rewrites.
 */
public final class SimHash {
  private SimHash() {}

  public static long of(String text) {
    return of(Shingles.of(text));
  }

  public static long of(long[] shingles) {
    int[] votes = new int[64];
    for (long h : shingles) {
      for (int b = 0; b < 64; b++) {
        votes[b] += (int) ((h >>> b) & 1) * 2 - 1;
      }
    }
    long out = 0;
    for (int b = 0; b < 64; b++) {
      if (votes[b] > 0) {
        out |= 1L << b;
      }
    }
    return out;
  }

  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }
}
