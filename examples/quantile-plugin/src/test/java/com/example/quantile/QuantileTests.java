package com.example.quantile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.api.Batch;
import org.losslab.api.InvalidParameterException;
import org.losslab.api.LossFunction;

class QuantileTests {
  private static final QuantileProvider PROVIDER = new QuantileProvider();

  /** The pinball loss as Koenker and Bassett split it: τ on under-prediction, 1 − τ on over-prediction. */
  private static double reference(double tau, double p, double y) {
    return tau * Math.max(y - p, 0) + (1 - tau) * Math.max(p - y, 0);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.01, 0.1, 0.25, 0.5, 0.9, 0.99})
  void valuesMatchTheFormulaOnRandomInputs(double tau) {
    SplittableRandom random = new SplittableRandom(Double.doubleToLongBits(tau));
    double[] predictions = random.doubles(200, -10, 10).toArray();
    double[] labels = random.doubles(200, -10, 10).toArray();
    LossFunction loss = PROVIDER.create(Map.of("tau", tau, "reduction", "none"));
    double[] values = loss.values(Batch.of(predictions, labels));
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      double expected = reference(tau, predictions[i], labels[i]);
      assertThat(values[i]).as("row %d", i).isCloseTo(expected, within(1e-15 * Math.max(1, expected)));
      sum += expected;
    }
    double mean = PROVIDER.create(Map.of("tau", tau)).value(Batch.of(predictions, labels));
    assertThat(mean).isCloseTo(sum / values.length, within(1e-13));
  }

  @Test
  void valuesOfTheExperimentsDataByHand() {
    // examples/plugins.yaml: y − p = 0.5, −1, 1, 4; at τ = 0.9 the terms are 0.45, 0.1, 0.9, 3.6, mean 1.2625.
    Batch batch = Batch.of(new double[] {1, 2, 3, 4}, new double[] {1.5, 1, 4, 8});
    assertThat(PROVIDER.create(Map.of("tau", 0.9)).value(batch)).isCloseTo(1.2625, within(1e-15));
    // τ = 0.5 is half the mean absolute error: (0.5 + 1 + 1 + 4) / 4 / 2.
    assertThat(PROVIDER.create(Map.of()).value(batch)).isCloseTo(0.8125, within(1e-15));
  }

  @Test
  void derivativesAreTheSlopesAndZeroAtTheKink() {
    Quantile loss = new Quantile(0.9);
    assertThat(loss.derivative(1, 2)).isEqualTo(-0.9);
    assertThat(loss.derivative(3, 2)).isCloseTo(0.1, within(1e-16));
    assertThat(loss.derivative(2, 2)).isZero();
    assertThat(loss.secondDerivative(1, 2)).isZero();
    assertThat(loss.secondDerivative(2, 2)).isZero();
  }

  @Test
  void rejectsATauOutsideTheOpenUnitInterval() {
    assertThatThrownBy(() -> PROVIDER.create(Map.of("tau", 1.0)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("quantile: tau (1.0) must be in (0, 1)");
    assertThatThrownBy(() -> PROVIDER.create(Map.of("tau", 0)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("quantile: tau (0) must be in (0, 1)");
    assertThatThrownBy(() -> new Quantile(1.0))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("quantile: tau (1.0) must be in (0, 1)");
  }

  @Test
  void readsAsItsFormula() {
    assertThat(new Quantile(0.9)).hasToString("Quantile(tau=0.9)");
    assertThat(PROVIDER.create(Map.of("tau", 0.9))).hasToString("quantile(tau=0.9, reduction=mean)");
  }
}
