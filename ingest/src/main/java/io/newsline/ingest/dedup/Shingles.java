package io.newsline.ingest.dedup;

import io.newsline.common.Hashing;
import java.util.Arrays;

/**
 * Word 3-shingles of a text as 64-bit hashes: lower-cased runs of letters and digits, three at a
 * time. Both fingerprints are built on them, so a text is tokenised once. No regex, no strings
 * per word: this runs for every ingested article.
 */
public final class Shingles {
  static final int SIZE = 3;

  private Shingles() {}

  /** The shingle hashes in text order (a text of fewer than three words gives one shingle of them all). */
  public static long[] of(String text) {
    long[] words = wordHashes(text);
    if (words.length == 0) {
      return new long[0];
    }
    if (words.length < SIZE) {
      long h = 0;
      for (long w : words) {
        h = Hashing.mix64(h * 0x9E3779B97F4A7C15L + w);
      }
      return new long[] {h};
    }
    long[] out = new long[words.length - SIZE + 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = Hashing.mix64(words[i] * 0x9E3779B97F4A7C15L + Long.rotateLeft(words[i + 1], 21) * 0xC2B2AE3D27D4EB4FL + Long.rotateLeft(words[i + 2], 42));
    }
    return out;
  }

  static long[] wordHashes(String text) {
    long[] out = new long[Math.max(16, text.length() / 5)];
    int n = 0;
    long h = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 128 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') : Character.isLetterOrDigit(c)) {
        char lc = c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
        h = inWord ? (h ^ lc) * 0x100000001b3L : (0xcbf29ce484222325L ^ lc) * 0x100000001b3L;
        inWord = true;
      } else if (inWord) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = h;
        inWord = false;
      }
    }
    if (inWord) {
      if (n == out.length) {
        out = Arrays.copyOf(out, n + 1);
      }
      out[n++] = h;
    }
    return Arrays.copyOf(out, n);
  }

}
