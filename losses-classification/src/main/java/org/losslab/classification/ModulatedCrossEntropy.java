package org.losslab.classification;

import org.losslab.api.ElementLoss;

/**
 * The one binary form behind binary, weighted and balanced cross-entropy and focal loss: the class-weighted,
 * focally modulated log-loss of the probability given to the true class.
 *
 * <pre>
 *   s  = probability of the true class: q if y = 1, 1 − q if y = 0      s̄ = 1 − s
 *   ℓ  = −c_y · s̄^γ · log(s) / ln(base)
 *
 *   f'(s)  = c [γ s̄^(γ−1) log s − s̄^γ / s]
 *   f''(s) = c [−γ(γ−1) s̄^(γ−2) log s + 2γ s̄^(γ−1) / s + s̄^γ / s²]
 *   ∂ℓ/∂p  = ±f'(s) · dq/dp / ln(base)      (+ for y = 1, − for y = 0)
 *   ∂²ℓ/∂p² = f''(s) · (dq/dp)² / ln(base)
 * </pre>
 *
 * From logits x (s = σ(±x), s̄ = σ(∓x), + for y = 1), differentiated with respect to x directly:
 * <pre>
 *   ℓ        = c s̄^γ softplus(∓x) / ln(base)
 *   dℓ/dx    = ±c [γ s s̄^γ log s − s̄^(γ+1)] / ln(base)
 *   d²ℓ/dx²  = c [γ s s̄^(γ+1) log s − γ² s² s̄^γ log s + (2γ+1) s s̄^(γ+1)] / ln(base)
 * </pre>
 *
 * <p>Limits, taken explicitly so that no 0·∞ turns into NaN: terms multiplied by γ are dropped when γ = 0;
 * s·log s → 0 as s → 0; at s̄ = 0 with γ > 0, γ s̄^(γ−1) log s → 0 and s̄^(γ−2) log s = s̄^(γ−1)·(log s / s̄)
 * with log(1−t)/t → −1, so f'' → c γ(γ+1) s̄^(γ−1): 0 for γ > 1, 2c for γ = 1, and +∞ for 0 &lt; γ &lt; 1 (with
 * the default clip mode s̄ ≥ ε, so everything stays finite). A class weight of 0 gives 0 everywhere, even where
 * log s = −∞. At s = 0 the exact limits are ℓ = +∞, f' = −∞, f'' = +∞.
 *
 * <p>s and s̄ are both taken from q directly, the smaller one exactly, and log s = log1p(−s̄) when s̄ &lt; 0.5.
 */
final class ModulatedCrossEntropy implements ElementLoss {
  private final double positiveWeight;
  private final double negativeWeight;
  private final double gamma;
  private final CrossEntropyOptions options;

  ModulatedCrossEntropy(double positiveWeight, double negativeWeight, double gamma, CrossEntropyOptions options) {
    this.positiveWeight = positiveWeight;
    this.negativeWeight = negativeWeight;
    this.gamma = gamma;
    this.options = options;
  }

  @Override
  public double value(double prediction, double label) {
    if (Double.isNaN(prediction) || Double.isNaN(label)) {
      return Double.NaN;
    }
    double c = weight(label);
    if (c == 0) {
      return 0;
    }
    if (options.fromLogits()) {
      double t = label == 1 ? prediction : -prediction;
      return c * modulation(sigmoid(-t)) * softplus(-t) / options.lnBase();
    }
    double q = options.probability(prediction);
    double sBar = label == 1 ? 1 - q : q;
    double s = label == 1 ? q : 1 - q;
    // Here and below, + 0.0 turns the −0.0 of a perfect prediction into 0.0, which prints and compares as 0.
    return c * modulation(sBar) * -logOf(s, sBar) / options.lnBase() + 0.0;
  }

  @Override
  public double derivative(double prediction, double label) {
    if (Double.isNaN(prediction) || Double.isNaN(label)) {
      return Double.NaN;
    }
    double c = weight(label);
    double sign = label == 1 ? 1 : -1;
    if (c == 0) {
      return 0;
    }
    if (options.fromLogits()) {
      double t = sign * prediction;
      double s = sigmoid(t);
      double sBar = sigmoid(-t);
      double focusing = gamma == 0 ? 0 : gamma * Math.pow(sBar, gamma) * sLogS(s, -softplus(-t));
      return sign * c * (focusing - Math.pow(sBar, gamma + 1)) / options.lnBase() + 0.0;
    }
    double dq = options.probabilityDerivative(prediction);
    if (dq == 0) {
      return 0;
    }
    double q = options.probability(prediction);
    double s = label == 1 ? q : 1 - q;
    double sBar = label == 1 ? 1 - q : q;
    return sign * c * first(s, sBar) * dq / options.lnBase() + 0.0;
  }

  @Override
  public double secondDerivative(double prediction, double label) {
    if (Double.isNaN(prediction) || Double.isNaN(label)) {
      return Double.NaN;
    }
    double c = weight(label);
    if (c == 0) {
      return 0;
    }
    if (options.fromLogits()) {
      double t = label == 1 ? prediction : -prediction;
      double s = sigmoid(t);
      double sBar = sigmoid(-t);
      double plain = (2 * gamma + 1) * s * Math.pow(sBar, gamma + 1);
      if (gamma == 0) {
        return c * plain / options.lnBase();
      }
      double sLogS = sLogS(s, -softplus(-t));
      double focusing = gamma * sLogS * Math.pow(sBar, gamma + 1) - gamma * gamma * s * sLogS * Math.pow(sBar, gamma);
      return c * (focusing + plain) / options.lnBase() + 0.0;
    }
    double dq = options.probabilityDerivative(prediction);
    if (dq == 0) {
      return 0;
    }
    double q = options.probability(prediction);
    double s = label == 1 ? q : 1 - q;
    double sBar = label == 1 ? 1 - q : q;
    return c * second(s, sBar) * dq * dq / options.lnBase();
  }

  /** f'(s)/c. */
  private double first(double s, double sBar) {
    if (s == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    // γ s̄^(γ−1) log s as γ s̄^γ · (log s / s̄): for γ < 1 and a subnormal s̄, s̄^(γ−1) alone overflows to +∞
    // (∞ · log s = −∞), while the product tends to −γ s̄^γ → 0.
    double focusing = gamma == 0 || sBar == 0 ? 0 : gamma * Math.pow(sBar, gamma) * (logOf(s, sBar) / sBar);
    return focusing - Math.pow(sBar, gamma) / s;
  }

  /** f''(s)/c, with the γ terms combined as γ s̄^(γ−1) [2/s − (γ−1) log(s)/s̄] so that s̄ = 0 has a limit. */
  private double second(double s, double sBar) {
    if (s == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double plain = Math.pow(sBar, gamma) / (s * s);
    if (gamma == 0) {
      return plain;
    }
    double logRatio = sBar == 0 ? -1 : logOf(s, sBar) / sBar;
    double bracket = 2 / s - (gamma == 1 ? 0 : (gamma - 1) * logRatio);
    return plain + gamma * Math.pow(sBar, gamma - 1) * bracket;
  }

  private double weight(double label) {
    return label == 1 ? positiveWeight : negativeWeight;
  }

  private double modulation(double sBar) {
    return gamma == 0 ? 1 : Math.pow(sBar, gamma);
  }

  /** log s, from whichever of s and s̄ = 1 − s is the more accurate. */
  private static double logOf(double s, double sBar) {
    return sBar < 0.5 ? Math.log1p(-sBar) : Math.log(s);
  }

  /** s·log s, with its limit 0 at s = 0 (where log s = −∞). */
  private static double sLogS(double s, double logS) {
    return s == 0 ? 0 : s * logS;
  }

  /** σ(x) = 1/(1 + e^−x), evaluated so that e^x never overflows. */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }

  /** softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^−|x|), so that −log σ(x) = softplus(−x) never overflows. */
  static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }
}
