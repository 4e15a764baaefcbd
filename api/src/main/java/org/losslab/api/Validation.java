package org.losslab.api;

import org.losslab.api.InvalidInputException.Input;

/**
 * Every check of a batch against a loss, in one place, so that every loss words its errors alike:
 * {@code binary_cross_entropy: predictions row 1, column 0 is 1.2; expected a probability in [0, 1] (…hint…)}.
 */
final class Validation {
  /** How far a probability label row may sum from 1. */
  private static final double ROW_SUM_TOLERANCE = 1e-6;

  private Validation() {}

  static void check(String loss, Domains domains, Batch batch, boolean rowwise) {
    checkShapes(loss, domains, batch, rowwise);
    boolean propagate = batch.nanPolicy() == NanPolicy.PROPAGATE;
    int columns = batch.predictionColumns();
    for (int i = 0, n = batch.rows() * columns; i < n; i++) {
      double p = batch.prediction(i);
      if (Double.isNaN(p) ? !propagate : !domains.predictions().contains(p)) {
        throw outside(loss, Input.PREDICTIONS, i / columns, i % columns, p, domains.predictions().description(),
            predictionHint(domains.predictions(), p));
      }
    }
    if (domains.labels() == LabelDomain.CLASS) {
      checkClassLabels(loss, batch, propagate);
    } else {
      int labelColumns = batch.labelColumns();
      for (int i = 0, n = batch.labelRows() * labelColumns; i < n; i++) {
        double y = batch.label(i);
        if (Double.isNaN(y) ? !propagate : !domains.labels().contains(y)) {
          throw outside(loss, Input.LABELS, i / labelColumns, i % labelColumns, y, domains.labels().description(),
              labelHint(domains.labels(), y));
        }
      }
    }
    checkWeights(loss, batch);
  }

  private static void checkShapes(String loss, Domains domains, Batch batch, boolean rowwise) {
    boolean classIndex = rowwise && domains.labels() == LabelDomain.CLASS && batch.labelColumns() == 1;
    if (batch.labelRows() != batch.rows() || (batch.labelColumns() != batch.predictionColumns() && !classIndex)) {
      String expected = rowwise && domains.labels() == LabelDomain.CLASS
          ? "; expected [" + batch.rows() + ", " + batch.predictionColumns() + "] (one-hot) or [" + batch.rows()
              + ", 1] (class index)"
          : "";
      throw new InvalidInputException(loss + ": labels shape " + batch.labelShape()
          + " does not match predictions shape " + batch.predictionShape() + expected);
    }
    if (batch.weightCount() >= 0 && batch.weightCount() != batch.rows()) {
      throw new InvalidInputException(loss + ": weights shape [" + batch.weightCount()
          + "] does not match predictions shape " + batch.predictionShape() + " (one weight per row)");
    }
    if (batch.rows() == 0 || batch.predictionColumns() == 0) {
      throw new InvalidInputException(loss + ": empty input (predictions shape " + batch.predictionShape()
          + "); at least one row is needed");
    }
  }

  private static void checkClassLabels(String loss, Batch batch, boolean propagate) {
    int classes = batch.predictionColumns();
    int width = batch.labelColumns();
    for (int row = 0; row < batch.rows(); row++) {
      if (width == 1) {
        double y = batch.label(row);
        if (Double.isNaN(y) && propagate) {
          continue;
        }
        if (!(y >= 0 && y < classes && y == Math.rint(y))) {
          throw outside(loss, Input.LABELS, row, 0, y, "a class index in [0, " + classes + ")",
              "; one label column holds class indices, " + classes + " columns hold one-hot rows");
        }
        continue;
      }
      double sum = 0;
      for (int j = 0; j < width; j++) {
        double y = batch.label(row * width + j);
        if (Double.isNaN(y) && propagate) {
          sum = Double.NaN;
          continue;
        }
        if (!(y >= 0 && y <= 1)) {
          throw outside(loss, Input.LABELS, row, j, y, "a one-hot (probability) value in [0, 1]", "");
        }
        sum += y;
      }
      if (!Double.isNaN(sum) && Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
        throw new InvalidInputException(loss + ": labels row " + row + " sums to " + format(sum)
            + "; a one-hot (probability) row must sum to 1", Input.LABELS, row, -1);
      }
    }
  }

  private static void checkWeights(String loss, Batch batch) {
    if (!batch.hasWeights()) {
      return;
    }
    double total = 0;
    for (int row = 0; row < batch.rows(); row++) {
      double w = batch.weight(row);
      if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
        throw new InvalidInputException(loss + ": weights row " + row + " is " + format(w)
            + "; expected a finite weight >= 0", Input.WEIGHTS, row, 0);
      }
      total += w;
    }
    if (total == 0) {
      throw new InvalidInputException(loss + ": weights are all 0; at least one row needs a positive weight");
    }
  }

  private static InvalidInputException outside(String loss, Input input, int row, int column, double value,
      String expected, String hint) {
    String what = Double.isNaN(value) ? "NaN" : format(value);
    String nanHint = Double.isNaN(value) ? "; data must be finite (or choose a NaN policy)" : hint;
    return new InvalidInputException(loss + ": " + input.id() + " row " + row + ", column " + column + " is " + what
        + "; expected " + expected + nanHint, input, row, column);
  }

  /** A value as the user wrote it: a float32 1.2 prints as 1.2, not as its widened 1.2000000476837158. */
  static String format(double value) {
    return value == (float) value ? Float.toString((float) value) : Double.toString(value);
  }

  private static String predictionHint(PredictionDomain domain, double value) {
    if (domain == PredictionDomain.PROBABILITY && Double.isFinite(value)) {
      return " (for raw scores set from_logits: true; or clip the predictions to [0, 1])";
    }
    return "";
  }

  private static String labelHint(LabelDomain domain, double value) {
    if (domain == LabelDomain.SIGN && value == 0.0) {
      return " (for {0,1} labels set label_encoding: zero_one)";
    }
    if (domain == LabelDomain.BINARY && value == -1.0) {
      return " ({-1,+1} labels: map -1 to 0)";
    }
    return "";
  }
}
