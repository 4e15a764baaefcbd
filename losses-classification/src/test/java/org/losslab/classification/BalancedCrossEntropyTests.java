package org.losslab.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.losslab.classification.Fixtures.loss;
import static org.losslab.classification.Fixtures.relative;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.api.Batch;
import org.losslab.api.InvalidParameterException;
import org.losslab.api.LossFunction;
import org.losslab.testkit.DerivativeChecker;
import org.losslab.testkit.RandomInputs;

class BalancedCrossEntropyTests {
  private static final int N = 200;

  @Test
  void followsTheTutorialsFormulaNotItsCode() {
    LossFunction loss = loss("balanced_cross_entropy", "beta", 0.5, "log_base", 2, "epsilon_mode", "scale",
        "epsilon", 1e-5);
    float[] predictions = {0.9f, 0.1f, 1f};
    float[] labels = {1, 0, 1};

    // Reference: the tutorial's formula −[β y log₂ q + (1 − β)(1 − y) log₂(1 − q)], q = p·(1 − 1e-5), evaluated
    // here in double on the same float32 data.
    double beta = 0.5;
    double sum = 0;
    for (int i = 0; i < 3; i++) {
      double q = predictions[i] * (1 - 1e-5);
      sum -= (beta * labels[i] * Math.log(q) + (1 - beta) * (1 - labels[i]) * Math.log(1 - q)) / Math.log(2);
    }
    double formula = sum / 3;

    double value = loss.value(Batch.of(predictions, labels));

    assertThat(value).isCloseTo(formula, relative(formula, 1e-12));
    // The tutorial's printed 0.03800292 comes from code that multiplies both terms by (1 − β): a different loss
    // (see BinaryCrossEntropyTests for how to reproduce it).
    assertThat(value).isNotCloseTo(0.03800292, within(1e-3));
  }

  @ParameterizedTest(name = "{0}, log base {1}, epsilon {2}, beta {3}")
  @CsvSource({
      "clip,  e, 1e-7, 0.5,  1",
      "scale, 2, 1e-5, 0.8,  2",
      "clip,  2, 0.01, 0.0,  3",
      "scale, e, 0.2,  1.0,  4",
  })
  void matchesTheTextbookFormula(String mode, String base, double epsilon, double beta, long seed) {
    double[] p = Fixtures.uniform(seed, N, 0, 1);
    double[] y = Fixtures.binaryLabels(seed + 100, N);
    LossFunction loss = loss("balanced_cross_entropy", "epsilon_mode", mode, "log_base", base, "epsilon", epsilon,
        "beta", beta);

    // Reference: −[β y log q + (1 − β)(1 − y) log(1 − q)], natural log divided by ln(base).
    double sum = 0;
    for (int i = 0; i < N; i++) {
      double q = mode.equals("clip") ? Math.min(Math.max(p[i], epsilon), 1 - epsilon) : p[i] * (1 - epsilon);
      sum -= (beta * y[i] * Math.log(q) + (1 - beta) * (1 - y[i]) * Math.log(1 - q))
          / (base.equals("2") ? Math.log(2) : 1);
    }

    assertThat(loss.value(Batch.of(p, y))).isCloseTo(sum / N, relative(sum / N, 1e-12));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"", "beta=0.9 epsilon_mode=scale log_base=2", "beta=0.2 from_logits=true"})
  void derivativesMatchFiniteDifferences(String configuration) {
    LossFunction loss = Fixtures.REGISTRY.create("balanced_cross_entropy", Fixtures.configuration(configuration));

    DerivativeChecker.standard().checkRandom(loss, 61, 40, 2);
    DerivativeChecker.standard().check(loss,
        RandomInputs.batch(loss.domains(), 62, 40, 2).withWeights(RandomInputs.weights(63, 40)));
  }

  @Test
  void betaAboveOneIsRejected() {
    assertThatThrownBy(() -> loss("balanced_cross_entropy", "beta", 1.5))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("balanced_cross_entropy: beta (1.5) must be ")
        .hasMessageEndingWith("[0, 1]");
  }

  @Test
  void readsWell() {
    assertThat(BalancedCrossEntropy.from(loss("balanced_cross_entropy", "epsilon_mode", "scale").parameters()))
        .hasToString("BalancedCrossEntropy(beta=0.5, epsilon_mode=scale)");
  }
}
