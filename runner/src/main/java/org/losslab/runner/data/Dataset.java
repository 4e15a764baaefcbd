package org.losslab.runner.data;

import org.jspecify.annotations.Nullable;
import org.losslab.api.Batch;
import org.losslab.runner.experiment.Problem;

/**
 * A dataset read into memory, ready for every loss that uses it.
 *
 * @param name the dataset's name in the experiment
 * @param batch its rows: predictions, labels and weights
 * @param source where it came from, for reports: {@code inline}, {@code data/preds.csv}, {@code generated regression}
 * @param firstNonFinite where the first NaN or ±∞ is in the source file, when the source knows lines (CSV); the
 *     evaluator reports it there instead of by row index
 */
public record Dataset(String name, Batch batch, String source, @Nullable Problem firstNonFinite) {

  /** A dataset whose source has no lines to point at. */
  public Dataset(String name, Batch batch, String source) {
    this(name, batch, source, null);
  }
}
