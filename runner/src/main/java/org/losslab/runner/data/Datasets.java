package org.losslab.runner.data;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.losslab.api.Batch;
import org.losslab.runner.experiment.Problem;

/** Whole datasets from chunked readers: for tests, tools and losses that cannot be evaluated chunk by chunk. */
public final class Datasets {
  /** The largest array most JVMs allocate (as {@code ArrayList} assumes): the most values one batch input holds. */
  static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  private Datasets() {}

  /**
   * Every remaining chunk of {@code reader}, joined into one batch in the chunks' precision.
   *
   * @throws org.losslab.runner.experiment.ExperimentException as {@link DatasetReader#next} does
   */
  public static Dataset readAll(String name, DatasetReader reader) {
    List<Batch> batches = new ArrayList<>();
    @Nullable Problem firstNonFinite = null;
    for (Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
      batches.add(copy(chunk.batch()));
      if (firstNonFinite == null) {
        firstNonFinite = chunk.firstNonFinite();
      }
    }
    return new Dataset(name, join(batches), reader.source(), firstNonFinite);
  }

  /** The batches one after the other; they have the same columns, precision and weights (or none). */
  public static Batch join(List<Batch> batches) {
    if (batches.size() == 1) {
      return batches.get(0);
    }
    if (batches.isEmpty()) {
      return Batch.ofRows(new double[0], 1, new double[0], 1);
    }
    Batch first = batches.get(0);
    int rows = 0;
    for (Batch batch : batches) {
      rows = Math.addExact(rows, batch.rows());
    }
    int columns = first.predictionColumns();
    int labelColumns = first.labelColumns();
    Batch joined;
    if (first.isFloat()) {
      float[] predictions = new float[Math.multiplyExact(rows, columns)];
      float[] labels = new float[Math.multiplyExact(rows, labelColumns)];
      int p = 0;
      int l = 0;
      for (Batch batch : batches) {
        System.arraycopy(batch.floatPredictions(), 0, predictions, p, batch.rows() * columns);
        System.arraycopy(batch.floatLabels(), 0, labels, l, batch.rows() * labelColumns);
        p += batch.rows() * columns;
        l += batch.rows() * labelColumns;
      }
      joined = Batch.ofRows(predictions, columns, labels, labelColumns);
    } else {
      double[] predictions = new double[Math.multiplyExact(rows, columns)];
      double[] labels = new double[Math.multiplyExact(rows, labelColumns)];
      int p = 0;
      int l = 0;
      for (Batch batch : batches) {
        System.arraycopy(batch.doublePredictions(), 0, predictions, p, batch.rows() * columns);
        System.arraycopy(batch.doubleLabels(), 0, labels, l, batch.rows() * labelColumns);
        p += batch.rows() * columns;
        l += batch.rows() * labelColumns;
      }
      joined = Batch.ofRows(predictions, columns, labels, labelColumns);
    }
    if (first.hasWeights()) {
      double[] weights = new double[rows];
      int w = 0;
      for (Batch batch : batches) {
        System.arraycopy(batch.weights(), 0, weights, w, batch.rows());
        w += batch.rows();
      }
      joined = joined.withWeights(weights);
    }
    return joined;
  }

  /** A copy of the first {@code rows} rows of a batch (all of them if it has fewer), with its NaN policy. */
  public static Batch head(Batch batch, int rows) {
    int n = Math.min(rows, batch.rows());
    int columns = batch.predictionColumns();
    int labelColumns = batch.labelColumns();
    Batch head = batch.isFloat()
        ? Batch.ofRows(java.util.Arrays.copyOf(batch.floatPredictions(), n * columns), columns,
            java.util.Arrays.copyOf(batch.floatLabels(), n * labelColumns), labelColumns)
        : Batch.ofRows(java.util.Arrays.copyOf(batch.doublePredictions(), n * columns), columns,
            java.util.Arrays.copyOf(batch.doubleLabels(), n * labelColumns), labelColumns);
    head = head.withNanPolicy(batch.nanPolicy()).withFirstRow(batch.firstRow());
    return batch.hasWeights() ? head.withWeights(java.util.Arrays.copyOf(batch.weights(), n)) : head;
  }

  /** A copy of a chunk's batch, whose arrays its reader will not reuse; the NaN policy and first row are kept. */
  public static Batch copy(Batch batch) {
    return head(batch, batch.rows());
  }
}
