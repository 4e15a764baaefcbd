package org.losslab.runner.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.losslab.api.Batch;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Location;

/**
 * Expected moments are computed independently of the generator: E[sigmoid(±2 + Z)] and, for three classes,
 * P(Z₀ + 2 beats Z₁ and Z₂) = E[Φ(Z + 2)²], both by 80-point Gauss–Hermite quadrature in NumPy
 * ({@code numpy.polynomial.hermite_e.hermegauss}).
 */
class GeneratedSourceTests {
  private static final Location AT = new Location("experiment.yaml", 9, 5);
  private static final int ROWS = 100_000;

  private final GeneratedSource source = new GeneratedSource();

  @Test
  void regressionLabelsAreAroundOneAndPredictionsCloseToThem() {
    Dataset dataset = source.read(spec("regression", ROWS, 7, 0, 0.5, 3));

    Batch batch = dataset.batch();
    assertThat(dataset.source()).isEqualTo("generated regression");
    assertThat(batch.predictionShape()).isEqualTo("[" + ROWS + ", 1]");
    assertThat(batch.labelShape()).isEqualTo("[" + ROWS + ", 1]");
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < ROWS; i++) {
      assertThat(batch.label(i)).isGreaterThanOrEqualTo(1.0).isLessThan(2.0);
      double noise = batch.prediction(i) - batch.label(i);
      sum += noise;
      squares += noise * noise;
    }
    assertThat(sum / ROWS).isCloseTo(0, within(0.002)); // 4 standard errors of 0.1 / √100000
    assertThat(Math.sqrt(squares / ROWS)).isCloseTo(0.1, within(0.002));
  }

  @Test
  void regressionOutliersAreExactlyTheFractionOfLabelsTimesTenAndTheOtherRowsDoNotChange() {
    Batch clean = source.read(spec("regression", 1000, 42, 0, 0.5, 3)).batch();
    Batch dirty = source.read(spec("regression", 1000, 42, 0.05, 0.5, 3)).batch();

    assertThat(dirty.doublePredictions()).containsExactly(clean.doublePredictions());
    int outliers = 0;
    for (int i = 0; i < 1000; i++) {
      if (dirty.label(i) != clean.label(i)) {
        outliers++;
        assertThat(dirty.label(i)).isEqualTo(10 * clean.label(i));
      }
    }
    assertThat(outliers).isEqualTo(50);
  }

  @Test
  void everyRowIsAnOutlierAtFractionOne() {
    Batch batch = source.read(spec("regression", 100, 1, 1.0, 0.5, 3)).batch();

    for (int i = 0; i < 100; i++) {
      assertThat(batch.label(i)).isGreaterThanOrEqualTo(10.0).isLessThan(20.0);
    }
  }

  @Test
  void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() {
    Batch first = source.read(spec("binary", 1000, 123, 0, 0.5, 3)).batch();
    Batch again = source.read(spec("binary", 1000, 123, 0, 0.5, 3)).batch();
    Batch other = source.read(spec("binary", 1000, 124, 0, 0.5, 3)).batch();

    assertThat(again.doublePredictions()).containsExactly(first.doublePredictions());
    assertThat(again.doubleLabels()).containsExactly(first.doubleLabels());
    assertThat(other.doublePredictions()).isNotEqualTo(first.doublePredictions());
  }

  @Test
  void theRowsAreTheSameOnEveryJavaVersion() {
    // Pinned from this implementation (SplittableRandom, Box–Muller with StrictMath): a change here changes
    // every seeded experiment's numbers, which must be deliberate.
    Batch batch = source.read(spec("regression", 3, 2024, 0, 0.5, 3)).batch();

    assertThat(batch.doubleLabels()).containsExactly(1.2985761611133584, 1.5524212972752784, 1.1367536659557806);
    assertThat(batch.doublePredictions())
        .containsExactly(1.3226777960808402, 1.5089552111618176, 1.2024949046687938);
  }

  @Test
  void binaryLabelsFollowTheClassBalanceAndPredictionsLeanTowardsThem() {
    Batch batch = source.read(spec("binary", ROWS, 5, 0, 0.3, 3)).batch();

    assertThat(batch.predictionShape()).isEqualTo("[" + ROWS + ", 1]");
    int positives = 0;
    double positiveMean = 0;
    double negativeMean = 0;
    for (int i = 0; i < ROWS; i++) {
      double y = batch.label(i);
      double p = batch.prediction(i);
      assertThat(y).isIn(0.0, 1.0);
      assertThat(p).isGreaterThan(0.0).isLessThan(1.0);
      if (y == 1) {
        positives++;
        positiveMean += p;
      } else {
        negativeMean += p;
      }
    }
    assertThat(positives / (double) ROWS).isCloseTo(0.3, within(0.006)); // 4 standard errors
    assertThat(positiveMean / positives).isCloseTo(0.8445, within(0.005)); // E[sigmoid(2 + Z)]
    assertThat(negativeMean / (ROWS - positives)).isCloseTo(0.1555, within(0.005)); // E[sigmoid(−2 + Z)]
  }

  @Test
  void multiclassPredictionsAreProbabilityRowsThatMostlyPickTheLabel() {
    Dataset dataset = source.read(spec("multiclass", ROWS, 11, 0, 0.5, 3));

    Batch batch = dataset.batch();
    assertThat(dataset.source()).isEqualTo("generated multiclass");
    assertThat(batch.predictionShape()).isEqualTo("[" + ROWS + ", 3]");
    assertThat(batch.labelShape()).isEqualTo("[" + ROWS + ", 1]");
    int[] counts = new int[3];
    int top = 0;
    for (int i = 0; i < ROWS; i++) {
      int label = (int) batch.label(i);
      assertThat(batch.label(i)).isEqualTo(label).isBetween(0.0, 2.0);
      counts[label]++;
      double sum = 0;
      int best = 0;
      for (int j = 0; j < 3; j++) {
        double p = batch.prediction(i * 3 + j);
        assertThat(p).isGreaterThan(0.0).isLessThan(1.0);
        sum += p;
        best = p > batch.prediction(i * 3 + best) ? j : best;
      }
      assertThat(sum).isCloseTo(1.0, within(1e-12));
      top += best == label ? 1 : 0;
    }
    for (int count : counts) {
      assertThat(count / (double) ROWS).isCloseTo(1 / 3.0, within(0.006));
    }
    assertThat(top / (double) ROWS).isCloseTo(0.8658, within(0.005)); // E[Φ(Z + 2)²]
  }

  @Test
  void generatesMillionsOfRows() {
    Batch batch = source.read(spec("multiclass", 2_000_000, 3, 0, 0.5, 4)).batch();

    assertThat(batch.predictionShape()).isEqualTo("[2000000, 4]");
  }

  @Test
  void supportsOnlyGeneratedSpecs() {
    assertThat(source.supports(spec("binary", 1, 1, 0, 0.5, 2))).isTrue();
    assertThat(source.supports(new DatasetSpec.Inline("i", AT, new double[0][], new double[0][], null))).isFalse();
  }

  @Test
  void reportsAnUnknownKindWithTheKnownOnes() {
    ExperimentException e = assertThrows(ExperimentException.class,
        () -> source.read(spec("regresion", 10, 1, 0, 0.5, 3)));

    assertThat(e).hasMessage("experiment.yaml:9:5: datasets.g.generate.kind: unknown kind \"regresion\";"
        + " did you mean regression? (kinds: regression, binary, multiclass)");
  }

  @Test
  void reportsParametersOutOfRange() {
    assertThat(assertThrows(ExperimentException.class, () -> source.read(spec("binary", 0, 1, 0, 0.5, 3))))
        .hasMessage("experiment.yaml:9:5: datasets.g.generate.rows: rows (0) must be >= 1");
    assertThat(assertThrows(ExperimentException.class, () -> source.read(spec("regression", 5, 1, 1.5, 0.5, 3))))
        .hasMessage("experiment.yaml:9:5: datasets.g.generate.outlier_fraction: outlier_fraction (1.5) must be in"
            + " [0, 1]");
    assertThat(assertThrows(ExperimentException.class, () -> source.read(spec("binary", 5, 1, 0, Double.NaN, 3))))
        .hasMessage("experiment.yaml:9:5: datasets.g.generate.class_balance: class_balance (NaN) must be in [0, 1]");
    assertThat(assertThrows(ExperimentException.class, () -> source.read(spec("multiclass", 5, 1, 0, 0.5, 1))))
        .hasMessage("experiment.yaml:9:5: datasets.g.generate.classes: classes (1) must be >= 2");
    assertThat(assertThrows(ExperimentException.class,
        () -> source.read(spec("multiclass", Integer.MAX_VALUE, 1, 0, 0.5, 2))))
        .hasMessage("experiment.yaml:9:5: datasets.g.generate: 2147483647 rows of 2 classes are too many: at most"
            + " 2147483639 values fit in one array");
  }

  private static DatasetSpec.Generated spec(String kind, int rows, long seed, double outlierFraction,
      double classBalance, int classes) {
    return new DatasetSpec.Generated("g", AT, kind, rows, seed, outlierFraction, classBalance, classes);
  }
}
