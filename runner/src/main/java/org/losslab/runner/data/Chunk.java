package org.losslab.runner.data;

import org.jspecify.annotations.Nullable;
import org.losslab.api.Batch;
import org.losslab.runner.experiment.Problem;

/**
 * Consecutive rows of a dataset.
 *
 * @param batch the rows: predictions, labels, and weights when the dataset has them
 * @param firstRow the dataset row number of the batch's row 0 (rows are numbered from 0 after a CSV header)
 * @param firstNonFinite where the first NaN or ±∞ of these rows is in the source file, when the source knows lines
 *     (CSV); without it the evaluator reports the value by its row
 * @param allFinite whether the reader has checked that every value is finite (so the evaluator need not scan the
 *     chunk again); false when it has not, or found one that is not
 */
public record Chunk(Batch batch, long firstRow, @Nullable Problem firstNonFinite, boolean allFinite) {

  /** Rows whose source has no lines to point at, and that nobody has checked yet. */
  public Chunk(Batch batch, long firstRow) {
    this(batch, firstRow, null, false);
  }
}
