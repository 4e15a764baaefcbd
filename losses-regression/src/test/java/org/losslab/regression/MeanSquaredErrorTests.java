package org.losslab.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.losslab.regression.Reference.assertAgreesWith;
import static org.losslab.regression.Reference.assertRelative;
import static org.losslab.regression.Reference.loss;
import static org.losslab.regression.Reference.uniform;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslab.api.Batch;
import org.losslab.api.LossFunction;
import org.losslab.testkit.DerivativeChecker;

class MeanSquaredErrorTests {

  @Test
  void agreesWithTheTextbookFormula() {
    // The textbook MSE, (1/N)·Σ(p − y)², with no ½.
    double[] p = uniform(1, 1000, -10, 10);
    double[] y = uniform(2, 1000, -10, 10);
    double[] w = uniform(3, 1000, 0, 3);
    assertAgreesWith("mse", Map.of(), (pi, yi) -> Math.pow(pi - yi, 2), p, y, w);
  }

  @Test
  void averagesOverEveryOutputAndTheTotalWeight() {
    // Two rows of three outputs, row weights 1 and 3: mean = Σ_i w_i Σ_j (p_ij − y_ij)² / (3·(1 + 3)).
    double[] p = {1, 2, 3, 4, 5, 6};
    double[] y = {0, 0, 0, 0, 0, 0};
    Batch batch = Batch.ofRows(p, 3, y, 3).withWeights(new double[] {1, 3});
    double expected = (1 * (1 + 4 + 9) + 3 * (16 + 25 + 36)) / 12.0;
    assertRelative(loss("mse", Map.of()).value(batch), expected, 1e-15);
  }

  @Test
  void derivativesAreTheTextbookForms() {
    double[] p = uniform(4, 200, -10, 10);
    double[] y = uniform(5, 200, -10, 10);
    LossFunction mse = loss("mse", Map.of());
    double[] first = mse.firstDerivatives(Batch.of(p, y));
    for (int i = 0; i < p.length; i++) {
      assertThat(first[i]).isEqualTo(2 * (p[i] - y[i]));
    }
    assertThat(mse.secondDerivatives(Batch.of(p, y))).containsOnly(2.0);
    DerivativeChecker.standard().checkRandom(mse, 6, 40, 2);
    DerivativeChecker.standard().checkRandom(loss("mse", Map.of("reduction", "sum")), 7, 40, 2);
  }

  @Test
  void readsWell() {
    assertThat(new MeanSquaredError()).hasToString("MeanSquaredError()");
  }
}
