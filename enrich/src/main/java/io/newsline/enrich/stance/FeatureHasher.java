package io.newsline.enrich.stance;

import io.newsline.common.Hashing;
/**
 * Maps a feature (a prefix such as "left, distance 2" and a word) to a bucket of a fixed-size
 * weight table, so the model needs no vocabulary. Words and prefixes are hashed once (64-bit
 * FNV-1a) and combined per feature with a multiply-xor mix, which keeps extraction cheap: a
 * sentence's words are hashed once for all its targets. The first {@code reserved} buckets are
 * kept out of the hash range for dense features, which are indexed directly: a table has
 * {@code reserved + 2^bits} buckets.
 */
public final class FeatureHasher {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;
  private final int reserved;
  private final int shift;

  /** Hashed features fall in [reserved, reserved + 2^bits). */
  public FeatureHasher(int bits, int reserved) {
    this.reserved = reserved;
    this.shift = 64 - bits;
  }

  /** The 64-bit hash of a word or prefix. */
  public static long hash(String s) {
    long h = OFFSET;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * PRIME;
    }
    return h;
  }

  /** Bucket of the feature (prefix, word), both given as {@link #hash} values. */
  public int bucket(long prefix, long word) {
    long h = Hashing.mix64(prefix ^ (word * 0x9e3779b97f4a7c15L));
    return reserved + (int) (h >>> shift);
  }

  /** Bucket of the feature (prefix, first word, second word). */
  public int bucket(long prefix, long first, long second) {
    return bucket(prefix, Hashing.mix64(first + 0x632be59bd9b4e019L) ^ second);
  }

  public int bucket(String prefix, String word) {
    return bucket(hash(prefix), hash(word));
  }

}
