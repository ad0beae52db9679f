package io.newsline.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FingerprintTest {
  @Test
  void bitSlicedSimHashEqualsTheMajorityVote() {
    Random r = new Random(5);
    for (int n : new int[] {0, 1, 2, 3, 64, 999}) {
      long[] hashes = r.longs(n).toArray();
      long expected = 0;
      for (int b = 0; b < 64; b++) {
        int votes = 0;
        for (long h : hashes) {
          votes += ((h >>> b) & 1) == 1 ? 1 : -1;
        }
        if (votes > 0) {
          expected |= 1L << b;
        }
      }
      assertThat(SimHash.of(hashes)).as("n=" + n).isEqualTo(expected);
    }
  }

  @Test
  void minHashEstimatesJaccard() {
    Random r = new Random(9);
    for (double target : new double[] {0.1, 0.3, 0.5, 0.7, 0.9}) {
      Set<Long> a = new HashSet<>();
      Set<Long> b = new HashSet<>();
      // 800 shared-or-not shingles: |A∩B| / |A∪B| = target
      int union = 1000;
      int shared = (int) (target * union);
      for (int i = 0; i < union; i++) {
        long x = r.nextLong();
        if (i < shared) {
          a.add(x);
          b.add(x);
        } else if (i % 2 == 0) {
          a.add(x);
        } else {
          b.add(x);
        }
      }
      double est = MinHash.similarity(MinHash.of(toArray(a)), MinHash.of(toArray(b)));
      assertThat(est).as("target " + target).isBetween(target - 0.2, target + 0.2);
    }
    assertThat(MinHash.of(new long[] {1, 2, 3})).isEqualTo(MinHash.of(new long[] {3, 2, 1, 1}));
  }

  @Test
  void sameTextSameFingerprintDifferentTextFarApart() {
    Fingerprint a = Fingerprint.of("Five hours of talks in Moscow ended after midnight without an agreement, officials said.");
    Fingerprint b = Fingerprint.of("Five hours of talks in Moscow ended after midnight without an agreement, officials said.");
    Fingerprint c = Fingerprint.of("Engineers in Kharkiv restored power to hospitals and water pumping stations by morning.");
    assertThat(a.simhash()).isEqualTo(b.simhash());
    assertThat(MinHash.similarity(a.minhash(), b.minhash())).isEqualTo(1.0);
    assertThat(MinHash.similarity(a.minhash(), c.minhash())).isLessThan(0.2);
    assertThat(SimHash.distance(a.simhash(), c.simhash())).isGreaterThan(10);
  }

  @Test
  void packedByteComparisonNeverUndercountsEqualPositions() {
    Random r = new Random(11);
    for (int t = 0; t < 1000; t++) {
      int[] a = r.ints(MinHash.SIZE).toArray();
      int[] b = a.clone();
      for (int i = 0; i < MinHash.SIZE; i++) {
        if (r.nextInt(3) == 0) {
          b[i] = r.nextBoolean() ? r.nextInt() : (a[i] & ~0xff) | ((a[i] + 1) & 0xff);
        }
      }
      int equal = 0;
      int equalBytes = 0;
      for (int i = 0; i < MinHash.SIZE; i++) {
        equal += a[i] == b[i] ? 1 : 0;
        equalBytes += (a[i] & 0xff) == (b[i] & 0xff) ? 1 : 0;
      }
      int packed = Deduplicator.sameBytes(Deduplicator.pack(a), Deduplicator.pack(b));
      assertThat(packed).isEqualTo(equalBytes).isGreaterThanOrEqualTo(equal);
    }
  }

  private static long[] toArray(Set<Long> s) {
    return s.stream().mapToLong(Long::longValue).toArray();
  }
}
