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
 * Balanced cross-entropy: binary cross-entropy with weight β on the positive class and 1 − β on the negative one.
 *
 * <pre>
 *   ℓ(p, y) = −[β · y · log q + (1 − β) · (1 − y) · log(1 − q)] / ln(base),   q = the epsilon transform of p
 *   ∂ℓ/∂p   = −[β y / q − (1 − β)(1 − y) / (1 − q)] · dq/dp / ln(base)
 *   ∂²ℓ/∂p² = [β y / q² + (1 − β)(1 − y) / (1 − q)²] · (dq/dp)² / ln(base)
 *   from logits x: ℓ = [β y softplus(−x) + (1 − β)(1 − y) softplus(x)] / ln(base)
 * </pre>
 *
 * <p>Parameters: {@code beta} β in [0, 1] (default 0.5; set it to the share of class 0 in the data to balance the
 * classes), plus the shared {@code from_logits}, {@code epsilon}, {@code epsilon_mode} and {@code log_base} of
 * {@link CrossEntropyOptions}. It equals {@code focal} with γ = 0 and α = β.
 *
 * <p>Source: the tutorial's "Balanced Cross Entropy" formula, which this loss follows. The tutorial's code does
 * something else: it multiplies <em>both</em> terms by (1 − β), giving weights β(1 − β) on positives and 1 − β on
 * negatives; its printed 0.03800292 (β = 0.5) is therefore {@code binary_cross_entropy} with
 * {@code positive_weight: 0.25, negative_weight: 0.5} (and {@code log_base: 2, epsilon_mode: scale, epsilon: 1e-5}),
 * not this loss, which gives 0.0506722 on the same data.
 */
public final class BalancedCrossEntropy implements ElementLoss {
  static final String ID = "balanced_cross_entropy";

  private final double beta;
  private final CrossEntropyOptions options;
  private final ModulatedCrossEntropy form;

  private BalancedCrossEntropy(double beta, CrossEntropyOptions options) {
    this.beta = beta;
    this.options = options;
    this.form = new ModulatedCrossEntropy(beta, 1 - beta, 0, options);
  }

  static BalancedCrossEntropy from(Parameters parameters) {
    return new BalancedCrossEntropy(parameters.number("beta"), CrossEntropyOptions.from(parameters));
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
    return "BalancedCrossEntropy(beta=" + beta + options.nonDefaults() + ")";
  }

  /** Registers {@code balanced_cross_entropy}. */
  public static final class Provider implements LossProvider {
    @Override
    public String id() {
      return ID;
    }

    @Override
    public String description() {
      return "binary cross-entropy weighted beta on class 1 and 1 - beta on class 0";
    }

    @Override
    public Task task() {
      return Task.CLASSIFICATION;
    }

    @Override
    public List<Parameter> parameters() {
      return CrossEntropyOptions.after(Parameter.number("beta", 0.5, Range.closed(0, 1),
          "weight of class 1; class 0 gets 1 - beta (set it to the share of class 0)"));
    }

    @Override
    public Domains domains() {
      return new Domains(PredictionDomain.PROBABILITY, LabelDomain.BINARY);
    }

    @Override
    public String formula() {
      return "loss = -[beta * y * log(q) + (1 - beta) * (1 - y) * log(1 - q)] / ln(log_base)";
    }

    @Override
    public LossFunction create(Parameters parameters) {
      BalancedCrossEntropy loss = from(parameters);
      return LossFunction.elementwise(ID, parameters, loss.domains(), loss);
    }
  }
}
