package org.losslab.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.losslab.regression.Reference.assertAgreesWith;
import static org.losslab.regression.Reference.assertRelative;
import static org.losslab.regression.Reference.loss;
import static org.losslab.regression.Reference.uniform;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.api.Batch;
import org.losslab.api.LossFunction;
import org.losslab.testkit.DerivativeChecker;

class MeanAbsoluteErrorTests {

  @ParameterizedTest
  @ValueSource(strings = {"l1", "mae"})
  void reproducesTheTutorial(String id) {
    // The tutorial's "Mean Absolute Error (L1 Loss)" section prints "L1 Loss: 1.3333334" (float32 of 4/3).
    double value = loss(id, Map.of()).value(Batch.of(new float[] {1, 2, 3}, new float[] {1, 3, 6}));
    assertRelative(value, 1.3333334, 1e-6);
  }

  @Test
  void agreesWithTheTextbookFormula() {
    double[] p = uniform(91, 1000, -10, 10);
    double[] y = uniform(92, 1000, -10, 10);
    double[] w = uniform(93, 1000, 0, 3);
    assertAgreesWith("l1", Map.of(), (pi, yi) -> pi > yi ? pi - yi : yi - pi, p, y, w);
  }

  @Test
  void derivativeIsTheSignAndZeroAtTheKink() {
    // PyTorch's abs backward gives sign(x), 0 at x = 0; the second derivative is 0 almost everywhere.
    LossFunction l1 = loss("l1", Map.of());
    Batch batch = Batch.of(new double[] {3, -2, 1.5, 0}, new double[] {1, 2, 1.5, 0});
    assertThat(l1.firstDerivatives(batch)).containsExactly(1.0, -1.0, 0.0, 0.0);
    assertThat(l1.secondDerivatives(batch)).containsExactly(0.0, 0.0, 0.0, 0.0);
  }

  @Test
  void derivativesMatchFiniteDifferences() {
    DerivativeChecker.standard().checkRandom(loss("l1", Map.of()), 94, 40, 2);
    DerivativeChecker.standard().checkRandom(loss("mae", Map.of("reduction", "sum")), 95, 40, 2);
  }

  @Test
  void readsWell() {
    assertThat(new MeanAbsoluteError()).hasToString("MeanAbsoluteError()");
    assertThat(loss("mae", Map.of()).name()).isEqualTo("l1");
  }
}
