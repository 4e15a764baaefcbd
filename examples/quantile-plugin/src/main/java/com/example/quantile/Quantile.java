package com.example.quantile;

import org.losslab.api.ElementLoss;
import org.losslab.api.InvalidParameterException;

/**
 * The quantile (pinball) loss: minimising its mean over a data set estimates the τ-quantile of the labels instead
 * of their mean (τ = 0.5 gives half the absolute error, hence the median).
 *
 * <pre>
 *   r = y − p
 *   ℓ(p, y)   = max(τ·r, (τ − 1)·r)        = τ·r if p ≤ y, (1 − τ)·(p − y) otherwise
 *   ∂ℓ/∂p     = −τ if p &lt; y, 1 − τ if p &gt; y, 0 at p = y
 *   ∂²ℓ/∂p²   = 0
 * </pre>
 *
 * <p>At p = y the loss has a kink and no derivative; any value in [−τ, 1 − τ] is a subgradient. This loss returns
 * 0, as losslab's L1 and hinge do at theirs (see {@code LossFunction}), so that a prediction already at its label
 * is not pushed away. The second derivative is 0 everywhere but the kink, where its Dirac mass cannot be
 * represented: a boosting library that needs a positive Hessian must supply its own (a constant is usual).
 *
 * <p>Parameter: {@code tau} (τ), the quantile, in (0, 1), default 0.5.
 *
 * <p>Source: R. Koenker and G. Bassett, "Regression Quantiles", Econometrica 46(1), 33–50 (1978).
 */
public final class Quantile implements ElementLoss {
  private final double tau;

  /** The loss of the {@code tau}-quantile, 0 &lt; tau &lt; 1. */
  public Quantile(double tau) {
    if (!QuantileProvider.TAU.range().contains(tau)) {
      throw new InvalidParameterException(QuantileProvider.ID, QuantileProvider.TAU.name(),
          QuantileProvider.ID + ": tau (" + tau + ") must be in " + QuantileProvider.TAU.allowed());
    }
    this.tau = tau;
  }

  @Override
  public double value(double prediction, double label) {
    double r = label - prediction;
    return Math.max(tau * r, (tau - 1) * r);
  }

  @Override
  public double derivative(double prediction, double label) {
    return prediction < label ? -tau : prediction > label ? 1 - tau : 0;
  }

  @Override
  public double secondDerivative(double prediction, double label) {
    return 0;
  }

  @Override
  public String toString() {
    return "Quantile(tau=" + tau + ")";
  }
}
