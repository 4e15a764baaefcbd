package org.losslab.api;

import org.jspecify.annotations.Nullable;
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
    check(loss, domains, batch, rowwise, true);
  }

  /** As {@link #check(String, Domains, Batch, boolean)}; weights that are all 0 pass unless {@code positiveTotal}. */
  static void check(String loss, Domains domains, Batch batch, boolean rowwise, boolean positiveTotal) {
    checkShapes(loss, domains, batch, rowwise);
    boolean propagate = batch.nanPolicy() == NanPolicy.PROPAGATE;
    int columns = batch.predictionColumns();
    for (int i = 0, n = batch.rows() * columns; i < n; i++) {
      double p = batch.prediction(i);
      if (Double.isNaN(p) ? !propagate : !domains.predictions().contains(p)) {
        throw outside(loss, batch, Input.PREDICTIONS, i / columns, i % columns, p, domains.predictions().description(),
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
          throw outside(loss, batch, Input.LABELS, i / labelColumns, i % labelColumns, y, domains.labels().description(),
              labelHint(domains.labels(), y));
        }
      }
    }
    checkWeights(loss, batch, positiveTotal);
  }

  static void checkShapes(String loss, Domains domains, Batch batch, boolean rowwise) {
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

  /**
   * Whether rows {@code fromRow} to {@code toRow} certainly pass {@link #check} (shapes aside, and the total weight
   * aside): a scan of minima and maxima that the JIT can vectorise, with none of the bookkeeping of a message.
   * {@code false} means "look closer" — {@link #check} finds the first offending value and names it — and is also
   * the answer for label domains and NaN policies this scan does not cover ({@link #scans}).
   */
  static boolean quickCheck(Domains domains, Batch batch, int fromRow, int toRow) {
    int columns = batch.predictionColumns();
    double[] range = new double[2];
    minMax(batch.floatPredictions(), batch.doublePredictions(), fromRow * columns, toRow * columns, range);
    if (!predictionsFit(domains.predictions(), range[0], range[1])) {
      return false;
    }
    int labelColumns = batch.labelColumns();
    int from = fromRow * labelColumns;
    int to = toRow * labelColumns;
    boolean labelsFit = switch (domains.labels()) {
      case REAL -> {
        minMax(batch.floatLabels(), batch.doubleLabels(), from, to, range);
        yield Double.isFinite(range[0]) && Double.isFinite(range[1]);
      }
      case BINARY -> binary(batch.floatLabels(), batch.doubleLabels(), from, to);
      case SIGN -> sign(batch.floatLabels(), batch.doubleLabels(), from, to);
      case CLASS -> false;
    };
    if (!labelsFit) {
      return false;
    }
    return !batch.hasWeights() || weightsFit(batch, fromRow, toRow);
  }

  /** Whether the weights of rows {@code fromRow} to {@code toRow} are finite and ≥ 0 (the batch has weights). */
  static boolean weightsFit(Batch batch, int fromRow, int toRow) {
    double[] range = new double[2];
    minMax(null, batch.weights(), fromRow, toRow, range);
    return range[0] >= 0 && range[1] < Double.POSITIVE_INFINITY;
  }

  /** Whether {@link #quickCheck} can vouch for a batch: not for class labels, nor where NaN is allowed. */
  static boolean scans(Domains domains, Batch batch) {
    return domains.labels() != LabelDomain.CLASS && batch.nanPolicy() != NanPolicy.PROPAGATE
        && (batch.floatPredictions() != null || batch.doublePredictions() != null)
        && (batch.floatLabels() != null || batch.doubleLabels() != null);
  }

  // Math.min and Math.max return NaN when either argument is NaN, so one NaN makes the range NaN and fails it.
  private static boolean predictionsFit(PredictionDomain domain, double min, double max) {
    return switch (domain) {
      case REAL -> min > Double.NEGATIVE_INFINITY && max < Double.POSITIVE_INFINITY;
      case PROBABILITY -> min >= 0 && max <= 1;
      case LOGIT -> !Double.isNaN(min) && !Double.isNaN(max);
    };
  }

  private static void minMax(float @Nullable [] floats, double @Nullable [] doubles, int from, int to, double[] range) {
    if (floats != null) {
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (int i = from; i < to; i++) {
        min = Math.min(min, floats[i]);
        max = Math.max(max, floats[i]);
      }
      range[0] = min;
      range[1] = max;
    } else {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = from; i < to; i++) {
        min = Math.min(min, doubles[i]);
        max = Math.max(max, doubles[i]);
      }
      range[0] = min;
      range[1] = max;
    }
  }

  /**
   * Whether every label is 0 or 1: y·(1 − y) is exactly 0 only there (it cannot underflow to 0: for a tiny y it is
   * about y, and near 1 the factor 1 − y is exact and at least 2⁻⁵³), and a NaN or ±∞ makes the maximum NaN or ∞.
   */
  private static boolean binary(float @Nullable [] floats, double @Nullable [] doubles, int from, int to) {
    double max = 0;
    if (floats != null) {
      for (int i = from; i < to; i++) {
        double y = floats[i];
        max = Math.max(max, Math.abs(y * (1 - y)));
      }
    } else {
      for (int i = from; i < to; i++) {
        double y = doubles[i];
        max = Math.max(max, Math.abs(y * (1 - y)));
      }
    }
    return max == 0;
  }

  /** Whether every label is −1 or +1: |y| is exact, so its minimum and maximum are both 1 only there. */
  private static boolean sign(float @Nullable [] floats, double @Nullable [] doubles, int from, int to) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    if (floats != null) {
      for (int i = from; i < to; i++) {
        double a = Math.abs(floats[i]);
        min = Math.min(min, a);
        max = Math.max(max, a);
      }
    } else {
      for (int i = from; i < to; i++) {
        double a = Math.abs(doubles[i]);
        min = Math.min(min, a);
        max = Math.max(max, a);
      }
    }
    return min == 1 && max == 1;
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
          throw outside(loss, batch, Input.LABELS, row, 0, y, "a class index in [0, " + classes + ")",
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
          throw outside(loss, batch, Input.LABELS, row, j, y, "a one-hot (probability) value in [0, 1]", "");
        }
        sum += y;
      }
      if (!Double.isNaN(sum) && Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
        throw new InvalidInputException(loss + ": labels row " + (batch.firstRow() + row) + " sums to "
            + format(sum) + "; a one-hot (probability) row must sum to 1", Input.LABELS, datasetRow(batch, row), -1);
      }
    }
  }

  private static void checkWeights(String loss, Batch batch, boolean positiveTotal) {
    if (!batch.hasWeights()) {
      return;
    }
    double total = 0;
    for (int row = 0; row < batch.rows(); row++) {
      double w = batch.weight(row);
      if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
        throw new InvalidInputException(loss + ": weights row " + (batch.firstRow() + row) + " is " + format(w)
            + "; expected a finite weight >= 0", Input.WEIGHTS, datasetRow(batch, row), 0);
      }
      total += w;
    }
    if (total == 0 && positiveTotal) {
      throw new InvalidInputException(loss + ": weights are all 0; at least one row needs a positive weight");
    }
  }

  /** {@code row} of the batch, numbered as in its dataset ({@link Batch#firstRow}). */
  private static InvalidInputException outside(String loss, Batch batch, Input input, int row, int column,
      double value, String expected, String hint) {
    String what = Double.isNaN(value) ? "NaN" : format(value);
    String nanHint = Double.isNaN(value) ? "; data must be finite (or choose a NaN policy)" : hint;
    return new InvalidInputException(loss + ": " + input.id() + " row " + (batch.firstRow() + row) + ", column "
        + column + " is " + what + "; expected " + expected + nanHint, input, datasetRow(batch, row), column);
  }

  /** The row for {@link InvalidInputException#row()}: its dataset row, or {@code Integer.MAX_VALUE} beyond that. */
  private static int datasetRow(Batch batch, int row) {
    return (int) Math.min(Integer.MAX_VALUE, batch.firstRow() + row);
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
