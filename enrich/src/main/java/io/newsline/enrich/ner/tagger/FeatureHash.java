package io.newsline.enrich.ner.tagger;

import io.newsline.common.Hashing;
/**
 * 64-bit hashing of feature parts without building strings: FNV-1a over chars, combined with a
 * MurmurHash3-style finaliser. Fixed constants, so hashes (and thus a trained model) are the same
 * on every JVM.
 */
public final class FeatureHash {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private FeatureHash() {}

  public static long of(CharSequence s) {
    return of(s, 0, s.length());
  }

  public static long of(CharSequence s, int from, int to) {
    long h = FNV_OFFSET;
    for (int i = from; i < to; i++) {
      h ^= s.charAt(i);
      h *= FNV_PRIME;
    }
    return Hashing.mix64(h);
  }

  /** Hash of s[from, to) lower-cased (ROOT-like, per char). */
  public static long ofLower(CharSequence s, int from, int to) {
    long h = FNV_OFFSET;
    for (int i = from; i < to; i++) {
      h ^= Character.toLowerCase(s.charAt(i));
      h *= FNV_PRIME;
    }
    return Hashing.mix64(h);
  }

  public static long combine(long a, long b) {
    return Hashing.mix64(a * 0x9E3779B97F4A7C15L + Long.rotateLeft(b, 31) + 0x632BE59BD9B4E019L);
  }

  public static long combine(long a, long b, long c) {
    return combine(combine(a, b), c);
  }

  public static long combine(long a, long b, long c, long d) {
    return combine(combine(combine(a, b), c), d);
  }
}
