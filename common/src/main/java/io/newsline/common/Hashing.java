package io.newsline.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content hashes used for ids and exact-duplicate keys. */
public final class Hashing {
  private Hashing() {}

  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** First {@code hexChars} hex characters of the SHA-256 of the text: short, stable ids. */
  public static String shortId(String text, int hexChars) {
    return sha256Hex(text).substring(0, hexChars);
  }

  /** 64-bit FNV-1a: a fast, stable, non-cryptographic hash for features and shingles. */
  public static long fnv1a64(CharSequence s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      h ^= (c & 0xff);
      h *= 0x100000001b3L;
      h ^= (c >>> 8);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /**
   * The 64-bit finaliser of MurmurHash3 (fmix64): every input bit flips about half the output bits.
   * Feature hashing (NER, stance) and shingle hashing (dedup) build on it; trained models depend on
   * its exact output, so it must never change.
   */
  public static long mix64(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
