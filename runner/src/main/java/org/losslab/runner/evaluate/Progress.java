package org.losslab.runner.evaluate;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/**
 * Progress of a run on stderr, silent for short runs: once a run has taken more than a second, a progress bar per
 * dataset on a terminal, or a line per dataset and per tenth of it elsewhere (a log file, a CI job), so that a long
 * run shows it is alive without cluttering a quick one.
 */
public class Progress {
  private static final long QUIET_NANOS = 1_000_000_000L;
  /** The bar counts percent of a dataset. */
  private static final int STEPS = 100;
  private static final int WIDTH = 100;

  private final PrintWriter err;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private boolean spoke;
  private String dataset = "";
  private String label = "";
  private @Nullable ProgressBar bar;
  /** The tenths of the current dataset already reported in line mode. */
  private int tenths = -1;

  /**
   * Progress written to {@code err}.
   *
   * @param terminal whether {@code err} is a terminal, where a bar can redraw itself
   */
  public Progress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** Line-by-line progress on {@code err}. */
  public Progress(PrintWriter err) {
    this(err, false);
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

  /** Dataset {@code index} of {@code count} starts being read and evaluated. */
  public void reading(String name, int index, int count) {
    dataset = name;
    label = count == 1 ? name : name + " (" + index + "/" + count + ")";
    tenths = -1;
  }

  /** The current dataset has been read this far, from 0 to 1 (NaN when unknown). */
  public void reading(String name, double fraction) {
    if (!name.equals(dataset) || !speak()) {
      return;
    }
    if (terminal) {
      if (bar == null) {
        bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(STEPS).setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(250).setConsumer(new Consumer(err)).hideEta().build();
      }
      if (!Double.isNaN(fraction)) {
        bar.stepTo(Math.round(Math.min(1, Math.max(0, fraction)) * STEPS));
      }
      return;
    }
    int now = Double.isNaN(fraction) ? 0 : (int) Math.floor(Math.min(1, fraction) * 10);
    if (now > tenths) {
      tenths = now;
      err.println(Double.isNaN(fraction) ? "reading " + label + " ..."
          : "reading " + label + ": " + now * 10 + " %");
      err.flush();
    }
  }

  /** The current dataset is finished, read to the end or stopped by a problem. */
  public void read(String name) {
    if (bar != null) {
      bar.close();
      bar = null;
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

  /** The bar's lines, redrawn in place with a carriage return on the run's stderr. */
  private static final class Consumer implements ProgressBarConsumer {
    private final PrintWriter err;

    Consumer(PrintWriter err) {
      this.err = err;
    }

    @Override
    public int getMaxRenderedLength() {
      return WIDTH;
    }

    @Override
    public void accept(String rendered) {
      err.print('\r');
      err.print(rendered);
      err.flush();
    }

    @Override
    public void close() {
      err.println();
      err.flush();
    }
  }
}
