package org.losslab.classification;

import java.util.Arrays;
import java.util.List;
import org.losslab.api.Domains;
import org.losslab.api.LabelDomain;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameter;
import org.losslab.api.Parameters;
import org.losslab.api.PredictionDomain;
import org.losslab.api.RowLoss;
import org.losslab.api.Task;

/**
 * Categorical cross-entropy of a row of M class probabilities (or logits) against a class index or a one-hot
 * (probability) row.
 *
 * <pre>
 *   probabilities: ℓ = −Σ_j y_j log q_j / ln(base),        q_j = the epsilon transform of p_j
 *                  ∂ℓ/∂p_j = −y_j / q_j · dq_j/dp_j / ln(base),   ∂²ℓ/∂p_j² = y_j / q_j² · (dq_j/dp_j)² / ln(base)
 *   logits:        ℓ = [(Σy) · logsumexp(x) − Σ_j y_j x_j] / ln(base)
 *                  ∂ℓ/∂x_j = [(Σy) · softmax_j − y_j] / ln(base),   ∂²ℓ/∂x_j² = (Σy) · s_j (1 − s_j) / ln(base)
 * </pre>
 * A class index k stands for the one-hot row y_j = [j = k]. The second derivatives are the Hessian's diagonal.
 *
 * <p>Parameters: the shared {@code from_logits}, {@code epsilon}, {@code epsilon_mode} and {@code log_base} of
 * {@link CrossEntropyOptions}. Probability rows are used as given, not renormalised to sum to 1 (Keras divides
 * them by their sum first), so that each p_j has its own derivative; terms with y_j = 0 are skipped, not
 * 0·log 0. Logits must be finite; they are shifted by their maximum, so any finite scale is safe, and both
 * 1 − s_j and logsumexp(x) − max are computed from the other classes' exponentials (the latter with log1p), not
 * by subtraction, so that a confident row keeps the digits of its small loss and gradient.
 *
 * <p>Source: Keras {@code categorical_crossentropy} (clip semantics) and PyTorch {@code CrossEntropyLoss} (class
 * indices or probability targets, from logits); the tutorial's note that many classes reduce to the binary case.
 */
public final class CategoricalCrossEntropy implements RowLoss {
  static final String ID = "categorical_cross_entropy";

  private final CrossEntropyOptions options;

  private CategoricalCrossEntropy(CrossEntropyOptions options) {
    this.options = options;
  }

  static CategoricalCrossEntropy from(Parameters parameters) {
    return new CategoricalCrossEntropy(CrossEntropyOptions.from(parameters));
  }

  Domains domains() {
    return new Domains(options.predictions(PredictionDomain.REAL), LabelDomain.CLASS);
  }

  @Override
  public double value(double[] predictions, double[] labels) {
    if (hasNaN(predictions) || hasNaN(labels)) {
      return Double.NaN;
    }
    double loss = 0;
    if (options.fromLogits()) {
      int top = argmax(predictions);
      double max = predictions[top];
      // log Σ e^(x_j − max) = log1p(Σ_{j≠top} e^(x_j − max)): keeps the digits of a confident row's small loss.
      double logSum = Math.log1p(sumExpOthers(predictions, top));
      for (int j = 0; j < predictions.length; j++) {
        double y = label(labels, j);
        if (y != 0) {
          // y·(logsumexp − x_j), each term ≥ 0: no cancellation between two large numbers.
          loss += y * ((max - predictions[j]) + logSum);
        }
      }
    } else {
      for (int j = 0; j < predictions.length; j++) {
        double y = label(labels, j);
        if (y != 0) {
          loss -= y * Math.log(options.probability(predictions[j]));
        }
      }
    }
    return loss / options.lnBase() + 0.0;
  }

  @Override
  public void gradient(double[] predictions, double[] labels, double[] out) {
    derivatives(predictions, labels, out, false);
  }

  @Override
  public void secondDerivative(double[] predictions, double[] labels, double[] out) {
    derivatives(predictions, labels, out, true);
  }

  private void derivatives(double[] predictions, double[] labels, double[] out, boolean second) {
    int m = predictions.length;
    if (hasNaN(predictions) || hasNaN(labels)) {
      Arrays.fill(out, 0, m, Double.NaN);
      return;
    }
    if (!options.fromLogits()) {
      for (int j = 0; j < m; j++) {
        double y = label(labels, j);
        double dq = options.probabilityDerivative(predictions[j]);
        if (y == 0 || dq == 0) {
          out[j] = 0;
          continue;
        }
        double q = options.probability(predictions[j]);
        out[j] = (second ? y * dq * dq / (q * q) : -y * dq / q) / options.lnBase();
      }
      return;
    }
    double max = predictions[argmax(predictions)];
    double[] exps = new double[m];
    double[] others = new double[m];
    double running = 0;
    for (int j = 0; j < m; j++) {
      exps[j] = Math.exp(predictions[j] - max);
      others[j] = running;
      running += exps[j];
    }
    double sum = running;
    running = 0;
    for (int j = m - 1; j >= 0; j--) {
      others[j] += running;
      running += exps[j];
    }
    double labelSum = 0;
    for (int j = 0; j < m; j++) {
      labelSum += label(labels, j);
    }
    for (int j = 0; j < m; j++) {
      double y = label(labels, j);
      double s = exps[j] / sum;
      double rest = others[j] / sum;
      // (Σy)·s_j − y_j written as (Σy − y_j)·s_j − y_j·(1 − s_j): exact 0 and no cancellation for one-hot rows.
      out[j] = (second ? labelSum * s * rest : (labelSum - y) * s - y * rest) / options.lnBase() + 0.0;
    }
  }

  /** y_j of a one-hot (probability) row, or of the one-hot row a class index stands for. */
  private static double label(double[] labels, int j) {
    if (labels.length == 1) {
      return j == (int) labels[0] ? 1 : 0;
    }
    return labels[j];
  }

  private static int argmax(double[] values) {
    int top = 0;
    for (int j = 1; j < values.length; j++) {
      if (values[j] > values[top]) {
        top = j;
      }
    }
    return top;
  }

  private static double sumExpOthers(double[] values, int top) {
    double sum = 0;
    for (int j = 0; j < values.length; j++) {
      if (j != top) {
        sum += Math.exp(values[j] - values[top]);
      }
    }
    return sum;
  }

  private static boolean hasNaN(double[] values) {
    for (double value : values) {
      if (Double.isNaN(value)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    String options = this.options.nonDefaults();
    return "CategoricalCrossEntropy(" + (options.isEmpty() ? "" : options.substring(2)) + ")";
  }

  /** Registers {@code categorical_cross_entropy}. */
  public static final class Provider implements LossProvider {
    @Override
    public String id() {
      return ID;
    }

    @Override
    public String description() {
      return "categorical cross-entropy of M class probabilities (or logits) against a class index or one-hot row";
    }

    @Override
    public Task task() {
      return Task.CLASSIFICATION;
    }

    @Override
    public List<Parameter> parameters() {
      return CrossEntropyOptions.PARAMETERS;
    }

    @Override
    public Domains domains() {
      return new Domains(PredictionDomain.PROBABILITY, LabelDomain.CLASS);
    }

    /** The SPI version these losses are built with (javac copies the constant in). */
    @Override
    public String apiVersion() {
      return API_VERSION;
    }

    @Override
    public String formula() {
      return "loss = -sum_j y_j * log(q_j) / ln(log_base); from logits: sum(y) * logsumexp(x) - sum_j y_j * x_j";
    }

    @Override
    public LossFunction create(Parameters parameters) {
      CategoricalCrossEntropy loss = from(parameters);
      return LossFunction.rowwise(ID, parameters, loss.domains(), loss);
    }
  }
}
