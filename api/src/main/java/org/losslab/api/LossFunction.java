package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A configured loss that evaluates batches: its reduced value, the per-element values, the gradient of the
 * reduced value, and the element-wise first and second derivatives.
 *
 * <p>Every method validates the batch first ({@link #validate}) and throws an {@link InvalidInputException}
 * naming the loss, the row and the value when the data does not fit.
 *
 * <p>Derivatives are with respect to the predictions and come back row-major, one per prediction. Where a
 * derivative does not exist — L1 at p = y, hinge at y·p = 1 — the value returned is the one-sided limit that
 * autograd frameworks use: the first derivative is 0 at the kink (the subgradient PyTorch returns for
 * {@code abs} and {@code relu}), and the second derivative is its almost-everywhere value (0 for L1 and hinge;
 * the Dirac mass at the kink is not representable).
 *
 * <p>Build one from an {@link ElementLoss} or a {@link RowLoss} with {@link #elementwise} or {@link #rowwise}.
 */
@API(status = STABLE, since = "0.1")
public interface LossFunction {

  /** The loss's id, as registered: {@code huber}. */
  String name();

  /** The validated parameters, defaults filled in. */
  Parameters parameters();

  /** The inputs this configuration accepts (they may depend on parameters, as {@code from_logits}). */
  Domains domains();

  /** The configured reduction. */
  default Reduction reduction() {
    return parameters().reduction();
  }

  /** Checks that the batch fits this loss: shapes, size, finite values, domains, weights. */
  void validate(Batch batch);

  /**
   * The loss of the batch under the configured reduction ({@code mean} or {@code sum}; see {@link Reduction} for
   * how weights enter).
   *
   * @throws LossException when the reduction is {@code none}, which has no single value: use {@link #values}
   */
  double value(Batch batch);

  /**
   * The reduction of this batch as a part of a larger dataset, after validating it: Σ w·ℓ and what {@code mean}
   * divides by, to be combined with the parts of the other rows ({@link Partial#plus}) and finished with
   * {@link Partial#value}. This is how a dataset too large for memory is evaluated chunk by chunk:
   * <pre>{@code
   * Partial total = Partial.ZERO;
   * for (Batch chunk : chunks) {
   *   total = total.plus(loss.partial(chunk));
   * }
   * double value = total.value(loss.reduction());
   * }</pre>
   * Unlike {@link #value}, a batch whose weights are all 0 is accepted (its divisor is 0); every other check of
   * {@link #validate} applies. {@code loss.partial(batch).value(loss.reduction())} is bitwise
   * {@code loss.value(batch)}; see {@link Partial} for how close a combination of parts comes to the whole.
   *
   * @throws UnsupportedOperationException from implementations that predate this method (the default); every
   *     loss function built by {@link #elementwise} or {@link #rowwise} supports it
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  default Partial partial(Batch batch) {
    throw new UnsupportedOperationException(name() + ": this LossFunction implementation ("
        + getClass().getName() + ") does not give partial sums; evaluate whole batches with value(batch), or build "
        + "the loss with LossFunction.elementwise or LossFunction.rowwise, which do");
  }

  /**
   * The per-element losses, w<sub>i</sub>·ℓ<sub>ij</sub>: N·M values for an element-wise loss, N for a row-wise
   * one. Their sum is the {@code sum} reduction.
   */
  double[] values(Batch batch);

  /**
   * The gradient of the reduced loss with respect to every prediction, as autograd computes it: for {@code mean},
   * w<sub>i</sub>·∂ℓ/∂p<sub>ij</sub> divided by the same total as the value; for {@code sum} and {@code none},
   * w<sub>i</sub>·∂ℓ/∂p<sub>ij</sub>.
   */
  double[] gradient(Batch batch);

  /**
   * The element-wise first derivatives ∂ℓ/∂p<sub>ij</sub>, unweighted and unreduced: what a boosting library's
   * custom objective returns as its gradient (multiply by the sample weight where the library expects it).
   */
  double[] firstDerivatives(Batch batch);

  /**
   * The element-wise second derivatives ∂²ℓ/∂p<sub>ij</sub>², unweighted and unreduced (the Hessian's diagonal
   * for a row-wise loss): what a boosting library's custom objective returns as its Hessian.
   */
  double[] secondDerivatives(Batch batch);

  /** A loss function from an element-wise loss; the framework supplies batching, reduction, weights, validation. */
  static LossFunction elementwise(String name, Parameters parameters, Domains domains, ElementLoss loss) {
    return new ElementwiseLossFunction(name, parameters, domains, loss, null);
  }

  /** As {@link #elementwise(String, Parameters, Domains, ElementLoss)}, with the loss's own fused batch kernel. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  static LossFunction elementwise(String name, Parameters parameters, Domains domains, ElementLoss loss,
      BatchKernel kernel) {
    return new ElementwiseLossFunction(name, parameters, domains, loss, kernel);
  }

  /** A loss function from a row-wise loss over the M outputs of each row. */
  static LossFunction rowwise(String name, Parameters parameters, Domains domains, RowLoss loss) {
    return new RowwiseLossFunction(name, parameters, domains, loss);
  }
}
