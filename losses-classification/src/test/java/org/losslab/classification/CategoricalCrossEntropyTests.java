package org.losslab.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.losslab.classification.Fixtures.loss;
import static org.losslab.classification.Fixtures.relative;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.api.Batch;
import org.losslab.api.InvalidInputException;
import org.losslab.api.LossFunction;
import org.losslab.testkit.DerivativeChecker;
import org.losslab.testkit.RandomInputs;

class CategoricalCrossEntropyTests {
  private static final int N = 100;
  private static final int M = 4;

  enum Labels { INDEX, ONE_HOT, SOFT }

  @ParameterizedTest(name = "{0}, {1}, log base {2}, epsilon {3}")
  @CsvSource({
      "INDEX,   clip,  e, 1e-7, 1",
      "ONE_HOT, clip,  2, 1e-7, 2",
      "SOFT,    clip,  e, 0.05, 3",
      "SOFT,    scale, 2, 1e-5, 4",
      "INDEX,   scale, e, 0.2,  5",
  })
  void matchesTheTextbookFormula(Labels kind, String mode, String base, double epsilon, long seed) {
    double[] p = Fixtures.uniform(seed, N * M, 0, 1);
    double[] y = oneHotOrSoft(kind == Labels.SOFT, seed + 100);
    LossFunction loss = loss("categorical_cross_entropy", "epsilon_mode", mode, "log_base", base, "epsilon", epsilon);

    // Reference: −Σ_j y_j ln q_j / ln(base) per row, q the epsilon transform of p, no renormalisation; mean of rows.
    double sum = 0;
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < M; j++) {
        double q = mode.equals("clip") ? Math.min(Math.max(p[i * M + j], epsilon), 1 - epsilon) : p[i * M + j] * (1 - epsilon);
        if (y[i * M + j] != 0) {
          sum -= y[i * M + j] * Math.log(q) / (base.equals("2") ? Math.log(2) : 1);
        }
      }
    }
    Batch batch = kind == Labels.INDEX ? Batch.ofRows(p, M, indices(y), 1) : Batch.ofRows(p, M, y, M);

    assertThat(loss.value(batch)).isCloseTo(sum / N, relative(sum / N, 1e-12));
  }

  @ParameterizedTest(name = "{0}, log base {1}")
  @CsvSource({"INDEX, e, 11", "ONE_HOT, 2, 12", "SOFT, e, 13"})
  void fromLogitsMatchesTheTextbookFormulaOnTheSoftmax(Labels kind, String base, long seed) {
    double[] x = Fixtures.uniform(seed, N * M, -5, 5);
    double[] y = oneHotOrSoft(kind == Labels.SOFT, seed + 100);
    LossFunction loss = loss("categorical_cross_entropy", "from_logits", true, "log_base", base);

    // Reference: −Σ_j y_j ln softmax_j, the softmax written naively as e^x_j / Σ_k e^x_k.
    double sum = 0;
    for (int i = 0; i < N; i++) {
      double total = 0;
      for (int j = 0; j < M; j++) {
        total += Math.exp(x[i * M + j]);
      }
      for (int j = 0; j < M; j++) {
        sum -= y[i * M + j] * Math.log(Math.exp(x[i * M + j]) / total) / (base.equals("2") ? Math.log(2) : 1);
      }
    }
    Batch batch = kind == Labels.INDEX ? Batch.ofRows(x, M, indices(y), 1) : Batch.ofRows(x, M, y, M);

    assertThat(loss.value(batch)).isCloseTo(sum / N, relative(sum / N, 1e-12));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"", "epsilon_mode=scale log_base=2", "epsilon=0.05", "from_logits=true",
      "from_logits=true log_base=2"})
  void derivativesMatchFiniteDifferences(String configuration) {
    LossFunction loss = Fixtures.REGISTRY.create("categorical_cross_entropy", Fixtures.configuration(configuration));
    boolean logits = loss.parameters().bool("from_logits");
    double[] predictions = logits ? Fixtures.uniform(21, N * M, -8, 8) : Fixtures.uniform(21, N * M, 0.02, 0.98);

    DerivativeChecker.standard().checkRandom(loss, 22, 30, M);
    DerivativeChecker.standard().check(loss, Batch.ofRows(predictions, M, oneHotOrSoft(true, 23), M));
    DerivativeChecker.standard().check(loss,
        Batch.ofRows(predictions, M, oneHotOrSoft(false, 24), M).withWeights(RandomInputs.weights(25, N)));
  }

  @Test
  void aClassIndexIsItsOneHotRow() {
    double[] p = Fixtures.uniform(26, N * M, 0, 1);
    double[] oneHot = oneHotOrSoft(false, 27);
    for (String configuration : new String[] {"reduction=none", "reduction=none from_logits=true"}) {
      LossFunction loss = Fixtures.REGISTRY.create("categorical_cross_entropy", Fixtures.configuration(configuration));
      Batch byIndex = Batch.ofRows(p, M, indices(oneHot), 1);
      Batch byRow = Batch.ofRows(p, M, oneHot, M);

      assertThat(loss.values(byIndex)).containsExactly(loss.values(byRow));
      assertThat(loss.firstDerivatives(byIndex)).containsExactly(loss.firstDerivatives(byRow));
      assertThat(loss.secondDerivatives(byIndex)).containsExactly(loss.secondDerivatives(byRow));
    }
  }

  @Test
  void twoClassLogitsAreBinaryCrossEntropyOfTheirDifference() {
    double[] x = Fixtures.uniform(28, N, -10, 10);
    double[] y = Fixtures.binaryLabels(29, N);
    double[] rows = new double[2 * N];
    for (int i = 0; i < N; i++) {
      rows[2 * i + 1] = x[i];
    }
    double categorical = loss("categorical_cross_entropy", "from_logits", true).value(Batch.ofRows(rows, 2, y, 1));
    double binary = loss("binary_cross_entropy", "from_logits", true).value(Batch.of(x, y));

    assertThat(categorical).isCloseTo(binary, relative(binary, 1e-12));
  }

  @Test
  void hugeLogitsStayExact() {
    LossFunction loss = loss("categorical_cross_entropy", "from_logits", true, "reduction", "none");
    Batch batch = Batch.ofRows(new double[] {1e3, 0, -1e3, 1e3, 0, -1e3}, 3, new double[] {0, 2}, 1);

    assertThat(loss.values(batch)).containsExactly(0, 2000);
    assertThat(loss.firstDerivatives(batch)).containsExactly(0, 0, 0, 1, 0, -1);
    assertThat(loss.secondDerivatives(batch)).containsExactly(0, 0, 0, 0, 0, 0);
  }

  @Test
  void aConfidentRightPredictionKeepsItsDigits() {
    // Reference: logits [40, 0, 0] against class 0: ℓ = log(1 + 2e^−40), ∂ℓ/∂x₀ = s₀ − 1 = −2e^−40/(1 + 2e^−40),
    // ∂²ℓ/∂x₀² = s₀(1 − s₀). Computed as 1 − s₀ in double, all three would be 0.
    LossFunction loss = loss("categorical_cross_entropy", "from_logits", true, "reduction", "none");
    Batch batch = Batch.ofRows(new double[] {40, 0, 0}, 3, new double[] {0}, 1);
    double rest = 2 * Math.exp(-40) / (1 + 2 * Math.exp(-40));

    assertThat(loss.values(batch)[0]).isCloseTo(Math.log1p(2 * Math.exp(-40)), relative(rest, 1e-14));
    assertThat(loss.firstDerivatives(batch)[0]).isCloseTo(-rest, relative(rest, 1e-14));
    assertThat(loss.secondDerivatives(batch)[0]).isCloseTo(rest * (1 - rest), relative(rest, 1e-14));
  }

  @Test
  void aClassIndexOutOfRangeIsRejected() {
    LossFunction loss = loss("categorical_cross_entropy");

    assertThatThrownBy(() -> loss.value(Batch.ofRows(new double[] {0.2, 0.3, 0.5, 0.1, 0.1, 0.8}, 3,
        new double[] {0, 3}, 1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("categorical_cross_entropy: labels row 1, column 0 is 3.0; expected a class index in [0, 3);"
            + " one label column holds class indices, 3 columns hold one-hot rows");
  }

  @Test
  void aOneHotRowThatDoesNotSumToOneIsRejected() {
    LossFunction loss = loss("categorical_cross_entropy");

    assertThatThrownBy(() -> loss.value(Batch.ofRows(new double[] {0.2, 0.3, 0.5}, 3, new double[] {0.5, 0.4, 0}, 3)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("categorical_cross_entropy: labels row 0 sums to 0.9; a one-hot (probability) row must sum to 1");
  }

  @Test
  void logitsMustBeFinite() {
    LossFunction loss = loss("categorical_cross_entropy", "from_logits", true);

    assertThatThrownBy(() -> loss.value(Batch.ofRows(new double[] {0, Double.POSITIVE_INFINITY}, 2, new double[] {0}, 1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 0, column 1 is Infinity; expected any finite number");
  }

  @Test
  void readsWell() {
    assertThat(CategoricalCrossEntropy.from(loss("categorical_cross_entropy").parameters()))
        .hasToString("CategoricalCrossEntropy()");
    assertThat(CategoricalCrossEntropy.from(loss("categorical_cross_entropy", "from_logits", true).parameters()))
        .hasToString("CategoricalCrossEntropy(from_logits=true)");
  }

  /** N rows of M labels: one-hot rows, or soft rows (random, normalised; the last entry of some rows 0). */
  private static double[] oneHotOrSoft(boolean soft, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] labels = new double[N * M];
    for (int i = 0; i < N; i++) {
      if (!soft) {
        labels[i * M + random.nextInt(M)] = 1;
        continue;
      }
      double total = 0;
      for (int j = 0; j < M; j++) {
        labels[i * M + j] = j == M - 1 && i % 3 == 0 ? 0 : random.nextDouble();
        total += labels[i * M + j];
      }
      for (int j = 0; j < M; j++) {
        labels[i * M + j] /= total;
      }
    }
    return labels;
  }

  /** The class index of each one-hot row. */
  private static double[] indices(double[] oneHot) {
    double[] indices = new double[N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < M; j++) {
        if (oneHot[i * M + j] == 1) {
          indices[i] = j;
        }
      }
    }
    return indices;
  }
}
