package io.newsline.enrich.stance;

import java.util.Arrays;

/** A growing list of hashed feature indices with values: the input of the linear model. */
public final class SparseFeatures {
  private int[] index = new int[128];
  private float[] value = new float[128];
  private int size;

  public void add(int i, float v) {
    if (size == index.length) {
      index = Arrays.copyOf(index, size * 2);
      value = Arrays.copyOf(value, size * 2);
    }
    index[size] = i;
    value[size] = v;
    size++;
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
