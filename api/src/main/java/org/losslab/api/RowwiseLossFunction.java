package org.losslab.api;

/** The framework around a {@link RowLoss}: each row is copied into scratch arrays and handed to the loss. */
final class RowwiseLossFunction extends AbstractLossFunction {
  private final RowLoss loss;

  RowwiseLossFunction(String name, Parameters parameters, Domains domains, RowLoss loss) {
    super(name, parameters, domains, true);
    this.loss = loss;
  }

  @Override
  double weightedSum(Batch batch, int fromRow, int toRow) {
    Rows rows = new Rows(batch);
    Sum sum = new Sum();
    for (int row = fromRow; row < toRow; row++) {
      if (batch.weight(row) == 0) {
        continue; // a zero weight removes the row, even where its loss is +∞ (0·∞ would be NaN)
      }
      rows.load(row);
      sum.add(batch.weight(row) * loss.value(rows.predictions, rows.labels));
    }
    return sum.value();
  }

  @Override
  public double[] values(Batch batch) {
    validate(batch);
    Rows rows = new Rows(batch);
    double[] values = new double[batch.rows()];
    for (int row = 0; row < values.length; row++) {
      rows.load(row);
      values[row] = batch.weight(row) == 0 ? 0 : batch.weight(row) * loss.value(rows.predictions, rows.labels);
    }
    return values;
  }

  @Override
  public double[] firstDerivatives(Batch batch) {
    validate(batch);
    return perRow(batch, false);
  }

  @Override
  public double[] secondDerivatives(Batch batch) {
    validate(batch);
    return perRow(batch, true);
  }

  private double[] perRow(Batch batch, boolean second) {
    int columns = batch.predictionColumns();
    Rows rows = new Rows(batch);
    double[] out = new double[columns];
    double[] derivatives = new double[batch.rows() * columns];
    for (int row = 0; row < batch.rows(); row++) {
      rows.load(row);
      if (second) {
        loss.secondDerivative(rows.predictions, rows.labels, out);
      } else {
        loss.gradient(rows.predictions, rows.labels, out);
      }
      System.arraycopy(out, 0, derivatives, row * columns, columns);
    }
    return derivatives;
  }

  /** Scratch copies of one row at a time, reused across rows. */
  private static final class Rows {
    private final Batch batch;
    final double[] predictions;
    final double[] labels;

    Rows(Batch batch) {
      this.batch = batch;
      this.predictions = new double[batch.predictionColumns()];
      this.labels = new double[batch.labelColumns()];
    }

    void load(int row) {
      for (int j = 0; j < predictions.length; j++) {
        predictions[j] = batch.prediction(row * predictions.length + j);
      }
      for (int j = 0; j < labels.length; j++) {
        labels[j] = batch.label(row * labels.length + j);
      }
    }
  }
}
