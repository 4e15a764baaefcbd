package org.losslab.kernels;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.losslab.api.Domains;

/**
 * One loss's fused loop over a range of elements of row-major arrays: Σ ℓ(p<sub>i</sub>, y<sub>i</sub>), or
 * Σ w<sub>i</sub>·ℓ(p<sub>i</sub>, y<sub>i</sub>) with one weight per element. Inputs are finite and valid (the
 * framework has checked them, and recomputes a sum that comes out infinite or NaN with the loss's definition).
 *
 * <p>Every loss has its own class, and so its own copy of the loop: a loop shared by several losses through a
 * virtual call would stop the JIT from inlining the loss, and on the vector path from keeping vectors in registers.
 */
@API(status = INTERNAL, since = "0.1")
public abstract class Loop {

  /** Σ ℓ over elements {@code from} to {@code to}, each times {@code weights[i]} when there are weights. */
  public abstract double sum(double[] predictions, double[] labels, double @Nullable [] weights, int from, int to);

  /** As {@link #sum(double[], double[], double[], int, int)}, from single precision. */
  public abstract double sum(float[] predictions, float[] labels, double @Nullable [] weights, int from, int to);

  /** ℓ(p, y) of one element. */
  public abstract double value(double prediction, double label);

  /**
   * Whether this loop checks its inputs against {@code domains} as it sums: if so, a range holding a NaN or a
   * value outside them sums to something that is not finite (see {@code BatchKernel.checksInputs}). A regression
   * loss does so for free, as a non-finite input makes its loss non-finite; other loops track what they need.
   */
  public boolean checks(Domains domains) {
    return false;
  }
}
