package org.losslab.runner.data;

/**
 * Reads one kind of {@link DatasetSpec} into a {@link Dataset}. Sources are bound with a Guice {@code Multibinder};
 * the first one that {@linkplain #supports supports} a spec reads it.
 */
public interface DatasetSource {

  /** Whether this source reads datasets declared like {@code spec}. */
  boolean supports(DatasetSpec spec);

  /**
   * Reads the dataset.
   *
   * @throws org.losslab.runner.experiment.ExperimentException with the file, line and column (for CSV: the data
   *     file's line and the column's name; for .npy: what is wrong with the header or payload) of the first problem
   */
  Dataset read(DatasetSpec spec);
}
