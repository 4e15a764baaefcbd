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
public final class SquaredHinge implements ElementLoss {
  static final String ID = "squared_hinge";

  private final LabelEncoding encoding;

  private SquaredHinge(LabelEncoding encoding) {
    this.encoding = encoding;
  }

  static SquaredHinge from(Parameters parameters) {
    return new SquaredHinge(LabelEncoding.from(parameters));
  }

  Domains domains() {
    return encoding.domains();
  }

  @Override
  public double value(double prediction, double label) {
    double hinge = hinge(prediction, label);
    return hinge * hinge;
  }

  @Override
  public double derivative(double prediction, double label) {
    double hinge = hinge(prediction, label);
    return hinge > 0 ? -2 * encoding.sign(label) * hinge : hinge == 0 ? 0 : Double.NaN;
  }

  @Override
  public double secondDerivative(double prediction, double label) {
    double hinge = hinge(prediction, label);
    return Double.isNaN(hinge) ? Double.NaN : hinge > 0 ? 2 : 0;
  }

  private double hinge(double prediction, double label) {
    double margin = 1 - encoding.sign(label) * prediction;
    return Double.isNaN(margin) ? Double.NaN : Math.max(0, margin);
  }

  @Override
  public String toString() {
    return "SquaredHinge(label_encoding=" + encoding.id() + ")";
  }

  /** Registers {@code squared_hinge}. */
  public static final class Provider implements LossProvider {
    @Override
    public String id() {
      return ID;
    }

    @Override
    public String description() {
      return "squared hinge loss max(0, 1 - y*p)^2 of a margin score against a -1/+1 label";
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
      return "loss = max(0, 1 - y * p)^2,  y in {-1, +1} (zero_one: y = 2 * label - 1)";
    }

    @Override
    public LossFunction create(Parameters parameters) {
      SquaredHinge loss = from(parameters);
      return LossFunction.elementwise(ID, parameters, loss.domains(), loss);
    }
  }
}
