package org.losslab.runner.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.losslab.runner.experiment.Location;

/**
 * Where a dataset's rows come from, as the experiment file declares it. Every record carries the locations of its
 * fields in the experiment file, so that a problem found while reading the data points back at the line that
 * named it.
 */
public sealed interface DatasetSpec {

  /** The dataset's name, unique in the experiment. */
  String name();

  /** Where the dataset is declared. */
  Location location();

  /** The field path of the dataset in the experiment: {@code datasets.l1-example}. */
  default String path() {
    return "datasets." + name();
  }

  /**
   * Values written in the experiment itself. {@code predictions} and {@code labels} are N rows of M values
   * (a flat list in the file is N rows of one).
   *
   * @param float32 whether the values are evaluated in single precision ({@code dtype: float32}), as NumPy arrays
   *     made with {@code dtype="float32"} are
   */
  record Inline(String name, Location location, double[][] predictions, double[][] labels, double @Nullable [] weights,
      boolean float32) implements DatasetSpec {

    /** Double-precision inline values. */
    public Inline(String name, Location location, double[][] predictions, double[][] labels,
        double @Nullable [] weights) {
      this(name, location, predictions, labels, weights, false);
    }
  }

  /**
   * A CSV file with a header row.
   *
   * @param file the file, resolved against the experiment's folder
   * @param fileLocation where the {@code csv:} value is
   * @param predictionColumns the columns holding the M predictions
   * @param labelColumns the columns holding the labels (M of them, or one class index)
   * @param weightColumn the column holding sample weights, if any
   * @param columnLocations where the {@code predictions:}, {@code labels:} and {@code weights:} values are, by key
   *     (for a column that is not found)
   */
  record Csv(String name, Location location, Path file, Location fileLocation, List<String> predictionColumns,
      List<String> labelColumns, @Nullable String weightColumn, Map<String, Location> columnLocations)
      implements DatasetSpec {

    public Csv {
      columnLocations = Map.copyOf(columnLocations);
    }

    /** A CSV dataset whose column keys are all reported at one location. */
    public Csv(String name, Location location, Path file, Location fileLocation, List<String> predictionColumns,
        List<String> labelColumns, @Nullable String weightColumn, Location columnsLocation) {
      this(name, location, file, fileLocation, predictionColumns, labelColumns, weightColumn,
          Map.of("predictions", columnsLocation, "labels", columnsLocation, "weights", columnsLocation));
    }

    /** Where the value of {@code key} ({@code predictions}, {@code labels}, {@code weights}) is. */
    public Location columnLocation(String key) {
      return columnLocations.getOrDefault(key, location);
    }
  }

  /**
   * NumPy {@code .npy} files, float32 or float64, 1-D (N) or 2-D (N × M), C order, little-endian.
   *
   * @param weights an optional 1-D file of N sample weights
   */
  record Npy(String name, Location location, Path predictions, Path labels, @Nullable Path weights)
      implements DatasetSpec {}

  /**
   * Generated data, reproducible from its seed.
   *
   * @param kind {@code regression} (labels around a line, predictions near them, a fraction of gross outliers),
   *     {@code binary} (0/1 labels with {@code classBalance} positives, calibrated-ish probabilities), or
   *     {@code multiclass} ({@code classes} columns of probabilities, class-index labels)
   */
  record Generated(String name, Location location, String kind, int rows, long seed, double outlierFraction,
      double classBalance, int classes) implements DatasetSpec {}
}
