package org.losslab.classification;

import org.losslab.api.Parameter;
import org.losslab.api.Parameters;
import org.losslab.api.Range;

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
public final class WeightedCrossEntropy extends BinaryCrossEntropyFamily {
  static final String ID = "weighted_cross_entropy";

  private final double weight;

  private WeightedCrossEntropy(double weight, CrossEntropyOptions options) {
    super(weight, 1, 0, options);
    this.weight = weight;
  }

  static WeightedCrossEntropy from(Parameters parameters) {
    return new WeightedCrossEntropy(parameters.number("weight"), CrossEntropyOptions.from(parameters));
  }

  @Override
  public String toString() {
    return "WeightedCrossEntropy(weight=" + weight + nonDefaults() + ")";
  }

  /** Registers {@code weighted_cross_entropy}. */
  public static final class Provider extends BinaryLossProvider {
    public Provider() {
      super(ID, "binary cross-entropy with a weight on the positive class, for imbalanced labels",
          "loss = -[weight * y * log(q) + (1 - y) * log(1 - q)] / ln(log_base)",
          CrossEntropyOptions.after(
              Parameter.number("weight", 1.0, Range.greaterThan(0), "weight of the loss on class 1 (class 0 has 1)")),
          DEFAULT_DOMAINS);
    }

    @Override
    BinaryLoss loss(Parameters parameters) {
      return from(parameters);
    }
  }
}
