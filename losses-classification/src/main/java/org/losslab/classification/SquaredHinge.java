package org.losslab.classification;

import java.util.List;
import org.losslab.api.BatchKernel;
import org.losslab.api.Parameters;
import org.losslab.kernels.Kernels;

/**
 * Squared hinge loss of a real margin score against a ±1 label: the hinge squared, so differentiable everywhere.
 *
 * <pre>
 *   ℓ(p, y) = max(0, 1 − y·p)²
 *   ∂ℓ/∂p   = −2y · max(0, 1 − y·p)
 *   ∂²ℓ/∂p² = 2 if 1 − y·p &gt; 0, else 0   (0 at y·p = 1, the one-sided value)
 * </pre>
 *
 * <p>Parameters: {@code label_encoding}, {@code sign} (default: labels −1 or +1) or {@code zero_one} (labels 0 or
 * 1, mapped to y = 2·label − 1 explicitly; the label domain becomes {0,1}).
 *
 * <p>Source: the L2-SVM loss; Keras {@code squared_hinge} (which, unlike this loss, converts 0/1 labels silently).
 */
public final class SquaredHinge extends MarginLoss {
  static final String ID = "squared_hinge";

  private SquaredHinge(LabelEncoding encoding) {
    super(encoding);
  }

  static SquaredHinge from(Parameters parameters) {
    return new SquaredHinge(LabelEncoding.from(parameters));
  }

  @Override
  public double value(double prediction, double label) {
    double hinge = hinge(prediction, label);
    return hinge * hinge;
  }

  @Override
  public double derivative(double prediction, double label) {
    double hinge = hinge(prediction, label);
    return hinge > 0 ? -2 * sign(label) * hinge : hinge == 0 ? 0 : Double.NaN;
  }

  @Override
  public double secondDerivative(double prediction, double label) {
    double hinge = hinge(prediction, label);
    return Double.isNaN(hinge) ? Double.NaN : hinge > 0 ? 2 : 0;
  }

  @Override
  BatchKernel kernel(Kernels kernels) {
    return kernels.squaredHinge(zeroOne());
  }

  /** Registers {@code squared_hinge}. */
  public static final class Provider extends BinaryLossProvider {
    public Provider() {
      super(ID, "squared hinge loss max(0, 1 - y*p)^2 of a margin score against a -1/+1 label",
          "loss = max(0, 1 - y * p)^2,  y in {-1, +1} (zero_one: y = 2 * label - 1)",
          List.of(LabelEncoding.PARAMETER), DEFAULT_DOMAINS);
    }

    @Override
    BinaryLoss loss(Parameters parameters) {
      return from(parameters);
    }
  }
}
