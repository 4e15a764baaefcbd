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
 * The absolute error of a prediction, averaged over the batch into the mean absolute error (id {@code l1}, alias
 * {@code mae}).
 *
 * <pre>
 *   ℓ(p, y)   = |p − y|
 *   ∂ℓ/∂p     = sign(p − y), and 0 at p = y
 *   ∂²ℓ/∂p²   = 0
 * </pre>
 *
 * <p>At p = y the loss has a kink and no derivative; the first derivative there is 0, the subgradient PyTorch
 * returns for {@code abs}. The second derivative is 0 almost everywhere, which is what is returned everywhere: at
 * the kink it is a Dirac mass, which a number cannot represent. No parameters besides {@code reduction}.
 *
 * <p>Source: the tutorial's "Mean Absolute Error (L1 Loss)" section ({@code np.mean(np.abs(pred - label))});
 * PyTorch {@code torch.nn.L1Loss}.
 */
@API(status = STABLE, since = "0.1")
public final class MeanAbsoluteError implements ElementLoss {

  @Override
  public double value(double prediction, double label) {
    return Math.abs(prediction - label);
  }

  @Override
  public double derivative(double prediction, double label) {
    // signum is 0 at 0 (PyTorch's subgradient of abs) and keeps a NaN a NaN.
    return Math.signum(prediction - label);
  }

  @Override
  public double secondDerivative(double prediction, double label) {
    return 0;
  }

  @Override
  public String toString() {
    return "MeanAbsoluteError()";
  }

  /** The {@link java.util.ServiceLoader} entry for {@code l1}, alias {@code mae}; public only to be loaded. */
  @API(status = INTERNAL, since = "0.1")
  public static final class Provider extends RegressionProvider {
    public Provider() {
      super("l1", List.of("mae"), "mean absolute error (L1): the mean of |p - y|", "|p − y|", List.of());
    }

    @Override
    ElementLoss loss(Parameters parameters) {
      return new MeanAbsoluteError();
    }

    @Override
    BatchKernel kernel(Parameters parameters, Kernels kernels) {
      return kernels.l1();
    }
  }
}
