package io.newsline.ingest.dedup;

/**
 * 64-bit SimHash over word 3-shingles: texts that share most shingles differ in few bits. Kept in
 * every raw article (a compact similarity key for consumers); the near-duplicate decision itself
 * uses {@link MinHash}, whose estimate is sharper for light rewrites.
 *
 * <p>Each output bit is the majority vote of that bit over all shingle hashes. The votes are
 * counted with bit-sliced counters (one 64-bit word per binary digit of the count, added with
 * carries), a handful of word operations per shingle instead of 64 separate increments.
 */
public final class SimHash {
  private static final int DIGITS = 24; // counts up to 16 million shingles

  private SimHash() {}

  public static long of(String text) {
    return of(Shingles.of(text));
  }

  public static long of(long[] shingles) {
    long[] digit = new long[DIGITS];
    for (long h : shingles) {
      long carry = h;
      for (int d = 0; carry != 0 && d < DIGITS; d++) {
        long next = digit[d] & carry;
        digit[d] ^= carry;
        carry = next;
      }
    }
    long out = 0;
    int n = shingles.length;
    for (int b = 0; b < 64; b++) {
      int ones = 0;
      for (int d = 0; d < DIGITS; d++) {
        ones |= (int) ((digit[d] >>> b) & 1) << d;
      }
      if (2 * ones > n) {
        out |= 1L << b;
      }
    }
    return out;
  }

  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }
}
