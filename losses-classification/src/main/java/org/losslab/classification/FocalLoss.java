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
 * Focal loss: balanced cross-entropy scaled down by (1 − s)^γ where the true class already gets probability s,
 * so that confident, easy examples count less.
 *
 * <pre>
 *   ℓ(p, y) = −[α (1 − q)^γ y log q + (1 − α) q^γ (1 − y) log(1 − q)] / ln(base),   q = the epsilon transform of p
 *           = −c_y s̄^γ log s / ln(base)   with s = q, s̄ = 1 − q, c = α (y = 1);  s = 1 − q, s̄ = q, c = 1 − α (y = 0)
 *   ∂ℓ/∂p   = ±c [γ s̄^(γ−1) log s − s̄^γ / s] · dq/dp / ln(base)          (+ for y = 1)
 *   ∂²ℓ/∂p² = c [−γ(γ−1) s̄^(γ−2) log s + 2γ s̄^(γ−1) / s + s̄^γ / s²] · (dq/dp)² / ln(base)
 *   from logits x (s = σ(±x)): dℓ/dx = ±c [γ s s̄^γ log s − s̄^(γ+1)] / ln(base),
 *                              d²ℓ/dx² = c [γ s s̄^(γ+1) log s − γ² s² s̄^γ log s + (2γ+1) s s̄^(γ+1)] / ln(base)
 * </pre>
 *
 * <p>Parameters: {@code alpha} α in [0, 1] (default 0.25), {@code gamma} γ ≥ 0 (default 2.0), plus the shared
 * {@code from_logits}, {@code epsilon}, {@code epsilon_mode} and {@code log_base} of {@link CrossEntropyOptions}.
 * γ = 0 gives {@code balanced_cross_entropy} with β = α.
 *
 * <p>For 0 &lt; γ &lt; 1 the second derivative is +∞ exactly at a perfect prediction (s̄ = 0), where it behaves
 * as c γ(γ+1) s̄^(γ−1); with the default clip mode s̄ ≥ ε and it stays finite, and from logits it is finite
 * everywhere. Under {@code epsilon_mode: scale} only q = 1 is kept away: p = 0 is still perfect for class 0
 * (+∞ second derivative for 0 &lt; γ &lt; 1) and costs +∞ for class 1. See {@link ModulatedCrossEntropy} for the
 * other limits.
 *
 * <p>Source: T.-Y. Lin, P. Goyal, R. Girshick, K. He, P. Dollár, "Focal Loss for Dense Object Detection",
 * ICCV 2017 (α = 0.25, γ = 2 are its defaults); the tutorial's "Focal Loss" section, whose code prints
 * 0.0005067004 ({@code log_base: 2, epsilon_mode: scale, epsilon: 1e-5}).
 */
public final class FocalLoss implements ElementLoss {
  static final String ID = "focal";

  private final double alpha;
  private final double gamma;
  private final CrossEntropyOptions options;
  private final ModulatedCrossEntropy form;

  private FocalLoss(double alpha, double gamma, CrossEntropyOptions options) {
    this.alpha = alpha;
    this.gamma = gamma;
    this.options = options;
    this.form = new ModulatedCrossEntropy(alpha, 1 - alpha, gamma, options);
  }

  static FocalLoss from(Parameters parameters) {
    return new FocalLoss(parameters.number("alpha"), parameters.number("gamma"), CrossEntropyOptions.from(parameters));
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
    return "FocalLoss(alpha=" + alpha + ", gamma=" + gamma + options.nonDefaults() + ")";
  }

  /** Registers {@code focal}. */
  public static final class Provider implements LossProvider {
    @Override
    public String id() {
      return ID;
    }

    @Override
    public String description() {
      return "focal loss (Lin et al. 2017): cross-entropy that down-weights easy, confident examples";
    }

    @Override
    public Task task() {
      return Task.CLASSIFICATION;
    }

    @Override
    public List<Parameter> parameters() {
      return CrossEntropyOptions.after(
          Parameter.number("alpha", 0.25, Range.closed(0, 1), "weight of class 1; class 0 gets 1 - alpha"),
          Parameter.number("gamma", 2.0, Range.atLeast(0), "focusing exponent: larger values down-weight easy examples"));
    }

    @Override
    public Domains domains() {
      return new Domains(PredictionDomain.PROBABILITY, LabelDomain.BINARY);
    }

    @Override
    public String formula() {
      return "loss = -[alpha * (1 - q)^gamma * y * log(q) + (1 - alpha) * q^gamma * (1 - y) * log(1 - q)] / ln(log_base)";
    }

    @Override
    public LossFunction create(Parameters parameters) {
      FocalLoss loss = from(parameters);
      return LossFunction.elementwise(ID, parameters, loss.domains(), loss);
    }
  }
}
