package org.losslab.runner.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.losslab.api.Batch;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Location;

/**
 * Reads datasets from NumPy {@code .npy} files ({@link DatasetSpec.Npy}): predictions of shape (N,) or (N, M),
 * labels of shape (N,) or (N, L), and optionally weights of shape (N,) or (N, 1).
 *
 * <p>The batch stays in single precision when the predictions are {@code <f4} and the labels are {@code <f4} or
 * integers that a float holds exactly (class indices); otherwise both are read in double precision, so that no
 * label loses digits. See {@link NpyArray} for the files that are accepted.
 */
public final class NpySource implements DatasetSource {

  /** A source with nothing to configure. */
  public NpySource() {}

  @Override
  public boolean supports(DatasetSpec spec) {
    return spec instanceof DatasetSpec.Npy;
  }

  @Override
  public DatasetReader open(DatasetSpec spec, ReadOptions options) {
    if (!(spec instanceof DatasetSpec.Npy npy)) {
      throw new IllegalArgumentException("NpySource reads npy datasets, not " + spec);
    }
    List<NpyArray.Values> opened = new ArrayList<>();
    try {
      NpyArray.Values predictions = load(npy, npy.predictions(), "predictions", opened);
      NpyArray.Values labels = load(npy, npy.labels(), "labels", opened);
      if (labels.rows() != predictions.rows()) {
        throw new ExperimentException(npy.location(), npy.path() + ".npy", "labels " + npy.labels() + " have "
            + labels.rows() + " rows (shape " + labels.shapeText() + ") but predictions " + npy.predictions()
            + " have " + predictions.rows() + " (shape " + predictions.shapeText()
            + "); give one label row per prediction row");
      }
      String source = npy.predictions() + ", " + npy.labels();
      NpyArray.Values weights = null;
      Path weightsFile = npy.weights();
      if (weightsFile != null) {
        weights = load(npy, weightsFile, "weights", opened);
        if (weights.columns() != 1 || weights.rows() != predictions.rows()) {
          throw new ExperimentException(npy.location(), npy.path() + ".npy.weights", "weights " + weightsFile
              + " have shape " + weights.shapeText() + " but predictions " + npy.predictions() + " have "
              + predictions.rows() + " rows; expected shape (" + predictions.rows() + ",), one weight per row");
        }
        source += ", " + weightsFile;
      }
      boolean float32 = predictions.isFloat32() && labels.fitsFloat32();
      return new Reader(predictions, labels, weights, float32, options.rowsPerChunk(predictions.columns()), source);
    } catch (RuntimeException e) {
      opened.forEach(NpyArray.Values::close);
      throw e;
    }
  }

  /** Chunks of rows read from the open files, into arrays reused from chunk to chunk. */
  private static final class Reader implements DatasetReader {
    private final NpyArray.Values predictions;
    private final NpyArray.Values labels;
    private final NpyArray.@Nullable Values weights;
    private final boolean float32;
    private final int rowsPerChunk;
    private final String source;
    private final int rows;
    private int next;
    private float @Nullable [] floatPredictions;
    private float @Nullable [] floatLabels;
    private double @Nullable [] doublePredictions;
    private double @Nullable [] doubleLabels;
    private double @Nullable [] weightValues;

    Reader(NpyArray.Values predictions, NpyArray.Values labels, NpyArray.@Nullable Values weights, boolean float32,
        int rowsPerChunk, String source) {
      this.predictions = predictions;
      this.labels = labels;
      this.weights = weights;
      this.float32 = float32;
      this.rowsPerChunk = rowsPerChunk;
      this.source = source;
      this.rows = predictions.rows();
    }

    @Override
    public String source() {
      return source;
    }

    @Override
    public @Nullable Chunk next() {
      if (next >= rows) {
        return null;
      }
      int count = Math.min(rowsPerChunk, rows - next);
      int columns = predictions.columns();
      int labelColumns = labels.columns();
      long from = next;
      Batch batch;
      if (float32) {
        floatPredictions = sized(floatPredictions, count * columns);
        floatLabels = sized(floatLabels, count * labelColumns);
        predictions.read(from * columns, floatPredictions, 0, count * columns);
        labels.read(from * labelColumns, floatLabels, 0, count * labelColumns);
        batch = Batch.ofRows(floatPredictions, columns, floatLabels, labelColumns);
      } else {
        doublePredictions = sized(doublePredictions, count * columns);
        doubleLabels = sized(doubleLabels, count * labelColumns);
        predictions.read(from * columns, doublePredictions, 0, count * columns);
        labels.read(from * labelColumns, doubleLabels, 0, count * labelColumns);
        batch = Batch.ofRows(doublePredictions, columns, doubleLabels, labelColumns);
      }
      if (weights != null) {
        weightValues = sized(weightValues, count);
        weights.read(from, weightValues, 0, count);
        batch = batch.withWeights(weightValues);
      }
      next += count;
      return new Chunk(batch, from);
    }

    @Override
    public double progress() {
      return rows == 0 ? 1 : (double) next / rows;
    }

    @Override
    public void close() {
      predictions.close();
      labels.close();
      if (weights != null) {
        weights.close();
      }
    }

    /** {@code array} if it has {@code length} elements (every chunk but the last), else a new one. */
    private static float[] sized(float @Nullable [] array, int length) {
      return array != null && array.length == length ? array : new float[length];
    }

    private static double[] sized(double @Nullable [] array, int length) {
      return array != null && array.length == length ? array : new double[length];
    }
  }

  private static NpyArray.Values load(DatasetSpec.Npy spec, Path file, String role, List<NpyArray.Values> opened) {
    String path = spec.path() + ".npy." + role;
    if (!Files.exists(file)) {
      throw new ExperimentException(spec.location(), path,
          role + " file not found: " + file.toAbsolutePath().normalize());
    }
    if (Files.isDirectory(file)) {
      throw new ExperimentException(spec.location(), path,
          file.toAbsolutePath().normalize() + " is a directory, not a .npy file");
    }
    if (!Files.isRegularFile(file)) {
      // A FIFO or a device could block forever or never end: refuse before opening it.
      throw new ExperimentException(spec.location(), path,
          file.toAbsolutePath().normalize() + " is not a regular file (a device or a pipe?)");
    }
    NpyArray.Values array = NpyArray.open(file, path);
    opened.add(array);
    if (array.columns() == 0) {
      throw new ExperimentException(Location.of(file.toString()), path,
          "shape " + array.shapeText() + " has no columns; expected at least one value per row");
    }
    return array;
  }
}
