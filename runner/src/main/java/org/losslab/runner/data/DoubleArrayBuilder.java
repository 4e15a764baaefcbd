package org.losslab.runner.data;

import java.util.Arrays;

/** A growable {@code double[]}: rows of a file whose length is known only at its end, without boxing. */
final class DoubleArrayBuilder {
  /** The largest array most JVMs allocate (as {@code ArrayList} assumes). */
  static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

  private double[] values;
  private int size;

  DoubleArrayBuilder() {
    this(1024);
  }

  DoubleArrayBuilder(int initialCapacity) {
    values = new double[Math.max(initialCapacity, 16)];
  }

  void add(double value) {
    if (size == values.length) {
      grow();
    }
    values[size++] = value;
  }

  int size() {
    return size;
  }

  /** The values added so far, in a new array of exactly {@link #size()} elements (no copy when already full). */
  double[] toArray() {
    return size == values.length ? values : Arrays.copyOf(values, size);
  }

  private void grow() {
    if (values.length >= MAX_LENGTH) {
      throw new IllegalStateException("more than " + MAX_LENGTH + " values do not fit in one array");
    }
    int capacity = (int) Math.min((long) values.length * 2, MAX_LENGTH);
    values = Arrays.copyOf(values, capacity);
  }
}
