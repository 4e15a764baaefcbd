package org.losslab.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.jspecify.annotations.Nullable;
import org.losslab.api.Batch;
import org.losslab.api.LossFunction;
import org.losslab.api.LossRegistry;

/**
 * What the tests compare against, computed apart from the code under test: random data from fixed seeds, and the
 * reductions of a per-element formula written out in the test, summed exactly in {@link BigDecimal} (not with the
 * api's compensated sum) and rounded once.
 */
final class Reference {
  /** Every loss the tests use comes through the public discovery path, as a user's would. */
  static final LossRegistry REGISTRY = LossRegistry.load();

  private Reference() {}

  /** The loss {@code id} configured with {@code parameters}, from the registry. */
  static LossFunction loss(String id, Map<String, ?> parameters) {
    return REGISTRY.create(id, parameters);
  }

  /** {@code n} doubles uniform in [low, high). */
  static double[] uniform(long seed, int n, double low, double high) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextDouble(low, high);
    }
    return values;
  }

  /** Σ ℓ(p_i, y_i) / n. */
  static double mean(DoubleBinaryOperator formula, double[] predictions, double[] labels) {
    return exactSum(formula, predictions, labels, null)
        .divide(BigDecimal.valueOf(predictions.length), MathContext.DECIMAL128).doubleValue();
  }

  /** Σ ℓ(p_i, y_i). */
  static double sum(DoubleBinaryOperator formula, double[] predictions, double[] labels) {
    return exactSum(formula, predictions, labels, null).doubleValue();
  }

  /** Σ w_i·ℓ(p_i, y_i) / Σ w_i: the weighted mean divides by the total weight, not by n. */
  static double weightedMean(DoubleBinaryOperator formula, double[] predictions, double[] labels, double[] weights) {
    BigDecimal totalWeight = BigDecimal.ZERO;
    for (double w : weights) {
      totalWeight = totalWeight.add(new BigDecimal(w));
    }
    return exactSum(formula, predictions, labels, weights).divide(totalWeight, MathContext.DECIMAL128).doubleValue();
  }

  /** Σ w_i·ℓ(p_i, y_i). */
  static double weightedSum(DoubleBinaryOperator formula, double[] predictions, double[] labels, double[] weights) {
    return exactSum(formula, predictions, labels, weights).doubleValue();
  }

  private static BigDecimal exactSum(DoubleBinaryOperator formula, double[] predictions, double[] labels,
      double @Nullable [] weights) {
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < predictions.length; i++) {
      BigDecimal term = new BigDecimal(formula.applyAsDouble(predictions[i], labels[i]));
      sum = sum.add(weights == null ? term : term.multiply(new BigDecimal(weights[i])));
    }
    return sum;
  }

  /**
   * Checks the loss {@code id} against {@code formula} on the given data under every reduction that gives one
   * number, with and without weights, each to a relative 10⁻¹².
   */
  static void assertAgreesWith(String id, Map<String, ?> parameters, DoubleBinaryOperator formula,
      double[] predictions, double[] labels, double[] weights) {
    Batch batch = Batch.of(predictions, labels);
    Batch weighted = batch.withWeights(weights);
    LossFunction mean = loss(id, with(parameters, "mean"));
    LossFunction sum = loss(id, with(parameters, "sum"));
    assertRelative(mean.value(batch), mean(formula, predictions, labels), 1e-12);
    assertRelative(sum.value(batch), sum(formula, predictions, labels), 1e-12);
    assertRelative(mean.value(weighted), weightedMean(formula, predictions, labels, weights), 1e-12);
    assertRelative(sum.value(weighted), weightedSum(formula, predictions, labels, weights), 1e-12);
  }

  private static Map<String, Object> with(Map<String, ?> parameters, String reduction) {
    Map<String, Object> all = new HashMap<>(parameters);
    all.put("reduction", reduction);
    return all;
  }

  /** |actual − expected| ≤ relative·|expected|. */
  static void assertRelative(double actual, double expected, double relative) {
    assertThat(actual).isCloseTo(expected, within(relative * Math.abs(expected)));
  }

  /** Element by element, |actual − expected| ≤ relative·|expected|. */
  static void assertRelative(double[] actual, double[] expected, double relative) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(relative * Math.abs(expected[i])));
    }
  }
}
