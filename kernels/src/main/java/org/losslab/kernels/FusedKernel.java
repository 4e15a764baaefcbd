package org.losslab.kernels;

import org.losslab.api.Batch;
import org.losslab.api.BatchKernel;
import org.losslab.api.Domains;

/**
 * A {@link Loop} as a {@link BatchKernel}: it reads the batch's arrays directly. One weight per element (one
 * column, or no weights) is one pass over the range, in blocks of {@value #BLOCK} elements whose sums are then
 * added: an accumulator that runs over fewer terms drifts less (a float32 Huber sum over 2¹⁵ elements in one
 * accumulator was 1e-13 off, relative; in blocks, a few 1e-15), and a call per block costs nothing next to 4096
 * elements. Wider weighted rows are summed a row at a time and scaled by the row's weight; a zero weight removes its
 * row, unless the row's sum is not finite: then the kernel's sum is NaN, so that the framework checks the rows and
 * falls back on the definition (which skips the row even where its loss is infinite).
 */
final class FusedKernel implements BatchKernel {
  /** Elements per block: a multiple of every vector width, so that only a range's last block has a tail. */
  private static final int BLOCK = 1 << 12;

  private final Loop loop;

  FusedKernel(Loop loop) {
    this.loop = loop;
  }

  @Override
  public double weightedSum(Batch batch, int fromRow, int toRow) {
    int columns = batch.predictionColumns();
    double[] weights = batch.weights();
    float[] floatPredictions = batch.floatPredictions();
    float[] floatLabels = batch.floatLabels();
    double[] doublePredictions = batch.doublePredictions();
    double[] doubleLabels = batch.doubleLabels();
    boolean floats = floatPredictions != null && floatLabels != null;
    boolean doubles = doublePredictions != null && doubleLabels != null;
    if (!floats && !doubles) {
      return Double.NaN; // mixed precisions, which no Batch factory makes: the definition's job
    }
    if (weights == null || columns == 1) {
      double sum = 0;
      for (int from = fromRow * columns, end = toRow * columns; from < end; from += BLOCK) {
        int to = Math.min(end, from + BLOCK);
        sum += floats
            ? loop.sum(floatPredictions, floatLabels, weights, from, to)
            : loop.sum(doublePredictions, doubleLabels, weights, from, to);
      }
      return sum;
    }
    double sum = 0;
    for (int row = fromRow; row < toRow; row++) {
      int from = row * columns;
      double rowSum = floats
          ? loop.sum(floatPredictions, floatLabels, null, from, from + columns)
          : loop.sum(doublePredictions, doubleLabels, null, from, from + columns);
      double weight = weights[row];
      sum += weight != 0 ? weight * rowSum : Double.isFinite(rowSum) ? 0 : Double.NaN;
    }
    return sum;
  }

  @Override
  public boolean checksInputs(Domains domains) {
    return loop.checks(domains);
  }

  @Override
  public String toString() {
    return "FusedKernel(" + loop.getClass().getSimpleName() + ")";
  }
}
