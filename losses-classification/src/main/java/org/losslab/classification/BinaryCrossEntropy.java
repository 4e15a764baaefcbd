package org.losslab.classification;

import org.losslab.api.Parameter;
import org.losslab.api.Parameters;
import org.losslab.api.Range;

/**
 * Binary cross-entropy (log loss) of a predicted probability of class 1, with a weight for each class.
 *
 * <pre>
 *   ℓ(p, y) = −[w₊ · y · log q + w₋ · (1 − y) · log(1 − q)] / ln(base),   q = the epsilon transform of p
 *   ∂ℓ/∂p   = −[w₊ y / q − w₋ (1 − y) / (1 − q)] · dq/dp / ln(base)
 *   ∂²ℓ/∂p² = [w₊ y / q² + w₋ (1 − y) / (1 − q)²] · (dq/dp)² / ln(base)
 *   from logits x: ℓ = [w₊ y softplus(−x) + w₋ (1 − y) softplus(x)] / ln(base),
 *                  dℓ/dx = [w₊ y (σ(x) − 1) + w₋ (1 − y) σ(x)] / ln(base), d²ℓ/dx² = w_y σ(x) σ(−x) / ln(base)
 * </pre>
 *
 * <p>Parameters: {@code positive_weight} w₊ ≥ 0 (default 1) and {@code negative_weight} w₋ ≥ 0 (default 1), plus
 * the shared {@code from_logits}, {@code epsilon}, {@code epsilon_mode} and {@code log_base} of
 * {@link CrossEntropyOptions}. From logits the loss is exact at any x: ±∞ costs 0 when the label agrees and +∞
 * (the exact limit) when it does not, and the derivatives stay finite (−1/0 and 0/+1), never NaN.
 *
 * <p>Source: the tutorial's "Weighed Cross Entropy" section (with w₊ = w₋ = 1 it is the plain cross-entropy);
 * Keras {@code binary_crossentropy} for the clip semantics; PyTorch {@code BCEWithLogitsLoss} for logits.
 */
public final class BinaryCrossEntropy extends BinaryCrossEntropyFamily {
  static final String ID = "binary_cross_entropy";

  private final double positiveWeight;
  private final double negativeWeight;

  private BinaryCrossEntropy(double positiveWeight, double negativeWeight, CrossEntropyOptions options) {
    super(positiveWeight, negativeWeight, 0, options);
    this.positiveWeight = positiveWeight;
    this.negativeWeight = negativeWeight;
  }

  static BinaryCrossEntropy from(Parameters parameters) {
    return new BinaryCrossEntropy(parameters.number("positive_weight"), parameters.number("negative_weight"),
        CrossEntropyOptions.from(parameters));
  }

  @Override
  public String toString() {
    return "BinaryCrossEntropy(positive_weight=" + positiveWeight + ", negative_weight=" + negativeWeight
        + nonDefaults() + ")";
  }

  /** Registers {@code binary_cross_entropy}. */
  public static final class Provider extends BinaryLossProvider {
    public Provider() {
      super(ID, "binary cross-entropy (log loss) of a probability of class 1, with per-class weights",
          "loss = -[positive_weight * y * log(q) + negative_weight * (1 - y) * log(1 - q)] / ln(log_base)",
          CrossEntropyOptions.after(
              Parameter.number("positive_weight", 1.0, Range.atLeast(0), "weight of the loss on class 1 (y = 1)"),
              Parameter.number("negative_weight", 1.0, Range.atLeast(0), "weight of the loss on class 0 (y = 0)")),
          DEFAULT_DOMAINS);
    }

    @Override
    BinaryLoss loss(Parameters parameters) {
      return from(parameters);
    }
  }
}
