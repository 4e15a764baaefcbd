package org.losslab.regression;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;
import org.losslab.api.BatchKernel;
import org.losslab.api.ElementLoss;
import org.losslab.api.Parameter;
import org.losslab.api.Parameters;
import org.losslab.api.Range;
import org.losslab.kernels.Kernels;

/**
 * The Huber loss: quadratic for errors up to δ, linear beyond, so that outliers pull less than under MSE.
 *
 * <pre>
 *   r = p − y
 *   ℓ(p, y)   = ½r²           if |r| ≤ δ
 *             = δ(|r| − ½δ)   otherwise
 *   ∂ℓ/∂p     = clamp(r, −δ, δ)
 *   ∂²ℓ/∂p²   = 1 if |r| ≤ δ, else 0
 * </pre>
 *
 * <p>The second derivative jumps at |r| = δ; there it takes the value from inside, 1. With a δ much larger than
 * every error the loss is MSE/2; {@link SmoothL1} is this loss divided by δ.
 *
 * <p>Parameters: {@code delta} (δ), a number &gt; 0, default 1.0.
 *
 * <p>Source: the tutorial's "Huber loss (Smooth L1 Loss)" section; P. J. Huber, "Robust Estimation of a Location
 * Parameter", Annals of Mathematical Statistics 35 (1964); PyTorch {@code torch.nn.HuberLoss}.
 */
@API(status = STABLE, since = "0.1")
public final class Huber implements ElementLoss {
  private static final Parameter DELTA =
      Parameter.number("delta", 1.0, Range.greaterThan(0), "where the loss turns from quadratic to linear");

  private final double delta;

  /** The Huber loss with threshold {@code delta} &gt; 0. */
  public Huber(double delta) {
    this.delta = RegressionProvider.checked("huber", DELTA, delta);
  }

  @Override
  public double value(double prediction, double label) {
    // m·(|r| − m/2) with m = min(|r|, δ) is ½r² inside and δ(|r| − ½δ) outside, without a branch to mispredict.
    double a = Math.abs(prediction - label);
    double m = Math.min(a, delta);
    return m * (a - 0.5 * m);
  }

  @Override
  public double derivative(double prediction, double label) {
    return Math.max(-delta, Math.min(delta, prediction - label));
  }

  @Override
  public double secondDerivative(double prediction, double label) {
    return Math.abs(prediction - label) <= delta ? 1 : 0;
  }

  @Override
  public String toString() {
    return "Huber(delta=" + delta + ")";
  }

  /** The {@link java.util.ServiceLoader} entry for {@code huber}; public only so that it can be loaded. */
  @API(status = INTERNAL, since = "0.1")
  public static final class Provider extends RegressionProvider {
    public Provider() {
      super("huber", List.of(), "Huber loss: quadratic for |p - y| <= delta, linear beyond",
          "½r² if |r| ≤ δ, δ(|r| − ½δ) otherwise; r = p − y", List.of(DELTA));
    }

    @Override
    ElementLoss loss(Parameters parameters) {
      return new Huber(parameters.number(DELTA.name()));
    }

    @Override
    BatchKernel kernel(Parameters parameters, Kernels kernels) {
      return kernels.huber(parameters.number(DELTA.name()));
    }
  }
}
