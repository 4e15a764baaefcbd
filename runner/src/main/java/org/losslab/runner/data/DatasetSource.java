package org.losslab.runner.data;

/**
 * Reads one kind of {@link DatasetSpec}. Sources are bound with a Guice {@code Multibinder}; the first one that
 * {@linkplain #supports supports} a spec reads it.
 */
public interface DatasetSource {

  /** Whether this source reads datasets declared like {@code spec}. */
  boolean supports(DatasetSpec spec);

  /**
   * Opens the dataset for reading chunk by chunk. Problems found before any row is read (a missing file, a header
   * without the named columns, a .npy header that is not valid) are thrown here; problems in the rows, by
   * {@link DatasetReader#next}.
   *
   * @throws org.losslab.runner.experiment.ExperimentException with the file, line and column (for CSV: the data
   *     file's line and the column's name; for .npy: what is wrong with the header or payload) of the problem
   */
  DatasetReader open(DatasetSpec spec, ReadOptions options);

  /**
   * Reads the whole dataset into memory: every chunk of {@link #open}, joined.
   *
   * @throws org.losslab.runner.experiment.ExperimentException as {@link #open} and {@link DatasetReader#next} do
   */
  default Dataset read(DatasetSpec spec) {
    try (DatasetReader reader = open(spec, ReadOptions.defaults())) {
      return Datasets.readAll(spec.name(), reader);
    }
  }
}
