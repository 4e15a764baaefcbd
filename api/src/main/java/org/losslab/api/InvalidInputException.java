package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The data cannot be evaluated: shapes that do not match, an empty batch, a NaN or ±∞, a value outside the loss's
 * domain, a bad weight. When the problem is one value, {@link #row()} and {@link #column()} say where it is
 * (0-based), so that a caller reading a file can translate them into its own line numbers.
 */
@API(status = STABLE, since = "0.1")
public class InvalidInputException extends LossException {
  private static final long serialVersionUID = 1L;

  /** Which input the problem is in. */
  public enum Input {
    PREDICTIONS,
    LABELS,
    WEIGHTS,
    /** The batch as a whole: its shape or its size. */
    BATCH;

    /** The input's name in messages. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Input input;
  private final int row;
  private final int column;

  /** An error about the batch as a whole (shape, size). */
  public InvalidInputException(String message) {
    this(message, Input.BATCH, -1, -1);
  }

  /** An error about one value, at a 0-based row and column. */
  public InvalidInputException(String message, Input input, int row, int column) {
    super(message);
    this.input = input;
    this.row = row;
    this.column = column;
  }

  /** The input the problem is in. */
  public Input input() {
    return input;
  }

  /**
   * The 0-based row of the offending value, or −1 when the problem is not one value. For a batch that is a chunk of
   * a dataset ({@link Batch#withFirstRow}), the dataset's row.
   */
  public int row() {
    return row;
  }

  /** The 0-based column of the offending value, or −1 when the problem is not one value. */
  public int column() {
    return column;
  }
}
