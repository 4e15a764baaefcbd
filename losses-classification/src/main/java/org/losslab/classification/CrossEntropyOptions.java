package org.losslab.classification;

import java.util.ArrayList;
import java.util.List;
import org.losslab.api.Parameter;
import org.losslab.api.Parameters;
import org.losslab.api.PredictionDomain;
import org.losslab.api.Range;

/**
 * The parameters every cross-entropy loss shares, and the probability transform they define.
 *
 * <pre>
 *   from_logits   boolean, default false: predictions are logits; the loss is computed exactly from them with a
 *                 stable log-sigmoid (log-softmax), and epsilon is not applied (PyTorch BCEWithLogits, TF
 *                 sigmoid_cross_entropy_with_logits)
 *   epsilon       number in [0, 0.5), default 1e-7: keeps probabilities away from 0 and 1
 *   epsilon_mode  clip (default): q = clamp(p, ε, 1−ε), dq/dp = 1 for ε ≤ p ≤ 1−ε and 0 outside (Keras)
 *                 scale: q = p·(1−ε), dq/dp = 1−ε (the tutorial's {@code logits * (1-1e-05)})
 *   log_base      e (default) or 2: the loss, and its derivatives, are divided by ln(base) (the tutorial uses np.log2)
 * </pre>
 *
 * <p>Note that {@code scale} only keeps q below 1: p = 0 with label 1 still costs −log 0 = +∞, as in the tutorial.
 */
final class CrossEntropyOptions {
  static final String FROM_LOGITS = "from_logits";
  static final String EPSILON = "epsilon";
  static final String EPSILON_MODE = "epsilon_mode";
  static final String LOG_BASE = "log_base";

  private static final double DEFAULT_EPSILON = 1e-7;

  /** The shared parameters, declared once. */
  static final List<Parameter> PARAMETERS = List.of(
      Parameter.bool(FROM_LOGITS, false,
          "predictions are logits (raw scores): computed exactly and stably, epsilon is not applied"),
      Parameter.number(EPSILON, DEFAULT_EPSILON, new Range(0, true, 0.5, false),
          "keeps probabilities away from 0 and 1, as epsilon_mode says"),
      Parameter.choice(EPSILON_MODE, "clip", List.of("clip", "scale"),
          "clip: q = clamp(p, epsilon, 1 - epsilon) (Keras); scale: q = p * (1 - epsilon) (the tutorial)"),
      Parameter.choice(LOG_BASE, "e", List.of("e", "2"),
          "base of the logarithm: e (nats) or 2 (bits, as the tutorial's np.log2)"));

  private final boolean fromLogits;
  private final double epsilon;
  private final boolean clip;
  private final String logBase;
  private final double lnBase;

  private CrossEntropyOptions(boolean fromLogits, double epsilon, boolean clip, String logBase) {
    this.fromLogits = fromLogits;
    this.epsilon = epsilon;
    this.clip = clip;
    this.logBase = logBase;
    this.lnBase = logBase.equals("2") ? Math.log(2) : 1.0;
  }

  /** The options from validated parameters. */
  static CrossEntropyOptions from(Parameters parameters) {
    return new CrossEntropyOptions(parameters.bool(FROM_LOGITS), parameters.number(EPSILON),
        parameters.choice(EPSILON_MODE).equals("clip"), parameters.choice(LOG_BASE));
  }

  /** A loss's own parameters followed by the shared ones. */
  static List<Parameter> after(Parameter... own) {
    List<Parameter> all = new ArrayList<>(List.of(own));
    all.addAll(PARAMETERS);
    return List.copyOf(all);
  }

  boolean fromLogits() {
    return fromLogits;
  }

  /** ε, as given (it applies to probabilities only). */
  double epsilon() {
    return epsilon;
  }

  /** Whether {@code epsilon_mode} is {@code clip} (else {@code scale}). */
  boolean clips() {
    return clip;
  }

  /** Probabilities unless {@code from_logits}, when the loss's own logit domain applies. */
  PredictionDomain predictions(PredictionDomain logits) {
    return fromLogits ? logits : PredictionDomain.PROBABILITY;
  }

  /** q, the probability the logarithm sees. */
  double probability(double p) {
    return clip ? Math.min(Math.max(p, epsilon), 1 - epsilon) : p * (1 - epsilon);
  }

  /** dq/dp; for clip, 0 where p was clipped (the boundary itself counts as inside, as tf.clip_by_value). */
  double probabilityDerivative(double p) {
    if (!clip) {
      return 1 - epsilon;
    }
    return p >= epsilon && p <= 1 - epsilon ? 1.0 : 0.0;
  }

  /** ln(base): what the natural-log loss and its derivatives are divided by. */
  double lnBase() {
    return lnBase;
  }

  /** The options that differ from their defaults, for a loss's {@code toString}: {@code ", log_base=2"}. */
  String nonDefaults() {
    StringBuilder text = new StringBuilder();
    if (fromLogits) {
      text.append(", from_logits=true");
    } else {
      if (epsilon != DEFAULT_EPSILON) {
        text.append(", epsilon=").append(epsilon);
      }
      if (!clip) {
        text.append(", epsilon_mode=scale");
      }
    }
    if (!logBase.equals("e")) {
      text.append(", log_base=").append(logBase);
    }
    return text.toString();
  }
}
