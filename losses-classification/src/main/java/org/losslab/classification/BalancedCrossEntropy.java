package org.losslab.classification;

import org.losslab.api.Parameter;
import org.losslab.api.Parameters;
import org.losslab.api.Range;

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
public final class BalancedCrossEntropy extends BinaryCrossEntropyFamily {
  static final String ID = "balanced_cross_entropy";

  private final double beta;

  private BalancedCrossEntropy(double beta, CrossEntropyOptions options) {
    super(beta, 1 - beta, 0, options);
    this.beta = beta;
  }

  static BalancedCrossEntropy from(Parameters parameters) {
    return new BalancedCrossEntropy(parameters.number("beta"), CrossEntropyOptions.from(parameters));
  }

  @Override
  public String toString() {
    return "BalancedCrossEntropy(beta=" + beta + nonDefaults() + ")";
  }

  /** Registers {@code balanced_cross_entropy}. */
  public static final class Provider extends BinaryLossProvider {
    public Provider() {
      super(ID, "binary cross-entropy weighted beta on class 1 and 1 - beta on class 0",
          "loss = -[beta * y * log(q) + (1 - beta) * (1 - y) * log(1 - q)] / ln(log_base)",
          CrossEntropyOptions.after(Parameter.number("beta", 0.5, Range.closed(0, 1),
              "weight of class 1; class 0 gets 1 - beta (set it to the share of class 0)")),
          DEFAULT_DOMAINS);
    }

    @Override
    BinaryLoss loss(Parameters parameters) {
      return from(parameters);
    }
  }
}
