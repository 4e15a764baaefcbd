package org.losslab.runner.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.api.Batch;

class DatasetContentTests {

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 1000, 4096, 9999})
  void theHashDoesNotDependOnHowTheRowsAreChunked(int rowsPerChunk) {
    SplittableRandom random = new SplittableRandom(5);
    int rows = 10_000;
    double[] predictions = random.doubles(rows * 2L).toArray();
    double[] labels = random.doubles(rows * 2L).toArray();
    double[] weights = random.doubles(rows).toArray();
    String whole = DatasetContent.sha256(Batch.ofRows(predictions, 2, labels, 2).withWeights(weights));

    DatasetContent.Hash chunked = new DatasetContent.Hash();
    for (int from = 0; from < rows; from += rowsPerChunk) {
      int to = Math.min(rows, from + rowsPerChunk);
      chunked.add(Batch.ofRows(Arrays.copyOfRange(predictions, 2 * from, 2 * to), 2,
          Arrays.copyOfRange(labels, 2 * from, 2 * to), 2).withWeights(Arrays.copyOfRange(weights, from, to)));
    }
    assertThat(chunked.hex()).isEqualTo(whole);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 9_999})
  void oneChangedValueOrShapeChangesTheHash(int row) {
    double[] predictions = new SplittableRandom(6).doubles(10_000).toArray();
    double[] labels = predictions.clone();
    String before = DatasetContent.sha256(Batch.of(predictions, labels));
    predictions[row] = Math.nextUp(predictions[row]);
    assertThat(DatasetContent.sha256(Batch.of(predictions, labels))).isNotEqualTo(before);
    // The same 10,000 values as 5,000 rows of two columns are another dataset.
    predictions[row] = Math.nextDown(predictions[row]);
    assertThat(DatasetContent.sha256(Batch.ofRows(predictions, 2, labels, 2))).isNotEqualTo(before);
  }
}
