package org.losslab.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.losslab.regression.Reference.assertAgreesWith;
import static org.losslab.regression.Reference.assertRelative;
import static org.losslab.regression.Reference.loss;
import static org.losslab.regression.Reference.uniform;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.api.Batch;
import org.losslab.api.InvalidParameterException;
import org.losslab.api.LossFunction;
import org.losslab.testkit.DerivativeChecker;

class SmoothL1Tests {

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.5, 1.0, 3.0})
  void agreesWithPyTorchsFormula(double beta) {
    // torch.nn.SmoothL1Loss documentation: 0.5·x²/beta if |x| < beta, |x| − 0.5·beta otherwise;
    // "when beta is set to 0, this is equivalent to L1Loss".
    double[] p = uniform(51, 1000, -4, 4);
    double[] y = uniform(52, 1000, -4, 4);
    double[] w = uniform(53, 1000, 0, 3);
    assertAgreesWith("smooth_l1", Map.of("beta", beta), (pi, yi) -> {
      double x = Math.abs(pi - yi);
      return beta == 0 ? x : x < beta ? 0.5 * x * x / beta : x - 0.5 * beta;
    }, p, y, w);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 0.5, 1.0, 2.0, 7.0})
  void isHuberDividedByBeta(double beta) {
    double[] p = uniform(61, 500, -4, 4);
    double[] y = uniform(62, 500, -4, 4);
    Batch batch = Batch.of(p, y);
    LossFunction smooth = loss("smooth_l1", Map.of("beta", beta, "reduction", "none"));
    LossFunction huber = loss("huber", Map.of("delta", beta, "reduction", "none"));
    assertRelative(smooth.values(batch), divide(huber.values(batch), beta), 1e-14);
    assertRelative(smooth.firstDerivatives(batch), divide(huber.firstDerivatives(batch), beta), 1e-14);
    // The second derivatives differ only at |r| = β exactly, which random data does not hit.
    assertRelative(smooth.secondDerivatives(batch), divide(huber.secondDerivatives(batch), beta), 1e-14);
  }

  @Test
  void isExactlyL1AtBetaZero() {
    double[] p = uniform(71, 300, -4, 4);
    double[] y = uniform(72, 300, -4, 4);
    for (int i = 0; i < p.length; i += 10) {
      y[i] = p[i]; // the kink, where both must give derivative 0 and no 0/0
    }
    Batch batch = Batch.of(p, y);
    LossFunction smooth = loss("smooth_l1", Map.of("beta", 0, "reduction", "none"));
    LossFunction l1 = loss("l1", Map.of("reduction", "none"));
    assertThat(smooth.values(batch)).containsExactly(l1.values(batch));
    assertThat(smooth.firstDerivatives(batch)).containsExactly(l1.firstDerivatives(batch));
    assertThat(smooth.secondDerivatives(batch)).containsExactly(l1.secondDerivatives(batch));
    assertThat(smooth.firstDerivatives(batch)[0]).isZero();
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.25, 1.0, 4.0})
  void derivativesMatchFiniteDifferences(double beta) {
    DerivativeChecker.standard().checkRandom(loss("smooth_l1", Map.of("beta", beta)), 81, 40, 2);
    DerivativeChecker.standard().checkRandom(loss("smooth_l1", Map.of("beta", beta, "reduction", "sum")), 82, 40, 2);
  }

  @Test
  void rejectsANegativeBeta() {
    assertThatThrownBy(() -> loss("smooth_l1", Map.of("beta", -0.5)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("smooth_l1: beta (-0.5) must be >= 0");
    assertThatThrownBy(() -> new SmoothL1(Double.NaN))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("smooth_l1: beta (NaN) must be >= 0");
  }

  @Test
  void defaultsToBetaOneAndReadsWell() {
    assertThat(loss("smooth_l1", Map.of()).parameters().number("beta")).isEqualTo(1.0);
    assertThat(new SmoothL1(0.5)).hasToString("SmoothL1(beta=0.5)");
  }

  private static double[] divide(double[] values, double by) {
    double[] result = values.clone();
    for (int i = 0; i < result.length; i++) {
      result[i] /= by;
    }
    return result;
  }
}
