package org.losslab.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.losslab.api.Batch;
import org.losslab.api.LossFunction;
import org.losslab.api.Reduction;

/**
 * Compares a loss's analytic derivatives with central finite differences:
 * <ul>
 *   <li>{@link LossFunction#firstDerivatives} against (ℓ(p+h) − ℓ(p−h)) / 2h of the loss's own values;
 *   <li>{@link LossFunction#secondDerivatives} against the same difference of the first derivatives;
 *   <li>{@link LossFunction#gradient} against the difference of the reduced value (for {@code mean} and {@code sum}).
 * </ul>
 * A derivative passes when |analytic − numeric| ≤ {@code absolute} + {@code relative}·max(|analytic|, |numeric|).
 * Inputs within h of a kink (L1 at p = y, hinge at y·p = 1) fail honestly: keep test points away from kinks.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DerivativeChecker {
  private final double step;
  private final double relative;
  private final double absolute;

  private DerivativeChecker(double step, double relative, double absolute) {
    this.step = step;
    this.relative = relative;
    this.absolute = absolute;
  }

  /** Step 10⁻⁶·max(1, |p|), tolerances 10⁻⁵ relative and 10⁻⁶ absolute. */
  public static DerivativeChecker standard() {
    return new DerivativeChecker(1e-6, 1e-5, 1e-6);
  }

  /** A checker with another relative step and tolerances. */
  public DerivativeChecker with(double step, double relative, double absolute) {
    return new DerivativeChecker(step, relative, absolute);
  }

  /** The mismatches found on this (double-precision, row-major) batch; empty when every derivative agrees. */
  public List<String> mismatches(LossFunction loss, Batch batch) {
    List<String> mismatches = new ArrayList<>();
    double[] predictions = copyPredictions(batch);
    int columns = batch.predictionColumns();
    double[] labels = copyLabels(batch);
    int labelColumns = batch.labelColumns();
    double[] weights = new double[batch.rows()];
    for (int row = 0; row < weights.length; row++) {
      weights[row] = batch.weight(row);
    }
    boolean rowwise = loss.values(batch).length == batch.rows() && columns > 1;
    double[] first = loss.firstDerivatives(batch);
    double[] second = loss.secondDerivatives(batch);
    double[] gradient = loss.reduction() == Reduction.NONE ? null : loss.gradient(batch);
    for (int i = 0; i < predictions.length; i++) {
      double saved = predictions[i];
      double h = step * Math.max(1.0, Math.abs(saved));
      predictions[i] = saved + h;
      Batch up = rebuild(predictions, columns, labels, labelColumns, batch, null);
      double valueUp = elementValue(loss, up, i, rowwise, columns);
      double firstUp = loss.firstDerivatives(up)[i];
      double reducedUp = gradient == null ? 0 : loss.value(rebuild(predictions, columns, labels, labelColumns, batch, weights));
      predictions[i] = saved - h;
      Batch down = rebuild(predictions, columns, labels, labelColumns, batch, null);
      double valueDown = elementValue(loss, down, i, rowwise, columns);
      double firstDown = loss.firstDerivatives(down)[i];
      double reducedDown = gradient == null ? 0 : loss.value(rebuild(predictions, columns, labels, labelColumns, batch, weights));
      predictions[i] = saved;
      compare(mismatches, "first derivative", i, columns, saved, first[i], (valueUp - valueDown) / (2 * h));
      compare(mismatches, "second derivative", i, columns, saved, second[i], (firstUp - firstDown) / (2 * h));
      if (gradient != null) {
        compare(mismatches, "gradient of the " + loss.reduction() + " reduction", i, columns, saved, gradient[i],
            (reducedUp - reducedDown) / (2 * h));
      }
    }
    return mismatches;
  }

  /** Throws an {@link AssertionError} listing the mismatches, if any. */
  public void check(LossFunction loss, Batch batch) {
    List<String> mismatches = mismatches(loss, batch);
    if (!mismatches.isEmpty()) {
      throw new AssertionError(loss + ": " + mismatches.size() + " derivative mismatch(es):\n  "
          + String.join("\n  ", mismatches.subList(0, Math.min(10, mismatches.size()))));
    }
  }

  /** Checks {@code rows} random rows inside the loss's declared domains. */
  public void checkRandom(LossFunction loss, long seed, int rows, int columns) {
    check(loss, RandomInputs.batch(loss.domains(), seed, rows, columns));
  }

  private void compare(List<String> mismatches, String what, int index, int columns, double at, double analytic,
      double numeric) {
    double allowed = absolute + relative * Math.max(Math.abs(analytic), Math.abs(numeric));
    if (!(Math.abs(analytic - numeric) <= allowed)) {
      mismatches.add(what + " at row " + index / columns + ", column " + index % columns + " (p = " + at
          + "): analytic " + analytic + ", finite difference " + numeric);
    }
  }

  private static double elementValue(LossFunction loss, Batch batch, int index, boolean rowwise, int columns) {
    return loss.values(batch)[rowwise ? index / columns : index];
  }

  /** The batch with perturbed predictions; unweighted when {@code weights} is null (element values are ℓ, not w·ℓ). */
  private static Batch rebuild(double[] predictions, int columns, double[] labels, int labelColumns, Batch original,
      double @Nullable [] weights) {
    Batch batch = Batch.ofRows(predictions, columns, labels, labelColumns).withNanPolicy(original.nanPolicy());
    return original.hasWeights() && weights != null ? batch.withWeights(weights) : batch;
  }

  private static double[] copyPredictions(Batch batch) {
    double[] copy = new double[batch.rows() * batch.predictionColumns()];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = batch.prediction(i);
    }
    return copy;
  }

  private static double[] copyLabels(Batch batch) {
    double[] copy = new double[batch.labelRows() * batch.labelColumns()];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = batch.label(i);
    }
    return copy;
  }
}
