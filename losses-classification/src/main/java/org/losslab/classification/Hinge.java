package org.losslab.classification;

import java.util.List;
import org.losslab.api.BatchKernel;
import org.losslab.api.Parameters;
import org.losslab.kernels.Kernels;

/**
 * Hinge loss of a real margin score against a ±1 label: it punishes wrong predictions and unconfident right ones.
 *
 * <pre>
 *   ℓ(p, y) = max(0, 1 − y·p)
 *   ∂ℓ/∂p   = −y if 1 − y·p &gt; 0, else 0   (0 at the kink y·p = 1, the subgradient PyTorch's relu returns)
 *   ∂²ℓ/∂p² = 0                            (almost everywhere; the Dirac mass at the kink is not representable)
 * </pre>
 *
 * <p>Parameters: {@code label_encoding}, {@code sign} (default: labels −1 or +1) or {@code zero_one} (labels 0 or
 * 1, mapped to y = 2·label − 1 explicitly; the label domain becomes {0,1}).
 *
 * <p>Source: the tutorial's "Hinge Loss" section (its code prints 0.4); the SVM hinge of Cortes and Vapnik (1995).
 */
public final class Hinge extends MarginLoss {
  static final String ID = "hinge";

  private Hinge(LabelEncoding encoding) {
    super(encoding);
  }

  static Hinge from(Parameters parameters) {
    return new Hinge(LabelEncoding.from(parameters));
  }

  @Override
  public double value(double prediction, double label) {
    return hinge(prediction, label);
  }

  @Override
  public double derivative(double prediction, double label) {
    double hinge = hinge(prediction, label);
    return Double.isNaN(hinge) ? Double.NaN : hinge > 0 ? -sign(label) : 0;
  }

  @Override
  public double secondDerivative(double prediction, double label) {
    return Double.isNaN(prediction) || Double.isNaN(label) ? Double.NaN : 0;
  }

  @Override
  BatchKernel kernel(Kernels kernels) {
    return kernels.hinge(zeroOne());
  }

  /** Registers {@code hinge}. */
  public static final class Provider extends BinaryLossProvider {
    public Provider() {
      super(ID, "hinge loss max(0, 1 - y*p) of a margin score against a -1/+1 label (SVM)",
          "loss = max(0, 1 - y * p),  y in {-1, +1} (zero_one: y = 2 * label - 1)",
          List.of(LabelEncoding.PARAMETER), DEFAULT_DOMAINS);
    }

    @Override
    BinaryLoss loss(Parameters parameters) {
      return from(parameters);
    }
  }
}
