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

class LogCoshTests {
  private static final double LOG_2 = 0.6931471805599453; // ln 2 to double precision, from tables

  @Test
  void reproducesTheTutorialWhichSums() {
    // The tutorial's "log-cosh" section returns np.sum(np.log(np.cosh(pred - true))): "Log-Cosh: 3.6343312".
    LossFunction logCosh = loss("log_cosh", Map.of("reduction", "sum"));
    double value = logCosh.value(Batch.of(new float[] {4, 2, 1}, new float[] {1, 2, 3}));
    assertRelative(value, 3.6343312, 1e-6);
  }

  @Test
  void agreesWithTheNaiveFormulaForModerateErrors() {
    // log(cosh(r)) as the tutorial writes it; cosh neither overflows nor rounds to 1 for 10⁻³ < |r| < 8.
    double[] p = uniform(111, 1000, -4, 4);
    double[] y = uniform(112, 1000, -4, 4);
    double[] w = uniform(113, 1000, 0, 3);
    assertAgreesWith("log_cosh", Map.of(), (pi, yi) -> Math.log(Math.cosh(pi - yi)), p, y, w);
  }

  @Test
  void derivativesAreTanhAndSechSquared() {
    // Written independently: tanh r = sinh r / cosh r and sech² r = 1 / cosh² r, fine for moderate r.
    double[] p = uniform(114, 500, -4, 4);
    double[] y = uniform(115, 500, -4, 4);
    LossFunction logCosh = loss("log_cosh", Map.of());
    double[] first = logCosh.firstDerivatives(Batch.of(p, y));
    double[] second = logCosh.secondDerivatives(Batch.of(p, y));
    for (int i = 0; i < p.length; i++) {
      double r = p[i] - y[i];
      assertRelative(first[i], Math.sinh(r) / Math.cosh(r), 1e-13);
      assertRelative(second[i], 1 / (Math.cosh(r) * Math.cosh(r)), 1e-13);
    }
  }

  @Test
  void derivativesMatchFiniteDifferences() {
    DerivativeChecker.standard().checkRandom(loss("log_cosh", Map.of()), 116, 40, 2);
    DerivativeChecker.standard().checkRandom(loss("log_cosh", Map.of("reduction", "sum")), 117, 40, 2);
    // Errors up to ±40, where sech² is tiny and 1 − tanh² would be 0.
    double[] p = uniform(118, 60, -20, 20);
    double[] y = uniform(119, 60, -20, 20);
    DerivativeChecker.standard().check(loss("log_cosh", Map.of()), Batch.of(p, y));
  }

  @ParameterizedTest
  @ValueSource(doubles = {1e-3, -1e-3, 1e-5, 1e-8, -1e-8, 1e-12, 1e-150})
  void isHalfTheSquareForTinyErrors(double r) {
    // Taylor series log cosh r = r²/2 − r⁴/12 + r⁶/45 − …; the next term is below 10⁻²⁰ relative here.
    double expected = r * r / 2 - Math.pow(r, 4) / 12 + Math.pow(r, 6) / 45;
    double value = loss("log_cosh", Map.of()).value(Batch.of(new double[] {r}, new double[] {0}));
    assertRelative(value, expected, 1e-12);
  }

  @ParameterizedTest
  @ValueSource(doubles = {20, -20, 50, 700, -711, 1e4, 1e300})
  void isTheAbsoluteErrorLessLog2ForLargeErrors(double r) {
    // log cosh r = |r| − log 2 + log(1 + e^(−2|r|)); the last term is below 10⁻¹⁷ here.
    double value = loss("log_cosh", Map.of()).value(Batch.of(new double[] {0}, new double[] {-r}));
    assertRelative(value, Math.abs(r) - LOG_2, 1e-15);
  }

  @Test
  void staysFiniteWhereTheNaiveFormulaOverflows() {
    assertThat(Math.log(Math.cosh(1e4))).as("the tutorial's np.log(np.cosh(r)) at r = 1e4").isInfinite();
    LossFunction logCosh = loss("log_cosh", Map.of());
    Batch batch = Batch.of(new double[] {1e4, -1e4, 0}, new double[] {0, 0, 1e4});
    assertThat(logCosh.values(batch)).containsExactly(1e4 - LOG_2, 1e4 - LOG_2, 1e4 - LOG_2);
    assertThat(logCosh.firstDerivatives(batch)).containsExactly(1.0, -1.0, -1.0);
    for (double d2 : logCosh.secondDerivatives(batch)) {
      assertThat(d2).isFinite().isNotNegative();
    }
  }

  @Test
  void staysFiniteForHugeInputs() {
    // r = p − y itself overflows only when p and y near ±1.8e308 have opposite signs; that case is not tested.
    LossFunction logCosh = loss("log_cosh", Map.of());
    Batch batch = Batch.of(new double[] {1e300, -1e300, 1e300}, new double[] {0, 1e300, -1e300});
    for (double value : logCosh.values(batch)) {
      assertThat(value).isFinite().isPositive();
    }
    assertThat(logCosh.firstDerivatives(batch)).containsExactly(1.0, -1.0, 1.0);
    assertThat(logCosh.secondDerivatives(batch)).containsOnly(0.0);
  }

  @Test
  void isZeroAndFlatAtZero() {
    LossFunction logCosh = loss("log_cosh", Map.of());
    Batch batch = Batch.of(new double[] {1.25}, new double[] {1.25});
    assertThat(logCosh.values(batch)).containsExactly(0.0);
    assertThat(logCosh.firstDerivatives(batch)).containsExactly(0.0);
    assertThat(logCosh.secondDerivatives(batch)).containsExactly(1.0);
  }

  @Test
  void isContinuousWhereItsEvaluationSwitchesForm() {
    // The value switches formulas at |r| = 1; both sides must agree with log(cosh(1)) = 0.4337808304830271.
    LossFunction logCosh = loss("log_cosh", Map.of("reduction", "none"));
    double[] values = logCosh.values(Batch.of(new double[] {1, Math.nextUp(1.0), Math.nextDown(1.0)},
        new double[] {0, 0, 0}));
    assertRelative(values, new double[] {0.4337808304830271, 0.4337808304830271, 0.4337808304830271}, 1e-15);
  }

  @Test
  void readsWell() {
    assertThat(new LogCosh()).hasToString("LogCosh()");
  }
}
