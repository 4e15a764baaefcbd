package org.losslab.runner.data;

/**
 * How a dataset is read.
 *
 * @param chunkElements about how many prediction values a chunk holds; see {@link #rowsPerChunk}
 * @param threads how many threads a reader may use (a CSV reader parses blocks of the file in parallel)
 */
public record ReadOptions(int chunkElements, int threads) {
  /**
   * The evaluation kernels cut a batch into chunks of 2<sup>15</sup> elements ({@code org.losslab.api.Chunks}); a
   * reader's chunk is a whole number of those, so that the sums are the same as for the whole batch.
   */
  private static final int KERNEL_CHUNK_ELEMENTS = 1 << 15;

  /** 2<sup>20</sup> elements per chunk (8 MB of doubles per input), on every processor. */
  public static ReadOptions defaults() {
    return new ReadOptions(1 << 20, Runtime.getRuntime().availableProcessors());
  }

  public ReadOptions {
    if (chunkElements < 1 || threads < 1) {
      throw new IllegalArgumentException("chunkElements and threads must be >= 1: " + chunkElements + ", " + threads);
    }
  }

  /**
   * Rows per chunk for a dataset of {@code predictionColumns} columns: a whole number of the kernels' chunks
   * (2<sup>15</sup> / M rows each). Below 2<sup>15</sup> elements (tests of chunk boundaries), {@code
   * chunkElements / M} rows, at least one.
   */
  public int rowsPerChunk(int predictionColumns) {
    int columns = Math.max(1, predictionColumns);
    if (chunkElements < KERNEL_CHUNK_ELEMENTS) {
      return Math.max(1, chunkElements / columns);
    }
    int kernelRows = Math.max(1, KERNEL_CHUNK_ELEMENTS / columns);
    int kernelChunks = Math.max(1, chunkElements / KERNEL_CHUNK_ELEMENTS);
    return (int) Math.min(Integer.MAX_VALUE - 8, (long) kernelRows * kernelChunks);
  }
}
