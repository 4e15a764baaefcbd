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
 * The signed error of a prediction, averaged over the batch into the mean bias error (id {@code mbe}).
 *
 * <pre>
 *   ℓ(p, y)   = p − y
 *   ∂ℓ/∂p     = 1
 *   ∂²ℓ/∂p²   = 0
 * </pre>
 *
 * <p>Not a loss to minimise (it has no minimum, and errors of opposite sign cancel): a diagnostic that says
 * whether predictions run high (positive) or low (negative), hence p − y as the tutorial's code computes it
 * ({@code pred - label}), not y − p. No parameters besides {@code reduction}.
 *
 * <p>Source: the tutorial's "Mean Bias Error" section.
 */
@API(status = STABLE, since = "0.1")
public final class MeanBiasError implements ElementLoss {

  @Override
  public double value(double prediction, double label) {
    return prediction - label;
  }

  @Override
  public double derivative(double prediction, double label) {
    return 1;
  }

  @Override
  public double secondDerivative(double prediction, double label) {
    return 0;
  }

  @Override
  public String toString() {
    return "MeanBiasError()";
  }

  /** The {@link java.util.ServiceLoader} entry for {@code mbe}; public only so that it can be loaded. */
  @API(status = INTERNAL, since = "0.1")
  public static final class Provider extends RegressionProvider {
    public Provider() {
      super("mbe", List.of(), "mean bias error: the mean of p - y (signed; shows over- or under-prediction)", "p − y",
          List.of());
    }

    @Override
    ElementLoss loss(Parameters parameters) {
      return new MeanBiasError();
    }

    @Override
    BatchKernel kernel(Parameters parameters, Kernels kernels) {
      return kernels.mbe();
    }
  }
}
