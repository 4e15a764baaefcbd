package org.losslab.runner.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.losslab.api.Batch;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Location;
import org.junit.jupiter.api.Test;

class InlineSourceTests {
  private static final Location AT = new Location("experiment.yaml", 4, 5);

  private final InlineSource source = new InlineSource();

  @Test
  void readsRowsOfPredictionsAndLabelsRowMajor() {
    Dataset dataset = source.read(new DatasetSpec.Inline("pairs", AT,
        new double[][] {{0.1, 0.9}, {0.8, 0.2}, {0.5, 0.5}}, new double[][] {{0}, {1}, {1}}, null));

    Batch batch = dataset.batch();
    assertThat(dataset.name()).isEqualTo("pairs");
    assertThat(dataset.source()).isEqualTo("inline");
    assertThat(batch.predictionShape()).isEqualTo("[3, 2]");
    assertThat(batch.labelShape()).isEqualTo("[3, 1]");
    assertThat(batch.doublePredictions()).containsExactly(0.1, 0.9, 0.8, 0.2, 0.5, 0.5);
    assertThat(batch.doubleLabels()).containsExactly(0, 1, 1);
    assertThat(batch.hasWeights()).isFalse();
    assertThat(batch.isFloat()).isFalse();
  }

  @Test
  void readsWeights() {
    Batch batch = source.read(new DatasetSpec.Inline("w", AT, new double[][] {{1.5}, {2.0}},
        new double[][] {{1.0}, {15.0}}, new double[] {1.0, 0.5})).batch();

    assertThat(batch.weightCount()).isEqualTo(2);
    assertThat(batch.weight(0)).isEqualTo(1.0);
    assertThat(batch.weight(1)).isEqualTo(0.5);
  }

  @Test
  void supportsOnlyInlineSpecs() {
    assertThat(source.supports(new DatasetSpec.Inline("a", AT, new double[0][], new double[0][], null))).isTrue();
    assertThat(source.supports(new DatasetSpec.Generated("g", AT, "binary", 3, 1, 0, 0.5, 2))).isFalse();
  }

  @Test
  void reportsARaggedPredictionRowAtTheDataset() {
    ExperimentException e = assertThrows(ExperimentException.class, () -> source.read(new DatasetSpec.Inline("d", AT,
        new double[][] {{1, 2}, {3, 4}, {5}}, new double[][] {{1}, {2}, {3}}, null)));

    assertThat(e).hasMessage("experiment.yaml:4:5: datasets.d: predictions row 2 has 1 value but row 0 has 2;"
        + " every row needs the same number of values");
    assertThat(e.problems()).singleElement().extracting(p -> p.location()).isEqualTo(AT);
  }

  @Test
  void reportsARaggedLabelRow() {
    ExperimentException e = assertThrows(ExperimentException.class, () -> source.read(new DatasetSpec.Inline("d", AT,
        new double[][] {{1}, {2}}, new double[][] {{1}, {2, 3}}, null)));

    assertThat(e).hasMessage("experiment.yaml:4:5: datasets.d: labels row 1 has 2 values but row 0 has 1;"
        + " every row needs the same number of values");
  }

  @Test
  void reportsAnEmptyRow() {
    ExperimentException e = assertThrows(ExperimentException.class, () -> source.read(new DatasetSpec.Inline("d", AT,
        new double[][] {{}, {}}, new double[][] {{1}, {2}}, null)));

    assertThat(e).hasMessage("experiment.yaml:4:5: datasets.d: predictions row 0 is empty;"
        + " every row needs at least one value");
  }

  @Test
  void reportsLabelRowsThatDoNotMatchPredictionRows() {
    ExperimentException e = assertThrows(ExperimentException.class, () -> source.read(new DatasetSpec.Inline("d", AT,
        new double[][] {{1}, {2}, {3}}, new double[][] {{1}, {2}}, null)));

    assertThat(e).hasMessage("experiment.yaml:4:5: datasets.d: 2 label rows do not match 3 prediction rows;"
        + " give one label row per prediction row");
  }

  @Test
  void reportsAWrongNumberOfWeights() {
    ExperimentException e = assertThrows(ExperimentException.class, () -> source.read(new DatasetSpec.Inline("d", AT,
        new double[][] {{1}, {2}, {3}}, new double[][] {{1}, {2}, {3}}, new double[] {1, 1})));

    assertThat(e).hasMessage("experiment.yaml:4:5: datasets.d: 2 weights do not match 3 prediction rows;"
        + " give one weight per row");
  }

  @Test
  void leavesAnEmptyDatasetToTheLossToReport() {
    Batch batch = source.read(new DatasetSpec.Inline("d", AT, new double[0][], new double[0][], null)).batch();

    assertThat(batch.rows()).isZero();
    assertThat(batch.predictionShape()).isEqualTo("[0, 1]");
  }
}
