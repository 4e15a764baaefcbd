package org.losslab.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A loss's own batch loop, in place of the per-element default: a fused (and possibly vectorised) pass that
 * returns the weighted sum of the losses of a range of rows. The framework has validated the rows before it calls
 * the kernel, calls it on chunks of rows (concurrently, for disjoint chunks, when the batch allows several
 * {@linkplain Batch#withThreads threads}), adds the chunk sums, and divides by the weight for {@code mean}.
 *
 * <p>A kernel may assume finite, valid inputs and leave the limits to the per-element definition: where the
 * kernel's sum for a chunk is not finite (an infinite loss, a zero weight times an infinite loss), the framework
 * recomputes that chunk with the {@link ElementLoss}, and under {@link NanPolicy#PROPAGATE} it uses the
 * {@link ElementLoss} throughout. So a kernel must agree with its {@link ElementLoss} wherever both are finite, to
 * rounding: it may add in another order and use other (as accurate) formulas.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface BatchKernel {

  /** Σ w<sub>i</sub> · Σ<sub>j</sub> ℓ(p<sub>ij</sub>, y<sub>ij</sub>) over rows {@code fromRow} (inclusive) to {@code toRow} (exclusive). */
  double weightedSum(Batch batch, int fromRow, int toRow);

  /**
   * Whether this kernel checks its rows' predictions and labels against {@code domains} while it sums them, so that
   * the framework need not scan them first (a second pass over memory that can cost more than a simple loss). A
   * kernel that says so returns a sum that is not finite for any range holding a NaN or a value outside
   * {@code domains}; the framework then runs the full check, which names the value, and, should the rows be valid
   * after all, recomputes them with the per-element definition. Weights are checked by the framework either way,
   * and nothing is skipped under {@link NanPolicy#PROPAGATE}. {@code false} unless overridden.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  default boolean checksInputs(Domains domains) {
    return false;
  }
}
