package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.function.DoubleBinaryOperator;
import org.apiguardian.api.API;

/**
 * A loss of one prediction against one label, ℓ(p, y): every loss of the tutorial is one. A lambda is enough,
 * {@code (p, y) -> (p - y) * (p - y)}; {@link LossFunction#elementwise} adds batching, reduction, weights and
 * validation.
 *
 * <p>The derivatives are with respect to the prediction. Their defaults are central finite differences
 * (step ∛ε·max(1, |p|) for the first, ∜ε·max(1, |p|) for the second; about 8 and 4 correct digits), good
 * enough to try a loss out; a loss used for training overrides them with the exact forms, and must near the
 * edges of its domain (a probability near 0 or 1), where a difference step would leave it.
 */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface ElementLoss {

  /** ℓ(p, y). */
  double value(double prediction, double label);

  /** ∂ℓ/∂p at (p, y). */
  default double derivative(double prediction, double label) {
    double h = 6.0554544523933395e-6 * Math.max(1.0, Math.abs(prediction));
    return (value(prediction + h, label) - value(prediction - h, label)) / (2 * h);
  }

  /** ∂²ℓ/∂p² at (p, y). */
  default double secondDerivative(double prediction, double label) {
    double h = 1.220703125e-4 * Math.max(1.0, Math.abs(prediction));
    return (value(prediction + h, label) - 2 * value(prediction, label) + value(prediction - h, label)) / (h * h);
  }

  /** A loss from its value and both exact derivatives, each a lambda of (p, y). */
  static ElementLoss of(DoubleBinaryOperator value, DoubleBinaryOperator derivative,
      DoubleBinaryOperator secondDerivative) {
    return new ElementLoss() {
      @Override
      public double value(double prediction, double label) {
        return value.applyAsDouble(prediction, label);
      }

      @Override
      public double derivative(double prediction, double label) {
        return derivative.applyAsDouble(prediction, label);
      }

      @Override
      public double secondDerivative(double prediction, double label) {
        return secondDerivative.applyAsDouble(prediction, label);
      }
    };
  }
}
