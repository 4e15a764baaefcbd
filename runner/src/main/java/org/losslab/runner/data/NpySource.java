package org.losslab.runner.data;

import java.nio.file.Files;
import java.nio.file.Path;
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
    return DatasetReader.of(read(spec));
  }

  @Override
  public Dataset read(DatasetSpec spec) {
    if (!(spec instanceof DatasetSpec.Npy npy)) {
      throw new IllegalArgumentException("NpySource reads npy datasets, not " + spec);
    }
    NpyArray predictions = load(npy, npy.predictions(), "predictions");
    NpyArray labels = load(npy, npy.labels(), "labels");
    if (labels.rows() != predictions.rows()) {
      throw new ExperimentException(npy.location(), npy.path() + ".npy", "labels " + npy.labels() + " have "
          + labels.rows() + " rows (shape " + labels.shapeText() + ") but predictions " + npy.predictions() + " have "
          + predictions.rows() + " (shape " + predictions.shapeText() + "); give one label row per prediction row");
    }
    Batch batch = predictions.isFloat32() && labels.fitsFloat32()
        ? Batch.ofRows(predictions.floats(), predictions.columns(), labels.floats(), labels.columns())
        : Batch.ofRows(predictions.doubles(), predictions.columns(), labels.doubles(), labels.columns());
    String source = npy.predictions() + ", " + npy.labels();
    Path weightsFile = npy.weights();
    if (weightsFile != null) {
      NpyArray weights = load(npy, weightsFile, "weights");
      if (weights.columns() != 1 || weights.rows() != predictions.rows()) {
        throw new ExperimentException(npy.location(), npy.path() + ".npy.weights", "weights " + weightsFile
            + " have shape " + weights.shapeText() + " but predictions " + npy.predictions() + " have "
            + predictions.rows() + " rows; expected shape (" + predictions.rows() + ",), one weight per row");
      }
      batch = batch.withWeights(weights.doubles());
      source += ", " + weightsFile;
    }
    return new Dataset(npy.name(), batch, source);
  }

  private static NpyArray load(DatasetSpec.Npy spec, Path file, String role) {
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
    NpyArray array = NpyArray.read(file, path);
    if (array.columns() == 0) {
      throw new ExperimentException(Location.of(file.toString()), path,
          "shape " + array.shapeText() + " has no columns; expected at least one value per row");
    }
    return array;
  }
}
