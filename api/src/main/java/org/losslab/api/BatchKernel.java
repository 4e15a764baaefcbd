package org.losslab.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A loss's own batch loop, in place of the per-element default: a fused (and later vectorised, parallel) pass
 * that returns the weighted sum of the losses of a range of rows. The framework has validated the batch before
 * it calls the kernel, and divides by the weight for {@code mean}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface BatchKernel {

  /** Σ w<sub>i</sub> · Σ<sub>j</sub> ℓ(p<sub>ij</sub>, y<sub>ij</sub>) over rows {@code fromRow} (inclusive) to {@code toRow} (exclusive). */
  double weightedSum(Batch batch, int fromRow, int toRow);
}
