package org.losslab.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.losslab.classification.Fixtures.loss;
import static org.losslab.classification.Fixtures.relative;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.api.Batch;
import org.losslab.api.InvalidInputException;
import org.losslab.api.LabelDomain;
import org.losslab.api.LossFunction;
import org.losslab.testkit.DerivativeChecker;

class HingeTests {
  private static final int N = 200;

  @Test
  void reproducesTheTutorialsPrintedOutput() {
    // The tutorial's hinge_loss on float32 [0.9, 0.1, 1] against [1, −1, 1] prints 0.4.
    double value = loss("hinge").value(Batch.of(new float[] {0.9f, 0.1f, 1f}, new float[] {1, -1, 1}));

    assertThat(value).isCloseTo(0.4, relative(0.4, 1e-6));
  }

  @Test
  void matchesTheTextbookFormula() {
    double[] p = Fixtures.uniform(81, N, -3, 3);
    double[] y = Fixtures.signLabels(82, N);

    // Reference: the tutorial's formula, mean of max(0, 1 − y·p).
    double sum = 0;
    for (int i = 0; i < N; i++) {
      sum += Math.max(0, 1 - y[i] * p[i]);
    }

    assertThat(loss("hinge").value(Batch.of(p, y))).isCloseTo(sum / N, relative(sum / N, 1e-12));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sign", "zero_one"})
  void derivativesMatchFiniteDifferencesAwayFromTheKink(String encoding) {
    // Random margins in [−3, 3] land within a finite-difference step of y·p = 1 with negligible probability.
    DerivativeChecker.standard().checkRandom(loss("hinge", "label_encoding", encoding), 83, 50, 2);
  }

  @Test
  void theKinkHasTheSubgradientZero() {
    LossFunction loss = loss("hinge");
    Batch kinks = Batch.of(new double[] {1, -1}, new double[] {1, -1});

    assertThat(loss.values(kinks)).containsExactly(0, 0);
    assertThat(loss.firstDerivatives(kinks)).containsExactly(0, 0);
    assertThat(loss.secondDerivatives(kinks)).containsExactly(0, 0);
    assertThat(loss.firstDerivatives(Batch.of(new double[] {0.5, 0.5}, new double[] {1, -1}))).containsExactly(-1, 1);
  }

  @Test
  void zeroOneLabelsAreTheSignLabelsTwoYMinusOne() {
    double[] p = Fixtures.uniform(84, N, -3, 3);
    double[] zeroOne = Fixtures.binaryLabels(85, N);
    double[] sign = new double[N];
    for (int i = 0; i < N; i++) {
      sign[i] = 2 * zeroOne[i] - 1;
    }
    LossFunction byZeroOne = loss("hinge", "label_encoding", "zero_one", "reduction", "none");
    LossFunction bySign = loss("hinge", "reduction", "none");

    assertThat(byZeroOne.domains().labels()).isEqualTo(LabelDomain.BINARY);
    assertThat(byZeroOne.values(Batch.of(p, zeroOne))).containsExactly(bySign.values(Batch.of(p, sign)));
    assertThat(byZeroOne.firstDerivatives(Batch.of(p, zeroOne))).containsExactly(bySign.firstDerivatives(Batch.of(p, sign)));
  }

  @Test
  void aZeroLabelPointsToTheZeroOneEncoding() {
    assertThatThrownBy(() -> loss("hinge").value(Batch.of(new double[] {0.5, 0.5}, new double[] {1, 0})))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("hinge: labels row 1, column 0 is 0.0; expected -1 or +1 (for {0,1} labels set label_encoding: zero_one)");
  }

  @Test
  void zeroOneEncodingRejectsMinusOne() {
    LossFunction loss = loss("hinge", "label_encoding", "zero_one");

    assertThatThrownBy(() -> loss.value(Batch.of(new double[] {0.5}, new double[] {-1})))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected 0 or 1");
  }

  @Test
  void readsWell() {
    assertThat(Hinge.from(loss("hinge", "label_encoding", "zero_one").parameters()))
        .hasToString("Hinge(label_encoding=zero_one)");
  }
}
