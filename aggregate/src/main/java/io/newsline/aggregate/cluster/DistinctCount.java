package io.newsline.aggregate.cluster;

import io.newsline.common.Hashing;
import java.util.TreeSet;

/**
 * How many distinct values (outlets, entities) an event has seen, in bounded memory: exact up to
 * {@value #EXACT} values, then a HyperLogLog sketch of {@value #REGISTERS} registers (standard
 * error about 6.5 %). Deterministic: a fixed hash, and the same values in any order give the same
 * registers. Not thread-safe.
 */
public final class DistinctCount {
  static final int EXACT = 64;
  static final int REGISTERS = 256;
  private static final int BITS = 8;

  /** The values while there are at most EXACT of them; null once the sketch took over. */
  TreeSet<String> values = new TreeSet<>();
  /** The sketch; null while exact. */
  byte[] registers;

  public void add(String value) {
    if (values != null) {
      values.add(value);
      if (values.size() > EXACT) {
        registers = new byte[REGISTERS];
        values.forEach(this::sketch);
        values = null;
      }
    } else {
      sketch(value);
    }
  }

  public void addAll(DistinctCount other) {
    if (other.values != null) {
      other.values.forEach(this::add);
      return;
    }
    if (values != null) {
      registers = new byte[REGISTERS];
      values.forEach(this::sketch);
      values = null;
    }
    for (int i = 0; i < REGISTERS; i++) {
      registers[i] = (byte) Math.max(registers[i], other.registers[i]);
    }
  }

  public int count() {
    if (values != null) {
      return values.size();
    }
    double sum = 0;
    int zeros = 0;
    for (byte r : registers) {
      sum += Math.scalb(1.0, -r);
      if (r == 0) {
        zeros++;
      }
    }
    double alpha = 0.7213 / (1 + 1.079 / REGISTERS);
    double estimate = alpha * REGISTERS * REGISTERS / sum;
    if (estimate <= 2.5 * REGISTERS && zeros > 0) {
      estimate = REGISTERS * Math.log(REGISTERS / (double) zeros);
    }
    return (int) Math.max(EXACT + 1, Math.round(estimate));
  }

  private void sketch(String value) {
    long h = Hashing.mix64(Hashing.fnv1a64(value));
    int index = (int) (h >>> (64 - BITS));
    int rank = Long.numberOfLeadingZeros((h << BITS) | (1L << (BITS - 1))) + 1;
    registers[index] = (byte) Math.max(registers[index], rank);
  }
}
