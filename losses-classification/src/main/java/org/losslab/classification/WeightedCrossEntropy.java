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
import org.losslab.api.Range;
import org.losslab.api.Task;

/**
 * Weighted cross-entropy: binary cross-entropy with a weight w on the positive class and 1 on the negative one.
 *
 * <pre>
 *   ℓ(p, y) = −[w · y · log q + (1 − y) · log(1 − q)] / ln(base),   q = the epsilon transform of p
 *   ∂ℓ/∂p   = −[w y / q − (1 − y) / (1 − q)] · dq/dp / ln(base)
 *   ∂²ℓ/∂p² = [w y / q² + (1 − y) / (1 − q)²] · (dq/dp)² / ln(base)
 *   from logits x: ℓ = [w y softplus(−x) + (1 − y) softplus(x)] / ln(base)
 * </pre>
 *
 * <p>Parameters: {@code weight} w &gt; 0 (default 1.0; w &gt; 1 makes a missed positive cost more, as 2 for a class
 * that is a third of the data), plus the shared {@code from_logits}, {@code epsilon}, {@code epsilon_mode} and
 * {@code log_base} of {@link CrossEntropyOptions}. With w = 1 it is {@code binary_cross_entropy}.
 *
 * <p>Source: the tutorial's "Weighed Cross Entropy" section; its code ({@code log_base: 2},
 * {@code epsilon_mode: scale}, {@code epsilon: 1e-5}) prints 0.10134452 for w = 1.
 */
public final class WeightedCrossEntropy implements ElementLoss {
  static final String ID = "weighted_cross_entropy";

  private final double weight;
  private final CrossEntropyOptions options;
  private final ModulatedCrossEntropy form;

  private WeightedCrossEntropy(double weight, CrossEntropyOptions options) {
    this.weight = weight;
    this.options = options;
    this.form = new ModulatedCrossEntropy(weight, 1, 0, options);
  }

  static WeightedCrossEntropy from(Parameters parameters) {
    return new WeightedCrossEntropy(parameters.number("weight"), CrossEntropyOptions.from(parameters));
  }

  Domains domains() {
    return new Domains(options.predictions(PredictionDomain.LOGIT), LabelDomain.BINARY);
  }

  @Override
  public double value(double prediction, double label) {
    return form.value(prediction, label);
  }

  @Override
  public double derivative(double prediction, double label) {
    return form.derivative(prediction, label);
  }

  @Override
  public double secondDerivative(double prediction, double label) {
    return form.secondDerivative(prediction, label);
  }

  @Override
  public String toString() {
    return "WeightedCrossEntropy(weight=" + weight + options.nonDefaults() + ")";
  }

  /** Registers {@code weighted_cross_entropy}. */
  public static final class Provider implements LossProvider {
    @Override
    public String id() {
      return ID;
    }

    @Override
    public String description() {
      return "binary cross-entropy with a weight on the positive class, for imbalanced labels";
    }

    @Override
    public Task task() {
      return Task.CLASSIFICATION;
    }

    @Override
    public List<Parameter> parameters() {
      return CrossEntropyOptions.after(
          Parameter.number("weight", 1.0, Range.greaterThan(0), "weight of the loss on class 1 (class 0 has 1)"));
    }

    @Override
    public Domains domains() {
      return new Domains(PredictionDomain.PROBABILITY, LabelDomain.BINARY);
    }

    @Override
    public String formula() {
      return "loss = -[weight * y * log(q) + (1 - y) * log(1 - q)] / ln(log_base)";
    }

    @Override
    public LossFunction create(Parameters parameters) {
      WeightedCrossEntropy loss = from(parameters);
      return LossFunction.elementwise(ID, parameters, loss.domains(), loss);
    }
  }
}
