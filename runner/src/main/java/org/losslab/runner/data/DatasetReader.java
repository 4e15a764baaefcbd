package org.losslab.runner.data;

import org.jspecify.annotations.Nullable;

/**
 * A dataset being read chunk by chunk: what streaming evaluation consumes, so that memory stays flat however many
 * rows a file has. Every chunk but the last has exactly {@link ReadOptions#rowsPerChunk} rows for the dataset's
 * prediction columns, so that the chunks, and the values computed from them, do not depend on the file's layout or
 * on the number of threads.
 *
 * <p>Not thread-safe: one caller calls {@link #next} until it returns null, then {@link #close}.
 */
public interface DatasetReader extends AutoCloseable {

  /** Where the rows come from, for reports: {@code inline}, {@code data/preds.csv}, {@code generated regression}. */
  String source();

  /**
   * The next chunk, or null after the last one. The chunk's arrays may be reused by the reader once {@code next} is
   * called again.
   *
   * @throws org.losslab.runner.experiment.ExperimentException at the file, line and column of the first problem in
   *     the rows read (for CSV: a field that is not a number, a row with too few fields; a dataset with no rows)
   */
  @Nullable Chunk next();

  /** How much has been read, from 0 to 1 (bytes of the file, or rows), or NaN when that is not known. */
  double progress();

  /** Releases the file and any threads; never throws. */
  @Override
  void close();

  /** A reader of a dataset already in memory: its batch as one chunk. */
  static DatasetReader of(Dataset dataset) {
    return new DatasetReader() {
      private boolean done;

      @Override
      public String source() {
        return dataset.source();
      }

      @Override
      public @Nullable Chunk next() {
        if (done) {
          return null;
        }
        done = true;
        return new Chunk(dataset.batch(), 0, dataset.firstNonFinite(), false);
      }

      @Override
      public double progress() {
        return done ? 1 : 0;
      }

      @Override
      public void close() {}
    };
  }
}
