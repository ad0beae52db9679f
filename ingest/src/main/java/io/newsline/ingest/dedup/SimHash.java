package io.newsline.ingest.dedup;

import io.newsline.common.Hashing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * 64-bit SimHash over word 3-shingles: texts that share most shingles differ in few bits, so
 * syndicated copies and light rewrites are found by Hamming distance.
 */
public final class SimHash {
  private SimHash() {}

  public static long of(String text) {
    List<String> words = words(text);
    int[] votes = new int[64];
    int shingles = Math.max(1, words.size() - 2);
    for (int i = 0; i < shingles; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = i; j < Math.min(words.size(), i + 3); j++) {
        sb.append(words.get(j)).append(' ');
      }
      long h = Hashing.fnv1a64(sb);
      h ^= (h >>> 33);
      h *= 0xff51afd7ed558ccdL;
      h ^= (h >>> 33);
      for (int b = 0; b < 64; b++) {
        votes[b] += ((h >>> b) & 1) == 1 ? 1 : -1;
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

  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }
}
