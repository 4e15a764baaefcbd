package org.losslab.runner.evaluate;

import java.util.Locale;

/** The outcome of one (loss configuration, dataset) pair. */
public enum Status {
  /** The value matches the expectation within the relative tolerance. */
  PASS,
  /** The value differs from the expectation by more than the tolerance. */
  FAIL,
  /** The loss failed during evaluation; the result carries its message. */
  ERROR,
  /** The pair was not evaluated (the loss's domains do not accept the data); the result carries the reason. */
  SKIPPED,
  /** Evaluated, with no expectation to compare against. */
  COMPUTED;

  /** The id in reports: {@code pass}, {@code fail}, {@code error}, {@code skipped}, {@code computed}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }
}
