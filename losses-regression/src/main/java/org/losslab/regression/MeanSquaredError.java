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
 * The squared error of a prediction, averaged over the batch into the mean squared error (id {@code mse}).
 *
 * <pre>
 *   ℓ(p, y)   = (p − y)²
 *   ∂ℓ/∂p     = 2(p − y)
 *   ∂²ℓ/∂p²   = 2
 * </pre>
 *
 * <p>The textbook MSE, without the ½ that some texts put in front to tidy the derivative: a mean over the batch
 * gives the tutorial's "mean of the squared distances", and PyTorch's {@code MSELoss}. No parameters besides
 * {@code reduction}. The square overflows to +∞ once |p − y| exceeds about 1.3·10¹⁵⁴.
 *
 * <p>Source: the tutorial's "Mean Absolute Error (L1 Loss)" section, which defines MSE beside L1; PyTorch
 * {@code torch.nn.MSELoss}.
 */
@API(status = STABLE, since = "0.1")
public final class MeanSquaredError implements ElementLoss {

  @Override
  public double value(double prediction, double label) {
    double r = prediction - label;
    return r * r;
  }

  @Override
  public double derivative(double prediction, double label) {
    return 2 * (prediction - label);
  }

  @Override
  public double secondDerivative(double prediction, double label) {
    return 2;
  }

  @Override
  public String toString() {
    return "MeanSquaredError()";
  }

  /** The {@link java.util.ServiceLoader} entry for {@code mse}; public only so that it can be loaded. */
  @API(status = INTERNAL, since = "0.1")
  public static final class Provider extends RegressionProvider {
    public Provider() {
      super("mse", List.of(), "mean squared error: the mean of (p - y)^2", "(p − y)²", List.of());
    }

    @Override
    ElementLoss loss(Parameters parameters) {
      return new MeanSquaredError();
    }

    @Override
    BatchKernel kernel(Parameters parameters, Kernels kernels) {
      return kernels.mse();
    }
  }
}
