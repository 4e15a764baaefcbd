package org.losslab.runner.evaluate;

import java.io.PrintWriter;

/**
 * Progress of a run on stderr: silent for short runs, a line per step once a run has taken more than a second,
 * so that a long run shows it is alive without cluttering a quick one.
 */
public class Progress {
  private static final long QUIET_NANOS = 1_000_000_000L;

  private final PrintWriter err;
  private final long start = System.nanoTime();
  private boolean spoke;

  public Progress(PrintWriter err) {
    this.err = err;
  }

  /** No progress output at all. */
  public static Progress silent() {
    return new Progress(new PrintWriter(java.io.Writer.nullWriter())) {
      @Override
      boolean speak() {
        return false;
      }
    };
  }

  /** A dataset is being read. */
  public void reading(String dataset) {
    if (speak()) {
      err.println("reading " + dataset + " ...");
      err.flush();
    }
  }

  /** Pair {@code index} of {@code total} is being evaluated. */
  public void evaluating(int index, int total, String loss, String dataset) {
    if (speak()) {
      err.printf("[%d/%d] %s on %s%n", index, total, loss, dataset);
      err.flush();
    }
  }

  /** The run is finished. */
  public void done() {
    if (spoke) {
      err.printf("done in %.1f s%n", (System.nanoTime() - start) / 1e9);
      err.flush();
    }
  }

  boolean speak() {
    if (!spoke && System.nanoTime() - start > QUIET_NANOS) {
      spoke = true;
    }
    return spoke;
  }
}
