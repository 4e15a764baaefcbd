package org.losslab.kernels;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** The loops of every built-in element-wise loss, on one path: {@link ScalarLoops} or the vector loops. */
@API(status = INTERNAL, since = "0.1")
public interface LoopFactory {
  /** A short description for messages and reports: {@code scalar}, {@code vector (512-bit, 8 doubles)}. */
  String path();

  Loop mse();

  Loop l1();

  Loop mbe();

  Loop huber(double delta);

  /** β ≥ 0; β = 0 is L1. */
  Loop smoothL1(double beta);

  Loop logCosh();

  Loop crossEntropy(CrossEntropyForm form);

  /** {@code zeroOne}: labels 0/1 are read as 2y − 1; otherwise they are −1/+1. */
  Loop hinge(boolean zeroOne);

  Loop squaredHinge(boolean zeroOne);

  /** Whether {@code values[from..to)} holds no NaN and no ±∞. */
  boolean allFinite(float[] values, int from, int to);

  /** Whether {@code values[from..to)} holds no NaN and no ±∞. */
  boolean allFinite(double[] values, int from, int to);
}
