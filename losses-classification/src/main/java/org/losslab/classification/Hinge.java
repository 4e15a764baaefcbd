package org.losslab.classification;

import java.util.List;
import org.losslab.api.Domains;
import org.losslab.api.ElementLoss;
import org.losslab.api.LabelDomain;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameter;
import org.losslab.api.Parameters;
import org.losslab.api.PredictionDomain;
import org.losslab.api.Task;

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
public final class Hinge implements ElementLoss {
  static final String ID = "hinge";

  private final LabelEncoding encoding;

  private Hinge(LabelEncoding encoding) {
    this.encoding = encoding;
  }

  static Hinge from(Parameters parameters) {
    return new Hinge(LabelEncoding.from(parameters));
  }

  Domains domains() {
    return encoding.domains();
  }

  @Override
  public double value(double prediction, double label) {
    double margin = 1 - encoding.sign(label) * prediction;
    return Double.isNaN(margin) ? Double.NaN : Math.max(0, margin);
  }

  @Override
  public double derivative(double prediction, double label) {
    double y = encoding.sign(label);
    double margin = 1 - y * prediction;
    if (Double.isNaN(margin)) {
      return Double.NaN;
    }
    return margin > 0 ? -y : 0;
  }

  @Override
  public double secondDerivative(double prediction, double label) {
    return Double.isNaN(prediction) || Double.isNaN(label) ? Double.NaN : 0;
  }

  @Override
  public String toString() {
    return "Hinge(label_encoding=" + encoding.id() + ")";
  }

  /** Registers {@code hinge}. */
  public static final class Provider implements LossProvider {
    @Override
    public String id() {
      return ID;
    }

    @Override
    public String description() {
      return "hinge loss max(0, 1 - y*p) of a margin score against a -1/+1 label (SVM)";
    }

    @Override
    public Task task() {
      return Task.CLASSIFICATION;
    }

    @Override
    public List<Parameter> parameters() {
      return List.of(LabelEncoding.PARAMETER);
    }

    @Override
    public Domains domains() {
      return new Domains(PredictionDomain.REAL, LabelDomain.SIGN);
    }

    @Override
    public String formula() {
      return "loss = max(0, 1 - y * p),  y in {-1, +1} (zero_one: y = 2 * label - 1)";
    }

    @Override
    public LossFunction create(Parameters parameters) {
      Hinge loss = from(parameters);
      return LossFunction.elementwise(ID, parameters, loss.domains(), loss);
    }
  }
}
