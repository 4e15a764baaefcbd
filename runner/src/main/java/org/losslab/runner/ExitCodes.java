package org.losslab.runner;

/** What {@code losslab} exits with. */
public final class ExitCodes {
  /** Everything evaluated and every expectation met. */
  public static final int OK = 0;
  /** An expectation failed. */
  public static final int EXPECTATION_FAILED = 1;
  /** The invocation, the experiment or the data is invalid; nothing was evaluated. */
  public static final int INVALID = 2;
  /** A loss failed during evaluation; the other results were still reported. */
  public static final int EVALUATION_FAILED = 3;

  private ExitCodes() {}
}
