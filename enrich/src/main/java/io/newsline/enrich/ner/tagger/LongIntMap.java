package io.newsline.enrich.ner.tagger;

import java.util.Arrays;

/** Open-addressing map from long keys to non-negative ints; -1 means absent. Not thread-safe to write. */
public final class LongIntMap {
  private static final long EMPTY = 0L;
  private long[] keys;
  private int[] values;
  private int size;
  private boolean hasZeroKey;
  private int zeroValue;

  public LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    values = new int[cap];
  }

  public int get(long key) {
    if (key == EMPTY) {
      return hasZeroKey ? zeroValue : -1;
    }
    int mask = keys.length - 1;
    int i = (int) (key ^ (key >>> 32)) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == EMPTY) {
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  public void put(long key, int value) {
    if (key == EMPTY) {
      if (!hasZeroKey) {
        size++;
      }
      hasZeroKey = true;
      zeroValue = value;
      return;
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = (int) (key ^ (key >>> 32)) & mask;
    while (keys[i] != EMPTY && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (keys[i] == EMPTY) {
      size++;
      keys[i] = key;
    }
    values[i] = value;
  }

  public int size() {
    return size;
  }

  /** All keys, in no particular order. */
  public long[] keys() {
    long[] out = new long[size];
    int n = 0;
    if (hasZeroKey) {
      out[n++] = EMPTY;
    }
    for (long k : keys) {
      if (k != EMPTY) {
        out[n++] = k;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private void grow() {
    long[] oldK = keys;
    int[] oldV = values;
    keys = new long[oldK.length * 2];
    values = new int[oldK.length * 2];
    int zero = hasZeroKey ? 1 : 0;
    size = zero;
    for (int i = 0; i < oldK.length; i++) {
      if (oldK[i] != EMPTY) {
        put(oldK[i], oldV[i]);
      }
    }
  }
}
