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
 * PyTorch's smooth L1 loss: L1 with its kink at 0 rounded off into a parabola of width β.
 *
 * <pre>
 *   r = p − y
 *   ℓ(p, y)   = ½r²/β        if |r| &lt; β
 *             = |r| − ½β     otherwise
 *   ∂ℓ/∂p     = r/β if |r| &lt; β, else sign(r) (0 at r = 0)
 *   ∂²ℓ/∂p²   = 1/β if |r| &lt; β, else 0
 * </pre>
 *
 * <p>For β &gt; 0 it is {@link Huber} with δ = β, divided by β: its slope far out is 1 whatever β, where Huber's is
 * δ. At β = 0 the quadratic piece is empty and the loss is exactly {@link MeanAbsoluteError L1}, derivatives
 * included; unlike a branch-free form, nothing divides by β there. The second derivative jumps at |r| = β and
 * takes the value from outside, 0, as PyTorch's strict {@code |r| < β} does.
 *
 * <p>Parameters: {@code beta} (β), a number ≥ 0, default 1.0.
 *
 * <p>Source: PyTorch {@code torch.nn.SmoothL1Loss}; R. Girshick, "Fast R-CNN", ICCV 2015 (β = 1). The tutorial's
 * "Huber loss (Smooth L1 Loss)" section calls Huber with δ = 1 smooth L1, where the two coincide.
 */
@API(status = STABLE, since = "0.1")
public final class SmoothL1 implements ElementLoss {
  private static final Parameter BETA = Parameter.number("beta", 1.0, Range.atLeast(0),
      "width of the quadratic region around 0; 0 gives L1");

  private final double beta;

  /** The smooth L1 loss with {@code beta} ≥ 0. */
  public SmoothL1(double beta) {
    this.beta = RegressionProvider.checked("smooth_l1", BETA, beta);
  }

  @Override
  public double value(double prediction, double label) {
    double r = prediction - label;
    double a = Math.abs(r);
    return a < beta ? 0.5 * r * r / beta : a - 0.5 * beta;
  }

  @Override
  public double derivative(double prediction, double label) {
    double r = prediction - label;
    return Math.abs(r) < beta ? r / beta : Math.signum(r);
  }

  @Override
  public double secondDerivative(double prediction, double label) {
    return Math.abs(prediction - label) < beta ? 1 / beta : 0;
  }

  @Override
  public String toString() {
    return "SmoothL1(beta=" + beta + ")";
  }

  /** The {@link java.util.ServiceLoader} entry for {@code smooth_l1}; public only so that it can be loaded. */
  @API(status = INTERNAL, since = "0.1")
  public static final class Provider extends RegressionProvider {
    public Provider() {
      super("smooth_l1", List.of(),
          "smooth L1 (PyTorch): r^2/(2 beta) for |r| < beta, |r| - beta/2 beyond; L1 at beta 0",
          "½r²/β if |r| < β, |r| − ½β otherwise; r = p − y", List.of(BETA));
    }

    @Override
    ElementLoss loss(Parameters parameters) {
      return new SmoothL1(parameters.number(BETA.name()));
    }

    @Override
    BatchKernel kernel(Parameters parameters, Kernels kernels) {
      return kernels.smoothL1(parameters.number(BETA.name()));
    }
  }
}
