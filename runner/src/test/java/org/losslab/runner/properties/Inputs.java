package org.losslab.runner.properties;

import java.util.Arrays;
import org.losslab.api.Batch;

/**
 * A generated batch, kept as arrays so that a failing property prints the numbers, not just the shapes.
 *
 * @param rows N
 * @param columns M, the predictions per row
 * @param predictions N·M values, row-major
 * @param labels N·M values, row-major, or N class indices
 * @param classIndices whether {@code labels} holds one class index per row
 * @param weights one per row, or none (empty) for an unweighted batch
 */
record Inputs(int rows, int columns, double[] predictions, double[] labels, boolean classIndices, double[] weights) {

  /** One prediction against one label per element, unweighted. */
  static Inputs elementwise(int columns, double[] predictions, double[] labels) {
    return new Inputs(predictions.length / columns, columns, predictions, labels, false, new double[0]);
  }

  int labelColumns() {
    return classIndices ? 1 : columns;
  }

  Batch batch() {
    Batch batch = Batch.ofRows(predictions, columns, labels, labelColumns());
    return weights.length == 0 ? batch : batch.withWeights(weights);
  }

  /** The same predictions and labels without sample weights. */
  Inputs withoutWeights() {
    return new Inputs(rows, columns, predictions, labels, classIndices, new double[0]);
  }

  double weight(int row) {
    return weights.length == 0 ? 1.0 : weights[row];
  }

  /** The label of prediction {@code index}: its own label, or 0/1 from the row's class index or one-hot row. */
  double label(int index) {
    if (!classIndices) {
      return labels[index];
    }
    return labels[index / columns] == index % columns ? 1.0 : 0.0;
  }

  @Override
  public String toString() {
    return "Inputs[" + rows + "x" + columns + ", predictions=" + Arrays.toString(predictions) + ", "
        + (classIndices ? "class indices=" : "labels=") + Arrays.toString(labels)
        + (weights.length == 0 ? "" : ", weights=" + Arrays.toString(weights)) + "]";
  }
}
