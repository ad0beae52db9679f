package io.newsline.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.common.Hashing;
import org.junit.jupiter.api.Test;

/** The index keeps the latest originals up to its capacity and forgets the oldest first. */
class DeduplicatorCapacityTest {
  private static final String[] WORDS = ("ministers met in the capital on monday to discuss a ceasefire plan that envoys"
      + " drafted after weeks of talks while officials warned that fighting along the front line continued overnight").split(" ");

  /** A distinct article of about 40 words: a different word order per seed. */
  private static String article(int seed) {
    StringBuilder b = new StringBuilder("Report ").append(seed).append(':');
    long x = seed * 0x9E3779B97F4A7C15L + 1;
    for (int i = 0; i < 40; i++) {
      x = Hashing.mix64(x + i);
      b.append(' ').append(WORDS[(int) Math.floorMod(x, (long) WORDS.length)]);
    }
    return b.append('.').toString();
  }

  private static Deduplicator.Duplicate find(Deduplicator d, String id, String url, String text) {
    return d.find(id, url, Hashing.sha256Hex(text), Fingerprint.of(text));
  }

  private static void remember(Deduplicator d, String id, String url, String text) {
    d.remember(id, url, Hashing.sha256Hex(text), Fingerprint.of(text));
  }

  @Test
  void theOldestOriginalsAreForgottenBeyondTheCapacity() {
    Deduplicator d = new Deduplicator(100);
    for (int i = 0; i < 250; i++) {
      remember(d, "a" + i, "https://example.org/" + i, article(i));
    }
    assertThat(d.size()).isEqualTo(100);
    assertThat(d.evicted()).isEqualTo(150);
    // forgotten: same URL, same text, and a near copy of an early article are new again
    assertThat(find(d, "x", "https://example.org/3", "other text")).isNull();
    assertThat(find(d, "x", null, article(3))).isNull();
    assertThat(find(d, "x", null, article(3) + " Copyright 2026 Wire Service.")).isNull();
    // kept: the latest hundred are still found, exactly and near
    assertThat(find(d, "x", "https://example.org/200", "other text").originalId()).isEqualTo("a200");
    assertThat(find(d, "x", null, article(249)).originalId()).isEqualTo("a249");
    Deduplicator.Duplicate near = find(d, "x", null, article(180) + " Copyright 2026 Wire Service.");
    assertThat(near.originalId()).isEqualTo("a180");
    assertThat(near.kind()).isEqualTo("near");
  }

  @Test
  void anArticleDeliveredAgainIsIndexedOnce() {
    Deduplicator d = new Deduplicator(10);
    for (int i = 0; i < 5; i++) {
      remember(d, "same", "https://example.org/same", article(1));
    }
    assertThat(d.size()).isEqualTo(1);
    assertThat(find(d, "same", "https://example.org/same", article(1))).isNull(); // itself, not a duplicate
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> new Deduplicator(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
