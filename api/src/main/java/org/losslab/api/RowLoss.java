package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A loss of one row of M predictions against its labels, ℓ(p⃗, y⃗): softmax cross-entropy is one.
 * {@link LossFunction#rowwise} adds batching, reduction, weights and validation; the arrays passed in are scratch
 * copies of one row, valid only during the call.
 *
 * <p>As in {@link ElementLoss}, the derivative defaults are central finite differences, to be overridden with
 * the exact forms by any loss used for training.
 */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface RowLoss {

  /** ℓ(p⃗, y⃗) for one row; {@code labels} has M values, or one (a class index) for a class-labelled loss. */
  double value(double[] predictions, double[] labels);

  /** Writes ∂ℓ/∂p<sub>j</sub> for j = 0 … M−1 into {@code out}. */
  default void gradient(double[] predictions, double[] labels, double[] out) {
    for (int j = 0; j < predictions.length; j++) {
      double saved = predictions[j];
      double h = 6.0554544523933395e-6 * Math.max(1.0, Math.abs(saved));
      predictions[j] = saved + h;
      double up = value(predictions, labels);
      predictions[j] = saved - h;
      double down = value(predictions, labels);
      predictions[j] = saved;
      out[j] = (up - down) / (2 * h);
    }
  }

  /** Writes the diagonal of the Hessian, ∂²ℓ/∂p<sub>j</sub>², into {@code out}. */
  default void secondDerivative(double[] predictions, double[] labels, double[] out) {
    double centre = value(predictions, labels);
    for (int j = 0; j < predictions.length; j++) {
      double saved = predictions[j];
      double h = 1.220703125e-4 * Math.max(1.0, Math.abs(saved));
      predictions[j] = saved + h;
      double up = value(predictions, labels);
      predictions[j] = saved - h;
      double down = value(predictions, labels);
      predictions[j] = saved;
      out[j] = (up - 2 * centre + down) / (h * h);
    }
  }
}
