package org.losslab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BatchTests {

  @Test
  void oneOutputPerRowFromDoubleArrays() {
    Batch batch = Batch.of(new double[] {1, 2, 3}, new double[] {0, 1, 0});

    assertThat(batch.rows()).isEqualTo(3);
    assertThat(batch.predictionColumns()).isEqualTo(1);
    assertThat(batch.labelRows()).isEqualTo(3);
    assertThat(batch.labelColumns()).isEqualTo(1);
    assertThat(batch.predictionShape()).isEqualTo("[3, 1]");
    assertThat(batch.labelShape()).isEqualTo("[3, 1]");
    assertThat(batch.isFloat()).isFalse();
    assertThat(batch.prediction(2)).isEqualTo(3.0);
    assertThat(batch.label(1)).isEqualTo(1.0);
    assertThat(batch.hasWeights()).isFalse();
    assertThat(batch.weightCount()).isEqualTo(-1);
    assertThat(batch.weight(0)).isEqualTo(1.0);
    assertThat(batch.nanPolicy()).isEqualTo(NanPolicy.RAISE);
    assertThat(batch).hasToString("Batch(predictions [3, 1], labels [3, 1])");
  }

  @Test
  void oneOutputPerRowFromFloatArraysReadsBackEveryFloatExactly() {
    float[] predictions = {0.1f, 1e-7f, Float.MAX_VALUE, -Float.MIN_VALUE};
    Batch batch = Batch.of(predictions, new float[] {0.3f, 0f, 1f, 2f});

    assertThat(batch.isFloat()).isTrue();
    assertThat(batch.predictionShape()).isEqualTo("[4, 1]");
    assertThat(batch.floatPredictions()).isSameAs(predictions);
    assertThat(batch.doublePredictions()).isNull();
    for (int i = 0; i < predictions.length; i++) {
      assertThat(batch.prediction(i)).isEqualTo((double) predictions[i]);
    }
    // The float nearest 0.1 is 0.100000001490116119384765625, not the double 0.1.
    assertThat(batch.prediction(0)).isEqualTo(0.100000001490116119384765625).isNotEqualTo(0.1);
    assertThat(batch.label(0)).isEqualTo((double) 0.3f);
    assertThat(batch).hasToString("Batch(predictions [4, 1], labels [4, 1], float32)");
  }

  @Test
  void rowsOfOutputsAreStoredRowMajor() {
    Batch batch = Batch.of(new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[][] {{2}, {0}});

    assertThat(batch.predictionShape()).isEqualTo("[2, 3]");
    assertThat(batch.labelShape()).isEqualTo("[2, 1]");
    assertThat(batch.prediction(0 * 3 + 2)).isEqualTo(3.0);
    assertThat(batch.prediction(1 * 3 + 1)).isEqualTo(5.0);
    assertThat(batch.label(1)).isEqualTo(0.0);
    assertThat(batch.isFloat()).isFalse();
  }

  @Test
  void rowsOfFloatsStayFloatAndReadBackExactly() {
    Batch batch = Batch.of(new float[][] {{0.1f, 0.2f}, {1e-38f, 3.4e38f}}, new float[][] {{0.7f, 0.3f}, {1f, 0f}});

    assertThat(batch.isFloat()).isTrue();
    assertThat(batch.doublePredictions()).isNull();
    assertThat(batch.doubleLabels()).isNull();
    assertThat(batch.floatPredictions()).containsExactly(0.1f, 0.2f, 1e-38f, 3.4e38f);
    assertThat(batch.floatLabels()).containsExactly(0.7f, 0.3f, 1f, 0f);
    assertThat(batch.predictionShape()).isEqualTo("[2, 2]");
    assertThat(batch.prediction(1)).isEqualTo((double) 0.2f);
    assertThat(batch.prediction(2)).isEqualTo((double) 1e-38f);
    assertThat(batch.label(0)).isEqualTo((double) 0.7f);
  }

  @Test
  void rowMajorArraysAreSplitIntoRowsOfTheGivenWidth() {
    Batch doubles = Batch.ofRows(new double[] {1, 2, 3, 4, 5, 6}, 3, new double[] {0, 2}, 1);
    assertThat(doubles.predictionShape()).isEqualTo("[2, 3]");
    assertThat(doubles.labelShape()).isEqualTo("[2, 1]");
    assertThat(doubles.prediction(5)).isEqualTo(6.0);

    Batch floats = Batch.ofRows(new float[] {1, 2, 3, 4}, 2, new float[] {1, 0, 0, 1}, 2);
    assertThat(floats.predictionShape()).isEqualTo("[2, 2]");
    assertThat(floats.labelShape()).isEqualTo("[2, 2]");
    assertThat(floats.isFloat()).isTrue();
  }

  @Test
  void predictionsAreNotCopied() {
    double[] predictions = {1, 2};
    Batch batch = Batch.of(predictions, new double[] {0, 0});

    predictions[1] = 7;

    assertThat(batch.prediction(1)).isEqualTo(7.0);
    assertThat(batch.doublePredictions()).isSameAs(predictions);
  }

  @Test
  void raggedPredictionRowsAreRejectedNamingTheRow() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Batch.of(new double[][] {{1, 2}, {3, 4}, {5, 6, 7}}, new double[][] {{0, 0}, {0, 0}, {0, 0}}));

    assertThat(e).hasMessage("predictions row 2 has 3 values but row 0 has 2; every row must have the same number of values");
    assertThat(e.input()).isEqualTo(InvalidInputException.Input.BATCH);
    assertThat(e.row()).isEqualTo(-1);
  }

  @Test
  void raggedLabelRowsAreRejectedNamingTheRow() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Batch.of(new float[][] {{1, 2}, {3, 4}}, new float[][] {{0, 1}, {1}}));

    assertThat(e).hasMessage("labels row 1 has 1 values but row 0 has 2; every row must have the same number of values");
  }

  @Test
  void rowMajorArraysMustFillWholeRows() {
    InvalidInputException predictions = assertThrows(InvalidInputException.class,
        () -> Batch.ofRows(new double[5], 2, new double[5], 1));
    assertThat(predictions).hasMessage("predictions: 5 values do not fill rows of 2 columns");

    InvalidInputException labels = assertThrows(InvalidInputException.class,
        () -> Batch.ofRows(new float[6], 3, new float[7], 3));
    assertThat(labels).hasMessage("labels: 7 values do not fill rows of 3 columns");

    InvalidInputException zero = assertThrows(InvalidInputException.class,
        () -> Batch.ofRows(new double[4], 0, new double[4], 1));
    assertThat(zero).hasMessage("predictions: 4 values do not fill rows of 0 columns");
  }

  @Test
  void noRowsGiveAnEmptyBatchForTheLossToReject() {
    Batch batch = Batch.of(new double[0][], new double[0][]);

    assertThat(batch.rows()).isZero();
    assertThat(batch.predictionShape()).isEqualTo("[0, 1]");
  }

  @Test
  void withWeightsCopiesTheWeightsAndLeavesTheOriginalUnweighted() {
    Batch batch = Batch.of(new double[] {1, 2}, new double[] {0, 0});
    double[] weights = {0.5, 2};

    Batch weighted = batch.withWeights(weights);
    weights[0] = 100;

    assertThat(weighted.weight(0)).isEqualTo(0.5);
    assertThat(weighted.weight(1)).isEqualTo(2.0);
    assertThat(weighted.hasWeights()).isTrue();
    assertThat(weighted.weightCount()).isEqualTo(2);
    assertThat(weighted).hasToString("Batch(predictions [2, 1], labels [2, 1], weights [2])");
    assertThat(batch.hasWeights()).isFalse();
    assertThat(batch.weight(0)).isEqualTo(1.0);
  }

  @Test
  void withWeightsKeepsTheNanPolicyAndWithNanPolicyKeepsTheWeights() {
    Batch batch = Batch.of(new float[] {1, 2}, new float[] {0, 0});

    Batch both = batch.withNanPolicy(NanPolicy.PROPAGATE).withWeights(new double[] {3, 4});
    Batch bothOtherOrder = batch.withWeights(new double[] {3, 4}).withNanPolicy(NanPolicy.PROPAGATE);

    for (Batch b : new Batch[] {both, bothOtherOrder}) {
      assertThat(b.nanPolicy()).isEqualTo(NanPolicy.PROPAGATE);
      assertThat(b.weight(1)).isEqualTo(4.0);
      assertThat(b.isFloat()).isTrue();
    }
    assertThat(batch.nanPolicy()).isEqualTo(NanPolicy.RAISE);
  }

  @Test
  void withThreadsKeepsEverythingElseAndEveryOtherWithKeepsTheThreads() {
    Batch batch = Batch.of(new float[] {1, 2}, new float[] {0, 0});

    Batch threaded = batch.withThreads(4).withWeights(new double[] {1, 2}).withNanPolicy(NanPolicy.PROPAGATE);

    assertThat(batch.threads()).isEqualTo(1);
    assertThat(threaded.threads()).isEqualTo(4);
    assertThat(threaded.weights()).containsExactly(1, 2);
    assertThat(threaded.nanPolicy()).isEqualTo(NanPolicy.PROPAGATE);
    assertThat(threaded).hasToString("Batch(predictions [2, 1], labels [2, 1], weights [2], float32, 4 threads)");
    assertThat(Batch.of(new float[][] {{1}}, new float[][] {{0}}).withThreads(2).threads()).isEqualTo(2);
  }

  @Test
  void fewerThanOneThreadIsRejected() {
    Batch batch = Batch.of(new double[] {1}, new double[] {0});

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.withThreads(0));

    assertThat(e).hasMessage("threads (0) must be >= 1");
  }
}
