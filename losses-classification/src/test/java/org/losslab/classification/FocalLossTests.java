package org.losslab.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.losslab.classification.Fixtures.loss;
import static org.losslab.classification.Fixtures.relative;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.api.Batch;
import org.losslab.api.InvalidParameterException;
import org.losslab.api.LossFunction;
import org.losslab.testkit.DerivativeChecker;
import org.losslab.testkit.RandomInputs;

class FocalLossTests {
  private static final int N = 200;

  @Test
  void reproducesTheTutorialsPrintedOutput() {
    // The tutorial's focal_loss (α = 0.25, γ = 2, np.log2, logits * (1 - 1e-05), float32) prints 0.0005067004.
    LossFunction loss = loss("focal", "alpha", 0.25, "gamma", 2, "log_base", 2, "epsilon_mode", "scale",
        "epsilon", 1e-5);

    double value = loss.value(Batch.of(new float[] {0.9f, 0.1f, 1f}, new float[] {1, 0, 1}));

    assertThat(value).isCloseTo(0.0005067004, relative(0.0005067004, 1e-6));
  }

  @ParameterizedTest(name = "{0}, log base {1}, epsilon {2}, alpha {3}, gamma {4}")
  @CsvSource({
      "clip,  e, 1e-7, 0.25, 2.0, 1",
      "clip,  e, 1e-7, 0.25, 0.0, 2",
      "scale, 2, 1e-5, 0.6,  0.5, 3",
      "clip,  2, 0.05, 0.9,  1.0, 4",
      "scale, e, 0.1,  0.0,  3.7, 5",
      "clip,  e, 0.0,  1.0,  0.3, 6",
  })
  void matchesTheTextbookFormula(String mode, String base, double epsilon, double alpha, double gamma, long seed) {
    double[] p = Fixtures.uniform(seed, N, 0, 1);
    double[] y = Fixtures.binaryLabels(seed + 100, N);
    LossFunction loss = loss("focal", "epsilon_mode", mode, "log_base", base, "epsilon", epsilon, "alpha", alpha,
        "gamma", gamma);

    // Reference: Lin et al. (2017), −[α (1 − q)^γ y log q + (1 − α) q^γ (1 − y) log(1 − q)], natural log divided
    // by ln(base).
    double sum = 0;
    for (int i = 0; i < N; i++) {
      double q = mode.equals("clip") ? Math.min(Math.max(p[i], epsilon), 1 - epsilon) : p[i] * (1 - epsilon);
      double positive = y[i] == 1 ? alpha * Math.pow(1 - q, gamma) * Math.log(q) : 0;
      double negative = y[i] == 0 ? (1 - alpha) * Math.pow(q, gamma) * Math.log(1 - q) : 0;
      sum -= (positive + negative) / (base.equals("2") ? Math.log(2) : 1);
    }

    assertThat(loss.value(Batch.of(p, y))).isCloseTo(sum / N, relative(sum / N, 1e-12));
  }

  @ParameterizedTest(name = "gamma {0}, log base {1}")
  @CsvSource({"2.0, e, 11", "0.5, 2, 12", "0.0, e, 13", "4.0, 2, 14"})
  void fromLogitsMatchesTheTextbookFormulaOnTheSigmoid(double gamma, String base, long seed) {
    double[] x = Fixtures.uniform(seed, N, -6, 6);
    double[] y = Fixtures.binaryLabels(seed + 100, N);
    LossFunction loss = loss("focal", "from_logits", true, "log_base", base, "alpha", 0.3, "gamma", gamma);

    double sum = 0;
    for (int i = 0; i < N; i++) {
      double q = Fixtures.sigmoid(x[i]);
      sum -= (0.3 * Math.pow(1 - q, gamma) * y[i] * Math.log(q) + 0.7 * Math.pow(q, gamma) * (1 - y[i]) * Math.log(1 - q))
          / (base.equals("2") ? Math.log(2) : 1);
    }

    assertThat(loss.value(Batch.of(x, y))).isCloseTo(sum / N, relative(sum / N, 1e-12));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "",
      "gamma=0",
      "gamma=0.5",
      "gamma=1",
      "gamma=5 alpha=0.8",
      "gamma=0.5 epsilon_mode=scale epsilon=1e-3",
      "gamma=0.5 epsilon=0.05",
      "gamma=0.3 log_base=2 alpha=1",
      "from_logits=true",
      "from_logits=true gamma=0",
      "from_logits=true gamma=0.5",
      "from_logits=true gamma=1 log_base=2",
      "from_logits=true gamma=3.5 alpha=0.9",
  })
  void derivativesMatchFiniteDifferences(String configuration) {
    LossFunction loss = Fixtures.REGISTRY.create("focal", Fixtures.configuration(configuration));

    DerivativeChecker.standard().checkRandom(loss, 71, 40, 2);
    DerivativeChecker.standard().check(loss,
        RandomInputs.batch(loss.domains(), 72, 40, 2).withWeights(RandomInputs.weights(73, 40)));
  }

  @ParameterizedTest(name = "gamma {0}")
  @ValueSource(doubles = {0, 0.5, 2})
  void derivativesMatchFiniteDifferencesOnWideLogits(double gamma) {
    LossFunction loss = loss("focal", "from_logits", true, "gamma", gamma);
    double[] x = Fixtures.uniform(74, 100, -30, 30);

    DerivativeChecker.standard().check(loss, Batch.of(x, Fixtures.binaryLabels(75, 100)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"", "epsilon_mode=scale epsilon=1e-5 log_base=2", "from_logits=true", "epsilon=0.2"})
  void withGammaZeroItIsBalancedCrossEntropy(String configuration) {
    Map<String, Object> focal = Fixtures.configuration(configuration + " gamma=0 alpha=0.35");
    Map<String, Object> balanced = Fixtures.configuration(configuration + " beta=0.35");
    LossFunction focalLoss = Fixtures.REGISTRY.create("focal", focal);
    LossFunction balancedLoss = Fixtures.REGISTRY.create("balanced_cross_entropy", balanced);
    Batch batch = RandomInputs.batch(focalLoss.domains(), 76, 50, 2);

    assertThat(focalLoss.values(batch)).containsExactly(balancedLoss.values(batch));
    assertThat(focalLoss.firstDerivatives(batch)).containsExactly(balancedLoss.firstDerivatives(batch));
    assertThat(focalLoss.secondDerivatives(batch)).containsExactly(balancedLoss.secondDerivatives(batch));
  }

  @ParameterizedTest(name = "gamma {0}")
  @ValueSource(doubles = {0, 0.5, 2})
  void fromLogitsIsTheProbabilityLossComposedWithTheSigmoid(double gamma) {
    double[] x = Fixtures.uniform(77, N, -8, 8);
    double[] y = Fixtures.binaryLabels(78, N);
    double[] p = new double[N];
    for (int i = 0; i < N; i++) {
      p[i] = Fixtures.sigmoid(x[i]);
    }
    LossFunction logits = loss("focal", "from_logits", true, "gamma", gamma, "reduction", "none");
    LossFunction probabilities = loss("focal", "epsilon", 0.0, "gamma", gamma, "reduction", "none");
    double[] value = probabilities.values(Batch.of(p, y));
    double[] first = probabilities.firstDerivatives(Batch.of(p, y));
    double[] second = probabilities.secondDerivatives(Batch.of(p, y));

    double[] logitValue = logits.values(Batch.of(x, y));
    double[] logitFirst = logits.firstDerivatives(Batch.of(x, y));
    double[] logitSecond = logits.secondDerivatives(Batch.of(x, y));

    for (int i = 0; i < N; i++) {
      // The chain rule through p = σ(x): σ' = σ(1 − σ), σ'' = σ'(1 − 2σ).
      double slope = p[i] * (1 - p[i]);
      double curvature = slope * (1 - 2 * p[i]);
      double chainFirst = first[i] * slope;
      double chainSecond = second[i] * slope * slope + first[i] * curvature;
      assertThat(logitValue[i]).isCloseTo(value[i], relative(value[i], 1e-9));
      assertThat(logitFirst[i]).isCloseTo(chainFirst, within(1e-12 + 1e-8 * Math.abs(chainFirst)));
      assertThat(logitSecond[i]).isCloseTo(chainSecond, within(1e-10 + 1e-7 * Math.abs(chainSecond)));
    }
  }

  @ParameterizedTest(name = "gamma {0}")
  @ValueSource(doubles = {0, 0.5, 2})
  void certainProbabilitiesStayFiniteUnderTheDefaultClip(double gamma) {
    LossFunction loss = loss("focal", "gamma", gamma, "reduction", "none");
    Batch batch = Batch.of(new double[] {0, 1, 0, 1}, new double[] {0, 0, 1, 1});

    Fixtures.assertFinite(loss.values(batch));
    Fixtures.assertFinite(loss.firstDerivatives(batch));
    Fixtures.assertFinite(loss.secondDerivatives(batch));
  }

  @ParameterizedTest(name = "gamma {0}")
  @ValueSource(doubles = {0, 0.5, 2})
  void aCertainOneStaysFiniteWhenScaled(double gamma) {
    // Scaling (the tutorial's p·(1 − ε)) keeps q below 1 but not above 0: p = 0 costs +∞ for class 1, and for
    // class 0 it is a perfect prediction (s̄ = 0), where f'' is +∞ for 0 < γ < 1 (see aPerfectPrediction…).
    LossFunction loss = loss("focal", "gamma", gamma, "epsilon_mode", "scale", "reduction", "none");
    Batch batch = Batch.of(new double[] {1, 1}, new double[] {0, 1});

    Fixtures.assertFinite(loss.values(batch));
    Fixtures.assertFinite(loss.firstDerivatives(batch));
    Fixtures.assertFinite(loss.secondDerivatives(batch));
  }

  @ParameterizedTest(name = "gamma {0}: second derivative {1}")
  @CsvSource({"0.0, 0.25", "0.5, Infinity", "1.0, 0.5", "2.0, 0.0"})
  void aPerfectPredictionWithoutEpsilonHasTheExactLimits(double gamma, double second) {
    // At s̄ = 0: f'' → c γ(γ+1) s̄^(γ−1) + c s̄^γ / s², with c = α = 0.25 for y = 1 (0.25 at γ = 0, 2c at γ = 1).
    LossFunction loss = loss("focal", "gamma", gamma, "epsilon", 0.0, "reduction", "none");
    Batch perfect = Batch.of(new double[] {1, 0}, new double[] {1, 0});

    assertThat(loss.values(perfect)).containsExactly(0, 0);
    assertThat(loss.firstDerivatives(perfect)[0]).isCloseTo(gamma == 0 ? -0.25 : 0, within(0.0));
    assertThat(loss.secondDerivatives(perfect)[0]).isEqualTo(second);
    assertThat(loss.secondDerivatives(perfect)[1]).isEqualTo(second * 3);
  }

  @Test
  void aCertainWrongPredictionWithoutEpsilonHasTheExactInfiniteLimits() {
    LossFunction loss = loss("focal", "gamma", 0.5, "epsilon", 0.0, "reduction", "none");
    Batch wrong = Batch.of(new double[] {0, 1}, new double[] {1, 0});

    assertThat(loss.values(wrong)).containsExactly(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    assertThat(loss.firstDerivatives(wrong)).containsExactly(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    assertThat(loss.secondDerivatives(wrong)).containsExactly(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  @ParameterizedTest(name = "gamma {0}")
  @ValueSource(doubles = {0, 0.5, 2})
  void saturatedLogitsGiveFiniteDerivatives(double gamma) {
    LossFunction loss = loss("focal", "from_logits", true, "gamma", gamma, "reduction", "none");
    double inf = Double.POSITIVE_INFINITY;
    double[] x = {inf, -inf, 1e3, -1e3, inf, -inf, 1e3, -1e3};
    double[] y = {1, 1, 1, 1, 0, 0, 0, 0};
    Batch batch = Batch.of(x, y);

    // Agreeing labels cost 0; disagreeing ones c·softplus(1000) = c·1000 (c = α = 0.25 or 1 − α = 0.75), +∞ at ∞.
    assertThat(loss.values(batch)).containsExactly(0, inf, 0, 250, inf, 0, 750, 0);
    Fixtures.assertFinite(loss.firstDerivatives(batch));
    Fixtures.assertFinite(loss.secondDerivatives(batch));
    assertThat(loss.firstDerivatives(batch)).containsExactly(0, -0.25, 0, -0.25, 0.75, 0, 0.75, 0);
  }

  @Test
  void negativeGammaIsRejected() {
    assertThatThrownBy(() -> loss("focal", "gamma", -1))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("focal: gamma (-1) must be >= 0");
  }

  @Test
  void readsWell() {
    assertThat(FocalLoss.from(loss("focal").parameters())).hasToString("FocalLoss(alpha=0.25, gamma=2.0)");
  }
}
