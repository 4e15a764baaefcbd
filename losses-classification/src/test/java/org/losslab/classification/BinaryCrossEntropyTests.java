package org.losslab.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.losslab.classification.Fixtures.loss;
import static org.losslab.classification.Fixtures.relative;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.api.Batch;
import org.losslab.api.InvalidInputException;
import org.losslab.api.LossFunction;
import org.losslab.testkit.DerivativeChecker;
import org.losslab.testkit.RandomInputs;

class BinaryCrossEntropyTests {
  private static final int N = 200;

  @Test
  void reproducesTheTutorialsBalancedCrossEntropyCode() {
    // The tutorial's balanced_ce_loss multiplies both terms by (1 − β): with β = 0.5 that is positive weight
    // β(1 − β) = 0.25 and negative weight 1 − β = 0.5. Its printed output (float32): 0.03800292.
    LossFunction loss = loss("binary_cross_entropy", "positive_weight", 0.25, "negative_weight", 0.5,
        "log_base", 2, "epsilon_mode", "scale", "epsilon", 1e-5);

    double value = loss.value(Batch.of(new float[] {0.9f, 0.1f, 1f}, new float[] {1, 0, 1}));

    assertThat(value).isCloseTo(0.03800292, relative(0.03800292, 1e-6));
  }

  @ParameterizedTest(name = "{0}, log base {1}, epsilon {2}, weights {3}/{4}")
  @CsvSource({
      "clip,  e, 1e-7, 1.0, 1.0, 1",
      "scale, e, 1e-5, 1.0, 1.0, 2",
      "clip,  2, 0.05, 2.5, 0.5, 3",
      "scale, 2, 0.1,  0.3, 4.0, 4",
      "clip,  e, 0.0,  0.0, 1.5, 5",
  })
  void matchesTheTextbookFormula(String mode, String base, double epsilon, double positive, double negative,
      long seed) {
    double[] p = Fixtures.uniform(seed, N, 0, 1);
    double[] y = Fixtures.binaryLabels(seed + 100, N);
    LossFunction loss = loss("binary_cross_entropy", "epsilon_mode", mode, "log_base", base, "epsilon", epsilon,
        "positive_weight", positive, "negative_weight", negative);

    // Reference: −[w₊ y ln q + w₋ (1 − y) ln(1 − q)] / ln(base), written out naively.
    double[] expected = new double[N];
    for (int i = 0; i < N; i++) {
      double q = mode.equals("clip") ? Math.min(Math.max(p[i], epsilon), 1 - epsilon) : p[i] * (1 - epsilon);
      double positiveTerm = y[i] == 1 ? positive * Math.log(q) : 0;
      double negativeTerm = y[i] == 0 ? negative * Math.log(1 - q) : 0;
      expected[i] = -(positiveTerm + negativeTerm) / (base.equals("2") ? Math.log(2) : 1);
    }

    assertThat(loss.value(Batch.of(p, y))).isCloseTo(Fixtures.mean(expected), relative(Fixtures.mean(expected), 1e-12));
  }

  @ParameterizedTest(name = "log base {0}")
  @CsvSource({"e, 11", "2, 12"})
  void fromLogitsMatchesTheTextbookFormulaOnTheSigmoid(String base, long seed) {
    double[] x = Fixtures.uniform(seed, N, -6, 6);
    double[] y = Fixtures.binaryLabels(seed + 100, N);
    LossFunction loss = loss("binary_cross_entropy", "from_logits", true, "log_base", base,
        "positive_weight", 1.7, "negative_weight", 0.6);

    // Reference: the textbook loss of σ(x) = 1/(1 + e^−x), no epsilon (as BCEWithLogits).
    double sum = 0;
    for (int i = 0; i < N; i++) {
      double q = Fixtures.sigmoid(x[i]);
      sum -= (1.7 * y[i] * Math.log(q) + 0.6 * (1 - y[i]) * Math.log(1 - q)) / (base.equals("2") ? Math.log(2) : 1);
    }

    assertThat(loss.value(Batch.of(x, y))).isCloseTo(sum / N, relative(sum / N, 1e-12));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "epsilon_mode=clip",
      "epsilon_mode=scale epsilon=1e-3",
      "epsilon_mode=clip epsilon=0.05",
      "from_logits=true",
      "log_base=2 positive_weight=3.0 negative_weight=0.25",
      "from_logits=true log_base=2 positive_weight=0.5",
  })
  void derivativesMatchFiniteDifferences(String configuration) {
    LossFunction loss = Fixtures.REGISTRY.create("binary_cross_entropy", Fixtures.configuration(configuration));

    DerivativeChecker.standard().checkRandom(loss, 31, 40, 2);
    DerivativeChecker.standard().check(loss,
        RandomInputs.batch(loss.domains(), 32, 40, 2).withWeights(RandomInputs.weights(33, 40)));
  }

  @Test
  void fromLogitsEqualsTheProbabilityLossOnTheSigmoidAwayFromSaturation() {
    double[] x = Fixtures.uniform(41, N, -10, 10);
    double[] y = Fixtures.binaryLabels(42, N);
    double[] p = new double[N];
    for (int i = 0; i < N; i++) {
      p[i] = Fixtures.sigmoid(x[i]);
    }

    double[] fromLogits = loss("binary_cross_entropy", "from_logits", true, "reduction", "none").values(Batch.of(x, y));
    double[] fromProbabilities = loss("binary_cross_entropy", "epsilon", 0.0, "reduction", "none").values(Batch.of(p, y));

    for (int i = 0; i < N; i++) {
      assertThat(fromLogits[i]).isCloseTo(fromProbabilities[i], relative(fromProbabilities[i], 1e-9));
    }
  }

  @Test
  void largeLogitsGiveTheirExactValueWhereTheNaiveFormulaOverflows() {
    // The naive route, log(σ(−1000)), is log(0) = −∞.
    assertThat(Math.log(Fixtures.sigmoid(-1e3))).isInfinite();
    LossFunction loss = loss("binary_cross_entropy", "from_logits", true, "reduction", "none");
    Batch batch = Batch.of(new double[] {-1e3, 1e3, 1e3, -1e3}, new double[] {1, 1, 0, 0});

    assertThat(loss.values(batch)).containsExactly(1000, 0, 1000, 0);
    assertThat(loss.firstDerivatives(batch)).containsExactly(-1, 0, 1, 0);
    assertThat(loss.secondDerivatives(batch)).containsExactly(0, 0, 0, 0);
  }

  @Test
  void infiniteLogitsHaveTheirExactLimitsAndNeverNaN() {
    LossFunction loss = loss("binary_cross_entropy", "from_logits", true, "reduction", "none");
    double inf = Double.POSITIVE_INFINITY;
    Batch agree = Batch.of(new double[] {inf, -inf}, new double[] {1, 0});
    Batch disagree = Batch.of(new double[] {-inf, inf}, new double[] {1, 0});

    assertThat(loss.values(agree)).containsExactly(0, 0);
    // Predicting the wrong class with certainty costs +∞: the exact limit of softplus(x) as x → ∞, not an error.
    assertThat(loss.values(disagree)).containsExactly(inf, inf);
    // PyTorch and TensorFlow give NaN at x = −∞, y = 0 (0·∞); the limits are finite.
    assertThat(loss.firstDerivatives(agree)).containsExactly(0, 0);
    assertThat(loss.firstDerivatives(disagree)).containsExactly(-1, 1);
    assertThat(loss.secondDerivatives(agree)).containsExactly(0, 0);
    assertThat(loss.secondDerivatives(disagree)).containsExactly(0, 0);
  }

  @Test
  void smallLossesKeepTheirDigits() {
    // Reference: −ln(1 − p) = p + p²/2 + … for p = 1e-10, and its derivative 1/(1 − p); log(1 − p) in double
    // would lose 7 digits to the rounding of 1 − p.
    LossFunction probabilities = loss("binary_cross_entropy", "epsilon", 0.0, "reduction", "none");
    Batch batch = Batch.of(new double[] {1e-10}, new double[] {0});

    assertThat(probabilities.values(batch)[0]).isCloseTo(1e-10 + 5e-21, relative(1e-10, 1e-15));
    assertThat(probabilities.firstDerivatives(batch)[0]).isCloseTo(1 + 1e-10, relative(1, 1e-15));

    // Reference: from logit 40 with y = 1, dℓ/dx = −σ(−40) = −e^−40 / (1 + e^−40), d²ℓ/dx² = σ(40)σ(−40);
    // σ(40) − 1 in double would be 0.
    LossFunction logits = loss("binary_cross_entropy", "from_logits", true, "reduction", "none");
    Batch confident = Batch.of(new double[] {40}, new double[] {1});
    double tail = Math.exp(-40) / (1 + Math.exp(-40));

    assertThat(logits.values(confident)[0]).isCloseTo(tail, relative(tail, 1e-14));
    assertThat(logits.firstDerivatives(confident)[0]).isCloseTo(-tail, relative(tail, 1e-14));
    assertThat(logits.secondDerivatives(confident)[0]).isCloseTo(tail, relative(tail, 1e-14));
  }

  @Test
  void aClassWithWeightZeroCostsNothingEvenAtLogOfZero() {
    LossFunction loss = loss("binary_cross_entropy", "positive_weight", 0, "epsilon", 0.0, "reduction", "none");
    Batch batch = Batch.of(new double[] {0, 0.25}, new double[] {1, 0});

    assertThat(loss.values(batch)).containsExactly(0, -Math.log(0.75));
    assertThat(loss.firstDerivatives(batch)[0]).isZero();
    assertThat(loss.secondDerivatives(batch)[0]).isZero();
  }

  @Test
  void aProbabilityAboveOneIsRejectedWithTheRowTheValueAndTheLogitsHint() {
    LossFunction loss = loss("binary_cross_entropy");

    assertThatThrownBy(() -> loss.value(Batch.of(new double[] {0.5, 1.2}, new double[] {1, 0})))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("binary_cross_entropy")
        .hasMessageContaining("row 1")
        .hasMessageContaining("1.2")
        .hasMessageContaining("a probability in [0, 1]")
        .hasMessageContaining("set from_logits: true");
  }

  @Test
  void aLabelOfOneHalfIsRejected() {
    LossFunction loss = loss("binary_cross_entropy");

    assertThatThrownBy(() -> loss.value(Batch.of(new double[] {0.5, 0.5, 0.5}, new double[] {1, 0, 0.5})))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("binary_cross_entropy: labels row 2, column 0 is 0.5; expected 0 or 1");
  }

  @Test
  void readsWell() {
    assertThat(BinaryCrossEntropy.from(loss("binary_cross_entropy").parameters()))
        .hasToString("BinaryCrossEntropy(positive_weight=1.0, negative_weight=1.0)");
    assertThat(BinaryCrossEntropy.from(loss("binary_cross_entropy", "from_logits", true, "log_base", 2).parameters()))
        .hasToString("BinaryCrossEntropy(positive_weight=1.0, negative_weight=1.0, from_logits=true, log_base=2)");
  }
}
