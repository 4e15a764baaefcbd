package org.losslab.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.losslab.classification.Fixtures.loss;
import static org.losslab.classification.Fixtures.relative;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.api.Batch;
import org.losslab.api.LossFunction;
import org.losslab.testkit.DerivativeChecker;
import org.losslab.testkit.RandomInputs;

class WeightedCrossEntropyTests {
  private static final int N = 200;

  @Test
  void reproducesTheTutorialsPrintedOutput() {
    // The tutorial's wce_loss (np.log2, logits * (1 - 1e-05), float32 data, weight 1) prints 0.10134452.
    LossFunction loss = loss("weighted_cross_entropy", "weight", 1, "log_base", 2, "epsilon_mode", "scale",
        "epsilon", 1e-5);

    double value = loss.value(Batch.of(new float[] {0.9f, 0.1f, 1f}, new float[] {1, 0, 1}));

    assertThat(value).isCloseTo(0.10134452, relative(0.10134452, 1e-6));
  }

  @ParameterizedTest(name = "{0}, log base {1}, epsilon {2}, weight {3}")
  @CsvSource({
      "clip,  e, 1e-7, 1.0, 1",
      "scale, 2, 1e-5, 2.0, 2",
      "clip,  2, 0.2,  0.1, 3",
      "scale, e, 0.3,  7.5, 4",
  })
  void matchesTheTextbookFormula(String mode, String base, double epsilon, double weight, long seed) {
    double[] p = Fixtures.uniform(seed, N, 0, 1);
    double[] y = Fixtures.binaryLabels(seed + 100, N);
    LossFunction loss = loss("weighted_cross_entropy", "epsilon_mode", mode, "log_base", base, "epsilon", epsilon,
        "weight", weight);

    // Reference: the tutorial's formula −[w y log q + (1 − y) log(1 − q)], natural log divided by ln(base).
    double sum = 0;
    for (int i = 0; i < N; i++) {
      double q = mode.equals("clip") ? Math.min(Math.max(p[i], epsilon), 1 - epsilon) : p[i] * (1 - epsilon);
      sum -= (weight * y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q)) / (base.equals("2") ? Math.log(2) : 1);
    }

    assertThat(loss.value(Batch.of(p, y))).isCloseTo(sum / N, relative(sum / N, 1e-12));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"", "weight=4.0 epsilon_mode=scale", "weight=0.3 from_logits=true log_base=2"})
  void derivativesMatchFiniteDifferences(String configuration) {
    LossFunction loss = Fixtures.REGISTRY.create("weighted_cross_entropy", Fixtures.configuration(configuration));

    DerivativeChecker.standard().checkRandom(loss, 51, 40, 2);
    DerivativeChecker.standard().check(loss,
        RandomInputs.batch(loss.domains(), 52, 40, 2).withWeights(RandomInputs.weights(53, 40)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"", "epsilon_mode=scale epsilon=1e-5 log_base=2", "from_logits=true"})
  void withWeightOneItIsBinaryCrossEntropy(String configuration) {
    LossFunction weighted = Fixtures.REGISTRY.create("weighted_cross_entropy", Fixtures.configuration(configuration));
    LossFunction binary = Fixtures.REGISTRY.create("binary_cross_entropy", Fixtures.configuration(configuration));
    Batch batch = RandomInputs.batch(binary.domains(), 54, 50, 2);

    assertThat(weighted.values(batch)).containsExactly(binary.values(batch));
    assertThat(weighted.firstDerivatives(batch)).containsExactly(binary.firstDerivatives(batch));
    assertThat(weighted.secondDerivatives(batch)).containsExactly(binary.secondDerivatives(batch));
  }

  @Test
  void readsWell() {
    assertThat(WeightedCrossEntropy.from(loss("weighted_cross_entropy", "weight", 2).parameters()))
        .hasToString("WeightedCrossEntropy(weight=2.0)");
  }
}
