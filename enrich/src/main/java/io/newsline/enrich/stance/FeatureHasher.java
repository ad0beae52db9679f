package io.newsline.enrich.stance;

/**
 * Maps a feature name (a prefix and a word) to a bucket of a fixed-size weight table with 64-bit
 * FNV-1a, so that the model needs no vocabulary and feature extraction allocates no strings.
 */
public final class FeatureHasher {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;
  private final int mask;

  public FeatureHasher(int bits) {
    this.mask = (1 << bits) - 1;
  }

  public int bucket(String prefix, String word) {
    long h = OFFSET;
    h = mix(h, prefix);
    h = (h ^ '|') * PRIME;
    h = mix(h, word);
    return finish(h);
  }

  public int bucket(String prefix, String first, String second) {
    long h = OFFSET;
    h = mix(h, prefix);
    h = (h ^ '|') * PRIME;
    h = mix(h, first);
    h = (h ^ ' ') * PRIME;
    h = mix(h, second);
    return finish(h);
  }

  private static long mix(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * PRIME;
    }
    return h;
  }

  private int finish(long h) {
    h ^= h >>> 29;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
