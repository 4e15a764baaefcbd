package org.losslab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The framework around element-wise and row-wise losses: reductions, weights, gradients. The losses are written
 * here, in the test; expected numbers are worked out by hand (squared error) or with Python's {@code math}
 * module (log-sum-exp, softmax), independently of losslab.
 */
class LossFunctionTests {
  /** Squared error with exact derivatives: ℓ = (p − y)², ℓ' = 2(p − y), ℓ'' = 2. */
  private static final ElementLoss SQUARED =
      ElementLoss.of((p, y) -> (p - y) * (p - y), (p, y) -> 2 * (p - y), (p, y) -> 2);

  /** Predictions [[1, 2], [3, 5]] against labels [[0, 0], [1, 1]]: squared errors [[1, 4], [4, 16]]. */
  private static Batch twoByTwo() {
    return Batch.of(new double[][] {{1, 2}, {3, 5}}, new double[][] {{0, 0}, {1, 1}});
  }

  private static LossFunction squared(String reduction) {
    return LossFunction.elementwise("sq", Parameters.validate("sq", List.of(), Map.of("reduction", reduction)),
        Domains.REGRESSION, SQUARED);
  }

  @Test
  void describesItself() {
    LossFunction loss = squared("sum");

    assertThat(loss.name()).isEqualTo("sq");
    assertThat(loss.reduction()).isEqualTo(Reduction.SUM);
    assertThat(loss.domains()).isEqualTo(Domains.REGRESSION);
    assertThat(loss.parameters().asMap()).containsExactly(Map.entry("reduction", "sum"));
    assertThat(loss).hasToString("sq(reduction=sum)");
  }

  @Test
  void meanDividesBySizeOfTheWholeBatch() {
    // (1 + 4 + 4 + 16) / (2 rows · 2 columns)
    assertThat(squared("mean").value(twoByTwo())).isEqualTo(25.0 / 4);
  }

  @Test
  void sumAddsEveryElement() {
    assertThat(squared("sum").value(twoByTwo())).isEqualTo(25.0);
  }

  @Test
  void weightedMeanDividesByColumnsTimesTotalWeight() {
    Batch batch = twoByTwo().withWeights(new double[] {1, 3});

    // Σ w·ℓ = 1·(1 + 4) + 3·(4 + 16) = 65; M·Σw = 2·4 = 8.
    assertThat(squared("mean").value(batch)).isEqualTo(65.0 / 8);
    assertThat(squared("sum").value(batch)).isEqualTo(65.0);
  }

  @Test
  void aZeroWeightDropsItsRowFromTheMean() {
    Batch batch = twoByTwo().withWeights(new double[] {0, 1});

    assertThat(squared("mean").value(batch)).isEqualTo((4.0 + 16) / 2);
  }

  @Test
  void valuesAreTheWeightedElementsAndSumToTheSumReduction() {
    Batch batch = twoByTwo().withWeights(new double[] {1, 3});

    double[] values = squared("none").values(batch);

    assertThat(values).containsExactly(1, 4, 12, 48);
    assertThat(squared("mean").values(batch)).containsExactly(values);
    assertThat(sum(values)).isEqualTo(squared("sum").value(batch));
    assertThat(squared("none").values(twoByTwo())).containsExactly(1, 4, 4, 16);
  }

  @Test
  void noneHasNoSingleValueAndSaysWhatToDoInstead() {
    LossException e = assertThrows(LossException.class, () -> squared("none").value(twoByTwo()));

    assertThat(e).hasMessage("sq: reduction is none, which gives per-element values, not one; "
        + "call values(batch), or set reduction: mean or sum");
  }

  @Test
  void gradientOfTheWeightedMeanIsTheDerivativeTimesWeightOverTheDivisor() {
    Batch batch = twoByTwo().withWeights(new double[] {1, 3});
    double[] first = squared("mean").firstDerivatives(batch);

    double[] gradient = squared("mean").gradient(batch);

    assertThat(first).containsExactly(2, 4, 4, 8);
    double[] weights = {1, 1, 3, 3};
    for (int i = 0; i < gradient.length; i++) {
      assertThat(gradient[i]).isEqualTo(first[i] * weights[i] / 8);
    }
    assertThat(gradient).containsExactly(0.25, 0.5, 1.5, 3.0);
  }

  @Test
  void gradientOfSumAndNoneIsTheWeightedDerivative() {
    Batch batch = twoByTwo().withWeights(new double[] {1, 3});

    assertThat(squared("sum").gradient(batch)).containsExactly(2, 4, 12, 24);
    assertThat(squared("none").gradient(batch)).containsExactly(2, 4, 12, 24);
    assertThat(squared("mean").gradient(twoByTwo())).containsExactly(0.5, 1, 1, 2);
  }

  @Test
  void gradientMatchesAFiniteDifferenceOfTheReducedValue() {
    double[] predictions = {0.3, -1.2, 2.5, 0.1, 4.0, -0.7};
    double[] labels = {0, 1, 2, 0.5, 3, -1};
    double[] weights = {0.5, 2, 1.5};
    LossFunction loss = squared("mean");

    double[] gradient = loss.gradient(Batch.ofRows(predictions, 2, labels, 2).withWeights(weights));

    double h = 1e-5;
    for (int i = 0; i < predictions.length; i++) {
      double[] up = predictions.clone();
      double[] down = predictions.clone();
      up[i] += h;
      down[i] -= h;
      double numeric = (loss.value(Batch.ofRows(up, 2, labels, 2).withWeights(weights))
          - loss.value(Batch.ofRows(down, 2, labels, 2).withWeights(weights))) / (2 * h);
      assertThat(gradient[i]).as("element %d", i).isCloseTo(numeric, within(1e-8));
    }
  }

  @Test
  void secondDerivativesAreUnweightedAndUnreduced() {
    Batch batch = twoByTwo().withWeights(new double[] {1, 3});

    assertThat(squared("mean").secondDerivatives(batch)).containsExactly(2, 2, 2, 2);
    assertThat(squared("mean").firstDerivatives(batch)).containsExactly(2, 4, 4, 8);
  }

  @Test
  void aLambdaWithOnlyAValueGetsFiniteDifferenceDerivativesCloseToTheExactOnes() {
    // log cosh(p − y): ℓ' = tanh(p − y), ℓ'' = 1 − tanh²(p − y).
    ElementLoss logCosh = (p, y) -> Math.log(Math.cosh(p - y));
    LossFunction loss = LossFunction.elementwise("log_cosh", Parameters.validate("log_cosh", List.of(), Map.of()),
        Domains.REGRESSION, logCosh);
    double[] predictions = {-3, -0.5, 0, 0.25, 1, 2.5, 40};
    double[] labels = {0, 0, 0, 1, -1, 0.5, 38};

    double[] first = loss.firstDerivatives(Batch.of(predictions, labels));
    double[] second = loss.secondDerivatives(Batch.of(predictions, labels));

    for (int i = 0; i < predictions.length; i++) {
      double tanh = Math.tanh(predictions[i] - labels[i]);
      assertThat(first[i]).as("first derivative at %d", i).isCloseTo(tanh, within(1e-6));
      assertThat(second[i]).as("second derivative at %d", i).isCloseTo(1 - tanh * tanh, within(1e-4));
    }
  }

  @Test
  void aFusedKernelReplacesTheElementLoopAndIsStillDividedForTheMean() {
    List<int[]> calls = new ArrayList<>();
    BatchKernel kernel = (batch, fromRow, toRow) -> {
      calls.add(new int[] {fromRow, toRow});
      return 100;
    };
    LossFunction loss = LossFunction.elementwise("sq", Parameters.validate("sq", List.of(), Map.of()),
        Domains.REGRESSION, SQUARED, kernel);

    assertThat(loss.value(twoByTwo())).isEqualTo(100.0 / 4);
    assertThat(calls).containsExactly(new int[] {0, 2});
    // The per-element methods still use the element loss.
    assertThat(loss.values(twoByTwo())).containsExactly(1, 4, 4, 16);
  }

  @Test
  void floatBatchesEvaluateTheFloatValues() {
    Batch batch = Batch.of(new float[] {0.1f, 0.2f}, new float[] {0f, 0f});

    double expected = ((double) 0.1f * 0.1f + (double) 0.2f * 0.2f) / 2;
    assertThat(squared("mean").value(batch)).isEqualTo(expected);
  }

  // --- row-wise -------------------------------------------------------------------------------------------------

  /**
   * Softmax cross-entropy written out for this test: ℓ = logsumexp(p) − Σ y_j p_j, with a class index c standing
   * for the one-hot row e_c; ∂ℓ/∂p_j = softmax(p)_j − y_j. No second derivative: the default differences stand in.
   */
  private static final RowLoss SOFTMAX_CROSS_ENTROPY = new RowLoss() {
    @Override
    public double value(double[] predictions, double[] labels) {
      double[] target = target(labels, predictions.length);
      double dot = 0;
      for (int j = 0; j < predictions.length; j++) {
        dot += target[j] * predictions[j];
      }
      return logSumExp(predictions) - dot;
    }

    @Override
    public void gradient(double[] predictions, double[] labels, double[] out) {
      double[] target = target(labels, predictions.length);
      double lse = logSumExp(predictions);
      for (int j = 0; j < predictions.length; j++) {
        out[j] = Math.exp(predictions[j] - lse) - target[j];
      }
    }
  };

  private static double[] target(double[] labels, int classes) {
    if (labels.length == classes) {
      return labels;
    }
    double[] oneHot = new double[classes];
    oneHot[(int) labels[0]] = 1;
    return oneHot;
  }

  private static double logSumExp(double[] values) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (double v : values) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }

  private static final Domains LOGITS_AGAINST_CLASSES = new Domains(PredictionDomain.LOGIT, LabelDomain.CLASS);

  private static LossFunction crossEntropy(String reduction) {
    return LossFunction.rowwise("ce", Parameters.validate("ce", List.of(), Map.of("reduction", reduction)),
        LOGITS_AGAINST_CLASSES, SOFTMAX_CROSS_ENTROPY);
  }

  private static final double[][] LOGITS = {{1, 2, 3}, {0, 0, 0}};
  // Python: math.log(sum(math.exp(x) for x in (1, 2, 3))) - 3 and math.log(3).
  private static final double ROW_0 = 0.4076059644443806;
  private static final double ROW_1 = 1.0986122886681098;
  // Python: softmax of (1, 2, 3).
  private static final double[] SOFTMAX_123 = {0.09003057317038043, 0.24472847105479759, 0.6652409557748217};

  @Test
  void rowwiseLossWithClassIndexLabels() {
    Batch batch = Batch.of(LOGITS, new double[][] {{2}, {0}});

    assertThat(crossEntropy("mean").value(batch)).isCloseTo((ROW_0 + ROW_1) / 2, within(1e-15));
    assertThat(crossEntropy("sum").value(batch)).isCloseTo(ROW_0 + ROW_1, within(1e-15));
    assertThat(crossEntropy("none").values(batch)).hasSize(2);
    assertThat(crossEntropy("none").values(batch)[0]).isCloseTo(ROW_0, within(1e-15));
    assertThat(crossEntropy("none").values(batch)[1]).isCloseTo(ROW_1, within(1e-15));
  }

  @Test
  void rowwiseLossWithOneHotLabelsGivesTheSameValues() {
    Batch indices = Batch.of(LOGITS, new double[][] {{2}, {0}});
    Batch oneHot = Batch.of(LOGITS, new double[][] {{0, 0, 1}, {1, 0, 0}});

    assertThat(crossEntropy("none").values(oneHot)).containsExactly(crossEntropy("none").values(indices));
    assertThat(crossEntropy("mean").gradient(oneHot)).containsExactly(crossEntropy("mean").gradient(indices));
  }

  @Test
  void rowwiseWeightedMeanDividesByTotalWeightOnly() {
    Batch batch = Batch.of(LOGITS, new double[][] {{2}, {0}}).withWeights(new double[] {1, 3});

    // Python: (ROW_0 + 3 * ROW_1) / 4; no factor M for a row-wise loss.
    assertThat(crossEntropy("mean").value(batch)).isCloseTo(0.9258607076121774, within(1e-15));
    assertThat(crossEntropy("none").values(batch)[1]).isCloseTo(3 * ROW_1, within(1e-15));
  }

  @Test
  void rowwiseGradientIsSoftmaxMinusTargetTimesWeightOverTotalWeight() {
    Batch batch = Batch.of(LOGITS, new double[][] {{2}, {0}}).withWeights(new double[] {1, 3});

    double[] gradient = crossEntropy("mean").gradient(batch);

    double third = 1.0 / 3;
    double[] expected = {
        SOFTMAX_123[0] / 4, SOFTMAX_123[1] / 4, (SOFTMAX_123[2] - 1) / 4,
        3 * (third - 1) / 4, 3 * third / 4, 3 * third / 4};
    assertThat(gradient).hasSize(6);
    for (int i = 0; i < gradient.length; i++) {
      assertThat(gradient[i]).as("element %d", i).isCloseTo(expected[i], within(1e-15));
    }
  }

  @Test
  void rowwiseDefaultSecondDerivativeIsTheSoftmaxVarianceDiagonal() {
    Batch batch = Batch.of(LOGITS, new double[][] {{2}, {0}});

    double[] second = crossEntropy("mean").secondDerivatives(batch);

    // ∂²ℓ/∂p_j² = s_j (1 − s_j).
    for (int j = 0; j < 3; j++) {
      assertThat(second[j]).isCloseTo(SOFTMAX_123[j] * (1 - SOFTMAX_123[j]), within(1e-6));
      assertThat(second[3 + j]).isCloseTo(2.0 / 9, within(1e-6));
    }
  }

  @Test
  void rowwiseLambdaWithOnlyAValueGetsFiniteDifferenceGradients() {
    RowLoss valueOnly = SOFTMAX_CROSS_ENTROPY::value;
    LossFunction loss = LossFunction.rowwise("ce", Parameters.validate("ce", List.of(), Map.of()),
        LOGITS_AGAINST_CLASSES, valueOnly);
    Batch batch = Batch.of(LOGITS, new double[][] {{2}, {0}});

    double[] numeric = loss.firstDerivatives(batch);
    double[] exact = crossEntropy("mean").firstDerivatives(batch);

    for (int i = 0; i < exact.length; i++) {
      assertThat(numeric[i]).as("element %d", i).isCloseTo(exact[i], within(1e-6));
    }
  }

  @Test
  void rowwiseLossHandsEachRowItsOwnLabels() {
    // ℓ = Σ_j (p_j − y_j)² over the row, with real labels: the row-wise sum of the element-wise squared error.
    RowLoss rowSquared = (p, y) -> {
      double s = 0;
      for (int j = 0; j < p.length; j++) {
        s += (p[j] - y[j]) * (p[j] - y[j]);
      }
      return s;
    };
    LossFunction loss = LossFunction.rowwise("row_sq", Parameters.validate("row_sq", List.of(), Map.of()),
        Domains.REGRESSION, rowSquared);

    assertThat(loss.values(twoByTwo())).containsExactly(5, 20);
    assertThat(loss.value(twoByTwo())).isEqualTo(25.0 / 2);
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }
}
