package org.losslab.runner.data;

import org.losslab.api.Batch;
import org.losslab.runner.experiment.ExperimentException;

/**
 * Reads datasets written in the experiment itself ({@link DatasetSpec.Inline}): N rows of M predictions, N rows of
 * labels and optionally N weights, already parsed from YAML.
 *
 * <p>The rows must be rectangular and the three inputs must have the same number of rows; a problem is reported at
 * the dataset's declaration, since the values themselves carry no line numbers.
 */
public final class InlineSource implements DatasetSource {

  /** A source with nothing to configure. */
  public InlineSource() {}

  @Override
  public boolean supports(DatasetSpec spec) {
    return spec instanceof DatasetSpec.Inline;
  }

  @Override
  public DatasetReader open(DatasetSpec spec, ReadOptions options) {
    return DatasetReader.of(read(spec));
  }

  @Override
  public Dataset read(DatasetSpec spec) {
    if (!(spec instanceof DatasetSpec.Inline inline)) {
      throw new IllegalArgumentException("InlineSource reads inline datasets, not " + spec);
    }
    double[] predictions = flatten(inline, inline.predictions(), "predictions");
    double[] labels = flatten(inline, inline.labels(), "labels");
    int rows = inline.predictions().length;
    if (inline.labels().length != rows) {
      throw problem(inline, inline.labels().length + " label rows do not match " + rows
          + " prediction rows; give one label row per prediction row");
    }
    Batch batch = inline.float32()
        ? Batch.ofRows(toFloat(predictions), width(inline.predictions()), toFloat(labels), width(inline.labels()))
        : Batch.ofRows(predictions, width(inline.predictions()), labels, width(inline.labels()));
    double[] weights = inline.weights();
    if (weights != null) {
      if (weights.length != rows) {
        throw problem(inline, weights.length + " weights do not match " + rows
            + " prediction rows; give one weight per row");
      }
      batch = batch.withWeights(weights);
    }
    return new Dataset(inline.name(), batch, "inline");
  }

  /** The rows one after the other, after checking that every row has as many values as the first. */
  private static double[] flatten(DatasetSpec.Inline spec, double[][] rows, String what) {
    int width = width(rows);
    if (width == 0) {
      throw problem(spec, what + " row 0 is empty; every row needs at least one value");
    }
    double[] flat = new double[Math.multiplyExact(rows.length, width)];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != width) {
        throw problem(spec, what + " row " + i + " has " + rows[i].length + (rows[i].length == 1 ? " value" : " values")
            + " but row 0 has " + width + "; every row needs the same number of values");
      }
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    return flat;
  }

  /** The values rounded to single precision, as NumPy's {@code astype("float32")}. */
  private static float[] toFloat(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }

  /** M, the values per row: that of the first row, and 1 for no rows (so that an empty batch has a shape). */
  private static int width(double[][] rows) {
    return rows.length == 0 ? 1 : rows[0].length;
  }

  private static ExperimentException problem(DatasetSpec spec, String message) {
    return new ExperimentException(spec.location(), spec.path(), message);
  }
}
