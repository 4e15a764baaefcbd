package org.losslab.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.losslab.classification.Fixtures.loss;
import static org.losslab.classification.Fixtures.relative;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.api.Batch;
import org.losslab.api.LossFunction;
import org.losslab.testkit.DerivativeChecker;

class SquaredHingeTests {
  private static final int N = 200;

  @Test
  void matchesTheTextbookFormula() {
    double[] p = Fixtures.uniform(91, N, -3, 3);
    double[] y = Fixtures.signLabels(92, N);

    // Reference: the L2-SVM loss, mean of max(0, 1 − y·p)².
    double sum = 0;
    for (int i = 0; i < N; i++) {
      double hinge = Math.max(0, 1 - y[i] * p[i]);
      sum += hinge * hinge;
    }

    assertThat(loss("squared_hinge").value(Batch.of(p, y))).isCloseTo(sum / N, relative(sum / N, 1e-12));
  }

  @Test
  void reproducesTheTutorialsDataSquared() {
    // On the tutorial's hinge data the margins are 0.1, 1.1 and 0: squared and averaged, (0.01 + 1.21) / 3.
    double value = loss("squared_hinge").value(Batch.of(new double[] {0.9, 0.1, 1}, new double[] {1, -1, 1}));

    assertThat(value).isCloseTo(1.22 / 3, relative(1.22 / 3, 1e-12));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sign", "zero_one"})
  void derivativesMatchFiniteDifferences(String encoding) {
    DerivativeChecker.standard().checkRandom(loss("squared_hinge", "label_encoding", encoding), 93, 50, 2);
  }

  @Test
  void derivativesAreOneSidedAtTheKink() {
    LossFunction loss = loss("squared_hinge");
    Batch batch = Batch.of(new double[] {1, -1, 0.5, 0.5}, new double[] {1, -1, 1, -1});

    assertThat(loss.values(batch)).containsExactly(0, 0, 0.25, 2.25);
    assertThat(loss.firstDerivatives(batch)).containsExactly(0, 0, -1, 3);
    assertThat(loss.secondDerivatives(batch)).containsExactly(0, 0, 2, 2);
  }

  @Test
  void zeroOneLabelsAreTheSignLabelsTwoYMinusOne() {
    double[] p = Fixtures.uniform(94, N, -3, 3);
    double[] zeroOne = Fixtures.binaryLabels(95, N);
    double[] sign = new double[N];
    for (int i = 0; i < N; i++) {
      sign[i] = 2 * zeroOne[i] - 1;
    }
    LossFunction byZeroOne = loss("squared_hinge", "label_encoding", "zero_one", "reduction", "none");
    LossFunction bySign = loss("squared_hinge", "reduction", "none");

    assertThat(byZeroOne.values(Batch.of(p, zeroOne))).containsExactly(bySign.values(Batch.of(p, sign)));
    assertThat(byZeroOne.firstDerivatives(Batch.of(p, zeroOne))).containsExactly(bySign.firstDerivatives(Batch.of(p, sign)));
    assertThat(byZeroOne.secondDerivatives(Batch.of(p, zeroOne))).containsExactly(bySign.secondDerivatives(Batch.of(p, sign)));
  }

  @Test
  void readsWell() {
    assertThat(SquaredHinge.from(loss("squared_hinge").parameters())).hasToString("SquaredHinge(label_encoding=sign)");
  }
}
