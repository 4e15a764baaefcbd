package org.losslab.runner.properties;

import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.losslab.api.Batch;
import org.losslab.api.LossFunction;
import org.losslab.runner.properties.Generators.Case;

/**
 * The gradient of the reduced loss is the element-wise derivative scaled as the reduction scales the values
 * ({@code Reduction}, {@code LossFunction#gradient}), over every registered loss.
 */
@Label("Gradients of reduced losses")
class ReducedGradientTests {

  @Provide
  Arbitrary<Case> everyLoss() {
    return Generators.everyLoss();
  }

  /**
   * count is the number of values: N·M for an element-wise loss; for a row-wise one, whose mean divides by N, it is
   * N. Relative tolerance 2⁻⁵⁰: the gradient is the derivative times 1/count, which rounds once, and the test
   * multiplies back, rounding once more.
   */
  @Property(tries = 500)
  @Label("Without weights, the gradient of the mean times the number of values is the first derivative")
  void meanGradientTimesCountIsTheDerivative(@ForAll("everyLoss") Case sample) {
    Batch batch = sample.inputs().withoutWeights().batch();
    LossFunction mean = Losses.with(sample.loss(), Map.of("reduction", "mean"));
    int count = mean.values(batch).length;
    double[] gradient = mean.gradient(batch);
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] *= count;
    }
    Losses.assertCloseRelative(mean + " on " + sample.inputs() + ": " + count + " x gradient", gradient,
        mean.firstDerivatives(batch), 0x1p-50);
  }

  /**
   * With weights w_i, the gradient is w_i·∂ℓ/∂p for {@code sum} and {@code none}, and that divided by Σw times the
   * values per row for {@code mean}. Relative tolerance 2⁻⁵⁰, as above.
   */
  @Property(tries = 500)
  @Label("With weights, the gradient is the first derivative times the row weight, over the weight total for mean")
  void weightedGradientIsTheWeightedDerivative(@ForAll("everyLoss") Case sample) {
    Inputs inputs = sample.inputs();
    Batch batch = inputs.batch();
    LossFunction loss = sample.loss();
    double[] first = loss.firstDerivatives(batch);
    double[] gradient = loss.gradient(batch);
    double totalWeight = 0;
    for (int row = 0; row < inputs.rows(); row++) {
      totalWeight += inputs.weight(row);
    }
    int perRow = loss.values(batch).length / inputs.rows();
    double divisor = switch (loss.reduction()) {
      case MEAN -> totalWeight * perRow;
      case SUM, NONE -> 1;
    };
    double[] expected = new double[first.length];
    for (int i = 0; i < first.length; i++) {
      double weight = inputs.weight(i / inputs.columns());
      expected[i] = first[i] * weight / divisor;
      if (weight == 0 && !Double.isFinite(first[i])) {
        // 0·∞: the api gives NaN, a defect; see FiniteOutputsTests#zeroWeightRowsAddNothingToTheGradient.
        expected[i] = gradient[i] = 0;
      }
    }
    Losses.assertCloseRelative(loss + " on " + inputs + ": gradient", gradient, expected, 0x1p-50);
  }
}
