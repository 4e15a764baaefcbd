package org.losslab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chunked, parallel reduction: the same bits for every thread count, errors named as on one thread, and an
 * accurate sum of many float32 elements, against a reference summed here with Neumaier's compensated sum of terms
 * that are exact doubles.
 */
class ParallelReductionTests {
  /** Squared error, without a kernel: the per-element definition is what runs. */
  private static final ElementLoss SQUARED = (p, y) -> (p - y) * (p - y);

  private static final int[] THREADS = {1, 2, 3, 4, 7, 16};

  private static LossFunction squared(String reduction, @Nullable BatchKernel kernel) {
    Parameters parameters = Parameters.validate("sq", List.of(), Map.of("reduction", reduction));
    return kernel == null ? LossFunction.elementwise("sq", parameters, Domains.REGRESSION, SQUARED)
        : LossFunction.elementwise("sq", parameters, Domains.REGRESSION, SQUARED, kernel);
  }

  /** A kernel as a built-in loss has one: a plain loop over the row range. */
  private static final BatchKernel SQUARED_KERNEL = (batch, fromRow, toRow) -> {
    int columns = batch.predictionColumns();
    double sum = 0;
    for (int row = fromRow; row < toRow; row++) {
      double rowSum = 0;
      for (int i = row * columns; i < (row + 1) * columns; i++) {
        double r = batch.prediction(i) - batch.label(i);
        rowSum += r * r;
      }
      sum += batch.weight(row) * rowSum;
    }
    return sum;
  };

  private static Batch random(int rows, int columns, boolean weighted, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] predictions = new float[rows * columns];
    float[] labels = new float[rows * columns];
    for (int i = 0; i < predictions.length; i++) {
      predictions[i] = (float) random.nextDouble(-3, 3);
      labels[i] = (float) random.nextDouble(-3, 3);
    }
    Batch batch = Batch.ofRows(predictions, columns, labels, columns);
    if (weighted) {
      double[] weights = new double[rows];
      for (int row = 0; row < rows; row++) {
        weights[row] = row % 7 == 0 ? 0 : random.nextDouble(0, 5);
      }
      batch = batch.withWeights(weights);
    }
    return batch;
  }

  @ParameterizedTest(name = "{0} columns, weighted: {1}")
  @CsvSource({"1, false", "1, true", "3, false", "3, true", "40000, true"})
  void everyThreadCountGivesTheSameBits(int columns, boolean weighted) {
    // 10.5 chunks of 2^15 elements, so that the last chunk is partial.
    int rows = Math.max(3, (int) (10.5 * Chunks.CHUNK_ELEMENTS) / columns);
    Batch batch = random(rows, columns, weighted, 1);
    for (BatchKernel kernel : Arrays.asList(null, SQUARED_KERNEL)) {
      for (String reduction : new String[] {"mean", "sum"}) {
        LossFunction loss = squared(reduction, kernel);
        double oneThread = loss.value(batch);
        for (int threads : THREADS) {
          assertThat(loss.value(batch.withThreads(threads)))
              .as("%s, %s, %d threads", kernel == null ? "definition" : "kernel", reduction, threads)
              .isEqualTo(oneThread);
          assertThat(loss.partial(batch.withThreads(threads))).isEqualTo(loss.partial(batch));
        }
      }
    }
  }

  @Test
  void rowwiseLossesGiveTheSameBitsOnEveryThreadCount() {
    RowLoss sumOfSquares = (predictions, labels) -> {
      double sum = 0;
      for (int j = 0; j < predictions.length; j++) {
        sum += (predictions[j] - labels[j]) * (predictions[j] - labels[j]);
      }
      return sum;
    };
    LossFunction loss = LossFunction.rowwise("rows", Parameters.validate("rows", List.of(), Map.of()),
        Domains.REGRESSION, sumOfSquares);
    Batch batch = random(5 * Chunks.CHUNK_ELEMENTS / 4 + 1, 4, true, 2);

    double oneThread = loss.value(batch);

    for (int threads : THREADS) {
      assertThat(loss.value(batch.withThreads(threads))).isEqualTo(oneThread);
    }
  }

  @Test
  void chunksHaveAFixedSizeWhateverTheThreadCount() {
    Map<Integer, Integer> ranges = new ConcurrentHashMap<>();
    BatchKernel recording = (batch, fromRow, toRow) -> {
      ranges.put(fromRow, toRow);
      return 0;
    };
    Batch batch = random(3 * Chunks.CHUNK_ELEMENTS + 5, 1, false, 3).withThreads(3);

    squared("sum", recording).value(batch);

    int size = Chunks.CHUNK_ELEMENTS;
    assertThat(ranges).containsExactlyInAnyOrderEntriesOf(Map.of(0, size, size, 2 * size, 2 * size, 3 * size,
        3 * size, 3 * size + 5));
  }

  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {1, 2})
  void aKernelThatThrowsFailsTheEvaluationWithItsOwnException(int threads) {
    IllegalStateException thrown = new IllegalStateException("kernel failed on purpose");
    BatchKernel failing = (batch, fromRow, toRow) -> {
      if (fromRow >= 5 * Chunks.CHUNK_ELEMENTS) {
        throw thrown;
      }
      return 1;
    };

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> squared("mean", failing).value(random(8 * Chunks.CHUNK_ELEMENTS, 1, false, 4).withThreads(threads)));

    assertThat(e).isSameAs(thrown);
  }

  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {1, 2})
  void aBadValueFarIntoALargeBatchIsNamedAsOnOneThread(int threads) {
    Batch batch = random(9 * Chunks.CHUNK_ELEMENTS, 1, false, 5);
    int row = 6 * Chunks.CHUNK_ELEMENTS + 17;
    float[] predictions = batch.floatPredictions();
    predictions[row] = Float.NaN;
    predictions[row + 1000] = Float.POSITIVE_INFINITY;

    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> squared("mean", SQUARED_KERNEL).value(batch.withThreads(threads)));
    InvalidInputException fromValidate = assertThrows(InvalidInputException.class,
        () -> squared("mean", null).validate(batch.withThreads(threads)));

    assertThat(e).hasMessage("sq: predictions row " + row + ", column 0 is NaN; expected any finite number; "
        + "data must be finite (or choose a NaN policy)");
    assertThat(fromValidate).hasMessage(e.getMessage());
  }

  @Test
  void aNegativeWeightFarIntoALargeBatchIsNamed() {
    double[] weights = new double[5 * Chunks.CHUNK_ELEMENTS];
    Arrays.fill(weights, 1);
    weights[weights.length - 2] = -1;
    Batch batch = random(weights.length, 1, false, 6).withWeights(weights).withThreads(2);

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> squared("mean", null).value(batch));

    assertThat(e).hasMessage("sq: weights row " + (weights.length - 2) + " is -1.0; expected a finite weight >= 0");
  }

  @Test
  void labelsOutsideTheirDomainAreFoundInLargeBatches() {
    int rows = 5 * Chunks.CHUNK_ELEMENTS;
    double[] predictions = new double[rows];
    double[] binary = new double[rows];
    double[] signs = new double[rows];
    for (int i = 0; i < rows; i++) {
      predictions[i] = 0.5;
      binary[i] = i % 2;
      signs[i] = i % 2 == 0 ? -1 : 1;
    }
    LossFunction probabilities = LossFunction.elementwise("p", Parameters.validate("p", List.of(), Map.of()),
        new Domains(PredictionDomain.PROBABILITY, LabelDomain.BINARY), SQUARED);
    LossFunction margins = LossFunction.elementwise("m", Parameters.validate("m", List.of(), Map.of()),
        new Domains(PredictionDomain.REAL, LabelDomain.SIGN), SQUARED);
    assertThat(probabilities.value(Batch.of(predictions, binary).withThreads(2))).isEqualTo(0.25);
    assertThat(margins.value(Batch.of(predictions, signs).withThreads(2))).isEqualTo((0.25 + 2.25) / 2);

    binary[rows - 3] = 1e-300; // y(1 − y) is 1e-300, not 0
    signs[rows - 4] = Math.nextDown(1.0);
    predictions[rows - 5] = Math.nextUp(1.0);

    assertThat(assertThrows(InvalidInputException.class, () -> probabilities.validate(
        Batch.of(new double[rows], binary).withThreads(2)))).hasMessageContaining("labels row " + (rows - 3));
    assertThat(assertThrows(InvalidInputException.class, () -> margins.validate(
        Batch.of(new double[rows], signs).withThreads(2)))).hasMessageContaining("labels row " + (rows - 4));
    assertThat(assertThrows(InvalidInputException.class, () -> probabilities.validate(
        Batch.of(predictions, new double[rows]).withThreads(2)))).hasMessageContaining("predictions row " + (rows - 5));
  }

  @Test
  void nanPropagatesThroughALargeBatch() {
    Batch batch = random(4 * Chunks.CHUNK_ELEMENTS, 1, false, 7);
    batch.floatLabels()[3 * Chunks.CHUNK_ELEMENTS] = Float.NaN;

    assertThat(squared("mean", SQUARED_KERNEL).value(batch.withNanPolicy(NanPolicy.PROPAGATE).withThreads(2)))
        .isNaN();
  }

  @Test
  void aKernelSumThatIsNotFiniteIsRecomputedWithTheDefinition() {
    // The kernel says +∞ for its chunk; the definition, which skips the zero-weight row, says otherwise.
    BatchKernel careless = (batch, fromRow, toRow) -> Double.POSITIVE_INFINITY;
    Batch batch = Batch.of(new double[] {1, 2}, new double[] {0, 0}).withWeights(new double[] {1, 0});

    assertThat(squared("sum", careless).value(batch)).isEqualTo(1.0);
  }

  /**
   * A mean of 10⁷ float32 squared differences: each (p − y)² is an exact double (a float difference has at most
   * 25 significant bits, its square at most 50), so Neumaier's sum of them is the exact sum to within an ulp. The
   * chunked sum is held to 1e-14 relative; a single double accumulator over 10⁷ terms would typically be off by
   * about √n·ε ≈ 3e-13 (and a float32 accumulator would stall entirely: 1e7 · 1 = 1.6e7 for float).
   */
  @Test
  void aSumOfTenMillionFloat32ElementsIsAccurate() {
    int n = 10_000_000;
    SplittableRandom random = new SplittableRandom(8);
    float[] predictions = new float[n];
    float[] labels = new float[n];
    AbstractLossFunction.Sum exact = new AbstractLossFunction.Sum();
    for (int i = 0; i < n; i++) {
      predictions[i] = (float) random.nextDouble(0, 10);
      labels[i] = (float) random.nextDouble(0, 1);
      double r = (double) predictions[i] - labels[i];
      exact.add(r * r);
    }
    Batch batch = Batch.of(predictions, labels);

    double sum = squared("sum", SQUARED_KERNEL).value(batch.withThreads(2));
    double mean = squared("mean", null).value(batch);

    assertThat(Math.abs(sum - exact.value()) / exact.value()).isLessThan(1e-14);
    assertThat(Math.abs(mean - exact.value() / n) / (exact.value() / n)).isLessThan(1e-14);
  }
}
