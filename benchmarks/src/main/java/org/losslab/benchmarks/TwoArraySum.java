package org.losslab.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The memory-bandwidth reference: Σ (p[i] + y[i]) over two arrays, the least work a loss can do per element (it
 * reads both arrays once and adds).
 *
 * <p>Four accumulators, not one: a single running sum is a chain of dependent additions (the JIT keeps floating-point
 * order, so it neither reorders nor vectorises the reduction) and would measure the adder's latency, not the memory
 * system; four independent chains keep the loads ahead. Split over threads, each takes a contiguous range.
 */
final class TwoArraySum {
  private TwoArraySum() {}

  static double sum(float[] p, float[] y, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      s0 += p[i] + y[i];
      s1 += p[i + 1] + y[i + 1];
      s2 += p[i + 2] + y[i + 2];
      s3 += p[i + 3] + y[i + 3];
    }
    for (; i < to; i++) {
      s0 += p[i] + y[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  static double sum(double[] p, double[] y, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      s0 += p[i] + y[i];
      s1 += p[i + 1] + y[i + 1];
      s2 += p[i + 2] + y[i + 2];
      s3 += p[i + 3] + y[i + 3];
    }
    for (; i < to; i++) {
      s0 += p[i] + y[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The sum over {@code length} elements in {@code threads} contiguous ranges, on {@code pool} when threads > 1. */
  static double sum(Range range, int length, int threads, ExecutorService pool) {
    if (threads <= 1) {
      return range.sum(0, length);
    }
    List<Future<Double>> parts = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      int from = (int) ((long) length * t / threads);
      int to = (int) ((long) length * (t + 1) / threads);
      parts.add(pool.submit(() -> range.sum(from, to)));
    }
    double total = 0;
    try {
      for (Future<Double> part : parts) {
        total += part.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    return total;
  }

  /** A sum over a range of elements, of whichever precision. */
  @FunctionalInterface
  interface Range {
    double sum(int from, int to);
  }
}
