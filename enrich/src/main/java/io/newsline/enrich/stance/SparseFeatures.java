package io.newsline.enrich.stance;

import java.util.Arrays;

/** A growing list of hashed feature indices with values: the input of the linear model. */
public final class SparseFeatures {
  private int[] index;
  private float[] value;
  private int size;

  /** Room for a long sentence's sparse features and the dense regions without growing. */
  public SparseFeatures() {
    this(768);
  }

  public SparseFeatures(int capacity) {
    index = new int[capacity];
    value = new float[capacity];
  }

  public void add(int i, float v) {
    if (size == index.length) {
      index = Arrays.copyOf(index, size * 2);
      value = Arrays.copyOf(value, size * 2);
    }
    index[size] = i;
    value[size] = v;
    size++;
  }

  /** Adds the n values v[from..from+n) times scale at consecutive indices first.. */
  public void addDense(int first, float[] v, int from, int n, float scale) {
    while (size + n > index.length) {
      index = Arrays.copyOf(index, index.length * 2);
      value = Arrays.copyOf(value, value.length * 2);
    }
    for (int k = 0; k < n; k++) {
      index[size + k] = first + k;
      value[size + k] = v[from + k] * scale;
    }
    size += n;
  }

  public int size() {
    return size;
  }

  public int index(int k) {
    return index[k];
  }

  public float value(int k) {
    return value[k];
  }
}
