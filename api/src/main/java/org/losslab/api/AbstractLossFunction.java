package org.losslab.api;

import java.util.Objects;

/** What element-wise and row-wise loss functions share: identity, validation, and the reduction arithmetic. */
abstract class AbstractLossFunction implements LossFunction {
  private final String name;
  private final Parameters parameters;
  private final Domains domains;
  private final boolean rowwise;

  AbstractLossFunction(String name, Parameters parameters, Domains domains, boolean rowwise) {
    this.name = Objects.requireNonNull(name, "name");
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.domains = Objects.requireNonNull(domains, "domains");
    this.rowwise = rowwise;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Parameters parameters() {
    return parameters;
  }

  @Override
  public final Domains domains() {
    return domains;
  }

  @Override
  public final void validate(Batch batch) {
    Validation.check(name, domains, batch, rowwise);
  }

  @Override
  public final double value(Batch batch) {
    validate(batch);
    Reduction reduction = reduction();
    if (reduction == Reduction.NONE) {
      throw new LossException(name + ": reduction is none, which gives per-element values, not one; "
          + "call values(batch), or set reduction: mean or sum");
    }
    double sum = weightedSum(batch);
    return reduction == Reduction.SUM ? sum : sum / meanDivisor(batch);
  }

  @Override
  public final double[] gradient(Batch batch) {
    double[] gradient = firstDerivatives(batch);
    double scale = reduction() == Reduction.MEAN ? 1.0 / meanDivisor(batch) : 1.0;
    int columns = batch.predictionColumns();
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] *= batch.weight(i / columns) * scale;
    }
    return gradient;
  }

  /** Σ w·ℓ over the whole (validated) batch. */
  abstract double weightedSum(Batch batch);

  /** What {@code mean} divides the weighted sum by: Σw times the elements per row that each carry a loss. */
  private double meanDivisor(Batch batch) {
    double totalWeight = 0;
    if (batch.hasWeights()) {
      for (int row = 0; row < batch.rows(); row++) {
        totalWeight += batch.weight(row);
      }
    } else {
      totalWeight = batch.rows();
    }
    return rowwise ? totalWeight : totalWeight * batch.predictionColumns();
  }

  /** {@code huber(delta=2.0, reduction=mean)}. */
  @Override
  public String toString() {
    return name + "(" + parameters + ")";
  }

  /**
   * Compensated (Neumaier) summation: the error stays O(ε) instead of growing with n, so a mean over 10⁸
   * float32 elements keeps its digits.
   */
  static final class Sum {
    private double sum;
    private double compensation;

    void add(double value) {
      double t = sum + value;
      if (Math.abs(sum) >= Math.abs(value)) {
        compensation += (sum - t) + value;
      } else {
        compensation += (value - t) + sum;
      }
      sum = t;
    }

    double value() {
      double total = sum + compensation;
      // An infinite or NaN term must not be hidden (∞ − ∞ in the compensation would turn +∞ into NaN).
      return Double.isFinite(total) ? total : sum;
    }
  }
}
