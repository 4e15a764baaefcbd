package org.losslab.regression;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;
import org.losslab.api.BatchKernel;
import org.losslab.api.ElementLoss;
import org.losslab.api.Parameters;
import org.losslab.kernels.Kernels;

/**
 * The log-cosh loss: about ½r² for small errors and |r| − log 2 for large ones, like Huber, but smooth to every
 * order, which second-order (boosting) optimisers want.
 *
 * <pre>
 *   r = p − y
 *   ℓ(p, y)   = log(cosh(r))
 *   ∂ℓ/∂p     = tanh(r)
 *   ∂²ℓ/∂p²   = sech²(r) = 1 − tanh²(r)
 * </pre>
 *
 * <p>Evaluated without overflow or cancellation, so it is finite for every finite r (the tutorial's
 * {@code np.log(np.cosh(r))} is +∞ once cosh overflows, at |r| ≈ 710). With a = |r|:
 * <ul>
 *   <li>a &gt; 1: ℓ = a + log1p(e<sup>−2a</sup>) − log 2, from cosh a = e<sup>a</sup>(1 + e<sup>−2a</sup>)/2;
 *   <li>a ≤ 1: ℓ = log1p(2·sinh²(a/2)), from cosh a − 1 = 2·sinh²(a/2). The form above would subtract two numbers
 *       near log 2 to get ½a² and lose every digit once a is below about 10⁻⁸.
 *   <li>sech²(r) = 4e/(1 + e)² with e = e<sup>−2a</sup>: 1 − tanh² would round to 0 from |r| ≈ 19 on.
 * </ul>
 * Only r = p − y itself can overflow: for finite p and y of opposite sign with |p| + |y| above about 1.8·10³⁰⁸
 * (p = 10³⁰⁸, y = −10³⁰⁸) r is ±∞ and so is the loss. No parameters besides {@code reduction}.
 *
 * <p>Source: the tutorial's "log-cosh" section (which sums rather than averages: use {@code reduction: sum} to
 * reproduce it); Keras {@code keras.losses.LogCosh}, which evaluates the first form above for every r.
 */
@API(status = STABLE, since = "0.1")
public final class LogCosh implements ElementLoss {
  private static final double LOG_2 = Math.log(2);

  @Override
  public double value(double prediction, double label) {
    double a = Math.abs(prediction - label);
    if (a <= 1) {
      double s = Math.sinh(0.5 * a);
      return Math.log1p(2 * s * s);
    }
    return a + Math.log1p(Math.exp(-2 * a)) - LOG_2;
  }

  @Override
  public double derivative(double prediction, double label) {
    return Math.tanh(prediction - label);
  }

  @Override
  public double secondDerivative(double prediction, double label) {
    double e = Math.exp(-2 * Math.abs(prediction - label));
    double onePlusE = 1 + e;
    return 4 * e / (onePlusE * onePlusE);
  }

  @Override
  public String toString() {
    return "LogCosh()";
  }

  /** The {@link java.util.ServiceLoader} entry for {@code log_cosh}; public only so that it can be loaded. */
  @API(status = INTERNAL, since = "0.1")
  public static final class Provider extends RegressionProvider {
    public Provider() {
      super("log_cosh", List.of(), "log-cosh: log(cosh(p - y)), ~r^2/2 near 0 and ~|r| - log 2 far out",
          "log(cosh(r)); r = p − y", List.of());
    }

    @Override
    ElementLoss loss(Parameters parameters) {
      return new LogCosh();
    }

    @Override
    BatchKernel kernel(Parameters parameters, Kernels kernels) {
      return kernels.logCosh();
    }
  }
}
