package org.losslab.api;

import org.jspecify.annotations.Nullable;

/** The framework around an {@link ElementLoss}: batching, weights, reduction, validation. */
final class ElementwiseLossFunction extends AbstractLossFunction {
  private final ElementLoss loss;
  private final @Nullable BatchKernel kernel;
  private final boolean kernelChecksInputs;

  ElementwiseLossFunction(String name, Parameters parameters, Domains domains, ElementLoss loss,
      @Nullable BatchKernel kernel) {
    super(name, parameters, domains, false);
    this.loss = loss;
    this.kernel = kernel;
    this.kernelChecksInputs = kernel != null && kernel.checksInputs(domains);
  }

  /** With a kernel that checks predictions and labels itself, one pass over them: the kernel's. */
  @Override
  double checkedSum(Batch batch, int fromRow, int toRow) {
    if (!kernelChecksInputs) {
      return super.checkedSum(batch, fromRow, toRow);
    }
    if (batch.hasWeights() && !Validation.weightsFit(batch, fromRow, toRow)) {
      return Double.NaN;
    }
    double sum = kernel.weightedSum(batch, fromRow, toRow);
    return Double.isFinite(sum) ? sum : Double.NaN;
  }

  /**
   * The kernel's sum when there is a kernel and its sum is finite; otherwise the per-element definition, which
   * knows the limits (a zero weight on an infinite loss, a NaN that {@link NanPolicy#PROPAGATE} lets through).
   */
  @Override
  double weightedSum(Batch batch, int fromRow, int toRow) {
    if (kernel != null && batch.nanPolicy() != NanPolicy.PROPAGATE) {
      double sum = kernel.weightedSum(batch, fromRow, toRow);
      if (Double.isFinite(sum)) {
        return sum;
      }
    }
    return definitionSum(batch, fromRow, toRow);
  }

  private double definitionSum(Batch batch, int fromRow, int toRow) {
    int columns = batch.predictionColumns();
    Sum sum = new Sum();
    for (int row = fromRow; row < toRow; row++) {
      double weight = batch.weight(row);
      if (weight == 0) {
        continue; // a zero weight removes the row, even where its loss is +∞ (0·∞ would be NaN)
      }
      for (int i = row * columns, end = i + columns; i < end; i++) {
        sum.add(weight * loss.value(batch.prediction(i), batch.label(i)));
      }
    }
    return sum.value();
  }

  @Override
  public double[] values(Batch batch) {
    validate(batch);
    int columns = batch.predictionColumns();
    double[] values = new double[batch.rows() * columns];
    for (int i = 0; i < values.length; i++) {
      double weight = batch.weight(i / columns);
      values[i] = weight == 0 ? 0 : weight * loss.value(batch.prediction(i), batch.label(i));
    }
    return values;
  }

  @Override
  public double[] firstDerivatives(Batch batch) {
    validate(batch);
    double[] derivatives = new double[batch.rows() * batch.predictionColumns()];
    for (int i = 0; i < derivatives.length; i++) {
      derivatives[i] = loss.derivative(batch.prediction(i), batch.label(i));
    }
    return derivatives;
  }

  @Override
  public double[] secondDerivatives(Batch batch) {
    validate(batch);
    double[] derivatives = new double[batch.rows() * batch.predictionColumns()];
    for (int i = 0; i < derivatives.length; i++) {
      derivatives[i] = loss.secondDerivative(batch.prediction(i), batch.label(i));
    }
    return derivatives;
  }
}
