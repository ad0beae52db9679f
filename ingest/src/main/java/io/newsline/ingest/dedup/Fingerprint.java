package io.newsline.ingest.dedup;

/** The similarity fingerprints of one text: SimHash, MinHash signature and shingle count. */
public record Fingerprint(long simhash, int[] minhash, int shingles) {
  public static Fingerprint of(String text) {
    long[] s = Shingles.of(text);
    return new Fingerprint(SimHash.of(s), MinHash.of(s), s.length);
  }
}
