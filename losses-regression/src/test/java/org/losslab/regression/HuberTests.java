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

class HuberTests {

  @Test
  void reproducesTheTutorial() {
    // The tutorial's "Huber loss(Smooth L1 Loss)" section: huber_loss(pred, true, 2) prints "Huber Loss: 2.0".
    LossFunction huber = loss("huber", Map.of("delta", 2));
    double value = huber.value(Batch.of(new float[] {4, 2, 1}, new float[] {1, 2, 3}));
    assertRelative(value, 2.0, 1e-6);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 1.0, 2.5, 10.0})
  void agreesWithTheBranchyTextbookFormula(double delta) {
    // The tutorial's formula, branch for branch: ½(y − p)² if |y − p| ≤ δ, δ|y − p| − ½δ² otherwise.
    double[] p = uniform(11, 1000, -4, 4);
    double[] y = uniform(12, 1000, -4, 4);
    double[] w = uniform(13, 1000, 0, 3);
    assertAgreesWith("huber", Map.of("delta", delta), (pi, yi) -> {
      double r = yi - pi;
      return Math.abs(r) <= delta ? 0.5 * r * r : delta * Math.abs(r) - 0.5 * delta * delta;
    }, p, y, w);
  }

  @Test
  void derivativesAreTheTextbookForms() {
    double delta = 1.5;
    double[] p = uniform(21, 500, -4, 4);
    double[] y = uniform(22, 500, -4, 4);
    LossFunction huber = loss("huber", Map.of("delta", delta));
    double[] first = huber.firstDerivatives(Batch.of(p, y));
    double[] second = huber.secondDerivatives(Batch.of(p, y));
    for (int i = 0; i < p.length; i++) {
      double r = p[i] - y[i];
      assertThat(first[i]).isEqualTo(r > delta ? delta : r < -delta ? -delta : r);
      assertThat(second[i]).isEqualTo(Math.abs(r) <= delta ? 1.0 : 0.0);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.5, 1.0, 2.0, 10.0})
  void derivativesMatchFiniteDifferences(double delta) {
    DerivativeChecker.standard().checkRandom(loss("huber", Map.of("delta", delta)), 31, 40, 2);
    DerivativeChecker.standard().checkRandom(loss("huber", Map.of("delta", delta, "reduction", "sum")), 32, 40, 2);
  }

  @Test
  void isHalfTheSquaredErrorWhenDeltaExceedsEveryError() {
    // With every |r| ≤ δ only the quadratic piece is used: ½r² = mse/2.
    double[] p = uniform(41, 200, -5, 5);
    double[] y = uniform(42, 200, -5, 5);
    Batch batch = Batch.of(p, y);
    double[] huber = loss("huber", Map.of("delta", 1e6, "reduction", "none")).values(batch);
    double[] mse = loss("mse", Map.of("reduction", "none")).values(batch);
    for (int i = 0; i < mse.length; i++) {
      mse[i] /= 2;
    }
    assertRelative(huber, mse, 1e-15);
  }

  @Test
  void bothPiecesMeetAtDelta() {
    // At |r| = δ: ½δ² from the quadratic piece, δ(δ − ½δ) from the linear one.
    LossFunction huber = loss("huber", Map.of("delta", 2.0, "reduction", "none"));
    assertThat(huber.values(Batch.of(new double[] {3, -1}, new double[] {1, 1}))).containsExactly(2.0, 2.0);
    assertThat(huber.firstDerivatives(Batch.of(new double[] {3, -1}, new double[] {1, 1}))).containsExactly(2.0, -2.0);
  }

  @Test
  void rejectsANonPositiveDeltaEchoingTheValueAsGiven() {
    // Parameters prints the raw value the user gave: an Integer -1 as "-1", a Double as "-1.0".
    assertThatThrownBy(() -> loss("huber", Map.of("delta", -1)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("huber: delta (-1) must be > 0");
    assertThatThrownBy(() -> loss("huber", Map.of("delta", -1.0)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("huber: delta (-1.0) must be > 0");
    assertThatThrownBy(() -> loss("huber", Map.of("delta", 0)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("huber: delta (0) must be > 0");
    assertThatThrownBy(() -> new Huber(0.0))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("huber: delta (0.0) must be > 0");
    assertThatThrownBy(() -> new Huber(Double.POSITIVE_INFINITY))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("huber: delta (Infinity) must be > 0");
  }

  @Test
  void suggestsTheParameterAMisspellingMeant() {
    assertThatThrownBy(() -> loss("huber", Map.of("dleta", 2)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("huber: unknown parameter \"dleta\"; did you mean delta? (huber takes delta, reduction)")
        .extracting(e -> ((InvalidParameterException) e).parameter())
        .isEqualTo("dleta");
  }

  @Test
  void rejectsADeltaThatIsNotANumber() {
    assertThatThrownBy(() -> loss("huber", Map.of("delta", "two")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("huber: delta must be a number, got \"two\" (a string)");
    assertThatThrownBy(() -> loss("huber", Map.of("delta", true)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("huber: delta must be a number, got true (a boolean)");
  }

  @Test
  void defaultsToDeltaOneAndReadsWell() {
    LossFunction huber = loss("huber", Map.of());
    assertThat(huber.parameters().number("delta")).isEqualTo(1.0);
    assertThat(huber).hasToString("huber(delta=1.0, reduction=mean)");
    assertThat(new Huber(2)).hasToString("Huber(delta=2.0)");
  }
}
