package org.losslab.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.losslab.regression.Reference.assertAgreesWith;
import static org.losslab.regression.Reference.loss;
import static org.losslab.regression.Reference.uniform;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslab.api.Batch;
import org.losslab.api.LossFunction;
import org.losslab.testkit.DerivativeChecker;

class MeanBiasErrorTests {

  @Test
  void reproducesTheTutorial() {
    // The tutorial's "Mean Bias Error" section prints "MBE: 0.0": the errors 2, 0, −2 cancel.
    double value = loss("mbe", Map.of()).value(Batch.of(new float[] {3, 2, 1}, new float[] {1, 2, 3}));
    assertThat(value).isCloseTo(0.0, within(1e-6));
  }

  @Test
  void isPositiveWhenPredictionsRunHigh() {
    // The tutorial's code: np.mean(pred - label).
    double value = loss("mbe", Map.of()).value(Batch.of(new double[] {3, 2, 1}, new double[] {1, 1, 1}));
    assertThat(value).isEqualTo(1.0);
  }

  @Test
  void agreesWithTheTextbookFormula() {
    // Labels shifted by −0.5 so that the mean is well away from 0 and a relative bound means something.
    double[] p = uniform(101, 1000, -10, 10);
    double[] y = uniform(102, 1000, -10.5, 9.5);
    double[] w = uniform(103, 1000, 0, 3);
    assertAgreesWith("mbe", Map.of(), (pi, yi) -> pi - yi, p, y, w);
  }

  @Test
  void derivativesAreConstant() {
    LossFunction mbe = loss("mbe", Map.of());
    Batch batch = Batch.of(uniform(104, 50, -10, 10), uniform(105, 50, -10, 10));
    assertThat(mbe.firstDerivatives(batch)).containsOnly(1.0);
    assertThat(mbe.secondDerivatives(batch)).containsOnly(0.0);
    DerivativeChecker.standard().checkRandom(mbe, 106, 40, 2);
    DerivativeChecker.standard().checkRandom(loss("mbe", Map.of("reduction", "sum")), 107, 40, 2);
  }

  @Test
  void readsWell() {
    assertThat(new MeanBiasError()).hasToString("MeanBiasError()");
  }
}
